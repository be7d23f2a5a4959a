"""A progress line every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds, at INFO.

Articles written, dropped (all reasons), linked to a syndicated story, and
pages fetched per second over the last interval: what a user watching a long
crawl wants to know, beside Scrapy's own pages-per-minute line. ``0`` turns it off.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)

DROPPED = "newscrawl/dropped/"
LINKED = "newscrawl/syndication/linked"


def progress_line(stats: dict[str, Any], pages_per_second: float) -> str:
    dropped = sum(
        value for key, value in stats.items() if key.startswith(DROPPED) and isinstance(value, int)
    )
    return (
        f"Progress: {int(stats.get('item_scraped_count', 0))} articles written, "
        f"{dropped} dropped, {int(stats.get(LINKED, 0))} linked, "
        f"{pages_per_second:.1f} pages/s"
    )


class CrawlProgress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None
        self.last_pages = 0
        self.last_time = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        return cls(crawler, interval)

    def spider_opened(self, spider: Spider) -> None:
        self.last_time = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def report(self) -> None:
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        now = time.monotonic()
        pages = int(stats.get("response_received_count", 0))
        elapsed = max(now - self.last_time, 1e-9)
        rate = (pages - self.last_pages) / elapsed
        self.last_pages, self.last_time = pages, now
        logger.info(progress_line(stats, rate))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
