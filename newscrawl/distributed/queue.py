"""The shared request queue: scrapy-redis's priority queue, popped by a claim.

A worker that pops a request also marks itself busy, in one Lua script, so
another worker that finds the queue empty can tell whether the crawl is over
or a busy worker may still add requests (see :mod:`.scheduler`).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue

# Pop the best-scored request and mark the worker busy until now + ttl.
POP_AND_CLAIM = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0)
if #found == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local now = redis.call('TIME')
redis.call('HSET', KEYS[2], ARGV[1], tonumber(now[1]) + tonumber(ARGV[2]))
return found[1]
"""


class ClaimingPriorityQueue(PriorityQueue):
    """scrapy-redis's sorted-set queue whose pop also claims the work for a worker."""

    def __init__(
        self, server: Any, spider: Any, key: str, workers_key: str, worker: str, ttl: int
    ) -> None:
        super().__init__(server, spider, key)
        self.workers_key = workers_key
        self.worker = worker
        self.ttl = ttl
        self._pop = server.register_script(POP_AND_CLAIM)

    def pop(self, timeout: int = 0) -> Request | None:
        # Never blocks: a blocking pop would stall the reactor.
        data = self._pop(keys=[self.key, self.workers_key], args=[self.worker, self.ttl])
        return self._decode_request(data) if data else None
