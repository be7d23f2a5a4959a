"""The shared duplicate filter: scrapy-redis's Redis set of fingerprints.

scrapy-redis 0.9.1 builds it through ``from_settings`` (deprecated for
Scrapy components), computes its own fingerprints instead of the crawler's
``REQUEST_FINGERPRINTER_CLASS``, and deletes the set whenever one worker
closes, under the feet of the others. This subclass takes the crawler's
fingerprinter, is built from the crawler, and leaves clean-up to the
scheduler, which deletes the set only when the whole crawl is done. The
scheduler marks a fingerprint seen and queues its request in one Lua script
(:data:`~.scheduler.SEEN_AND_PUSH`), so that an outage between the two can
never leave a request seen but not queued.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter


class RedisDupeFilter(RFPDupeFilter):
    def __init__(self, server: Any, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        pass  # shared with the other workers: see RedisScheduler.spider_idle
