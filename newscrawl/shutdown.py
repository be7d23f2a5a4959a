"""A crawl forced to stop (Ctrl-C twice) says so: stats file, log line, exit status.

On a second Ctrl-C or SIGTERM, Scrapy stops the reactor at once: the spider
never closes, so no ``spider_closed`` handler runs, no stats file is written,
and ``scrapy crawl`` exits 0 as if all went well. This watches for that case
through Twisted's public shutdown trigger: if the reactor shut down while the
spider was still open, the stats (with ``finish_reason`` ``shutdown_forced``)
are written by the stats file extension, a line says what was lost, and the
failure is counted as ``newscrawl/failed/shutdown_forced``, which makes
newscrawl's ``crawl`` command exit 1 (see :mod:`newscrawl.failures`).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.failures import FAILED_PREFIX

logger = logging.getLogger(__name__)

FORCED_REASON = "shutdown_forced"


class ForcedShutdownWatch:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.spider: Spider | None = None
        self.closed = False
        self.forced = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import reactor

        self.spider = spider
        reactor.addSystemEventTrigger("after", "shutdown", self.after_shutdown)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.closed = True

    def after_shutdown(self) -> None:
        if self.closed or self.spider is None:
            return
        self.forced = True
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("finish_reason", FORCED_REASON)
            stats.set_value(FAILED_PREFIX + FORCED_REASON, 1)
        logger.error(
            "The crawl was forced to stop before it closed: requests in flight are lost, "
            "the output may miss items the stats count"
        )
        for extension in self._stats_writers():
            try:
                extension.spider_closed(self.spider, FORCED_REASON)
            except Exception:  # the stats are a report; a failure must not hide the exit status
                logger.exception("Could not write the stats of the forced stop")

    def _stats_writers(self) -> list[Any]:
        from newscrawl.extensions.statsfile import StatsFile

        extensions = getattr(self.crawler, "extensions", None)
        return [e for e in getattr(extensions, "middlewares", ()) if isinstance(e, StatsFile)]


def watch_forced_shutdown(crawler: Crawler) -> ForcedShutdownWatch:
    return ForcedShutdownWatch(crawler)
