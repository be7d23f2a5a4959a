"""A duplicate filter that survives a crawl being killed.

With ``JOBDIR``, Scrapy's own filter keeps every request fingerprint in
``requests.seen`` and a resumed crawl never asks for those URLs again. After
a SIGKILL that loses articles: the requests that were being downloaded are
in ``requests.seen`` but no longer in the disk queue (and the queue's index,
written only on a clean stop, is gone), so nothing fetches them again.

This filter remembers fingerprints for one run only. A resumed crawl reads
its sitemaps, feeds and listings again, and the record of collected articles
(:mod:`newscrawl.incremental`) skips what is already in the output: every
article comes out once, whether the crawl was stopped cleanly or killed.
JOBDIR still keeps the scheduler's queue and ``spider.state`` between runs.

    DUPEFILTER_CLASS = "newscrawl.incremental.RunDupeFilter"
"""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    """:class:`~scrapy.dupefilters.RFPDupeFilter` that never reads or writes JOBDIR."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            None,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
