"""Write the story report at the end of every crawl (``NEWSCRAWL_REPORT``).

The report is made from the local feed file the crawl wrote and from the
crawl's stats. ``NEWSCRAWL_REPORT`` takes ``%(name)s`` and ``%(time)s`` as
FEEDS URIs do; a relative path is put beside that feed file, an absolute one
where it says. Unset, the extension is off.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.incremental.feeds import local_feed_files
from newscrawl.report import write_report

logger = logging.getLogger(__name__)


class CrawlReport:
    def __init__(self, crawler: Crawler, template: str) -> None:
        self.crawler = crawler
        self.template = template
        self.started = datetime.now(UTC).replace(microsecond=0)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        template = crawler.settings.get("NEWSCRAWL_REPORT")
        if not template:
            raise NotConfigured  # a message would be logged as a warning
        return cls(crawler, str(template))

    def spider_opened(self, spider: Spider) -> None:
        self.started = datetime.now(UTC).replace(microsecond=0)

    def path_for(self, spider: Spider, feed: Path) -> Path | None:
        params = {"name": spider.name, "time": self.started.isoformat().replace(":", "-")}
        try:
            path = Path(self.template % params)
        except (KeyError, ValueError, TypeError) as exc:
            logger.error("NEWSCRAWL_REPORT %r: %s", self.template, exc)
            return None
        return path if path.is_absolute() else feed.parent / path

    def spider_closed(self, spider: Spider, reason: str) -> None:
        files = local_feed_files(self.crawler)
        if not files:
            logger.warning("NEWSCRAWL_REPORT is set but the crawl wrote no local feed file")
            return
        feed = Path(files[0])
        path = self.path_for(spider, feed)
        if path is None or not feed.is_file():
            return
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        stats["finish_reason"] = reason
        try:
            result = write_report(feed, path, stats=stats)
        except OSError as exc:
            logger.error("Cannot write the report %s: %s", path, exc)
            return
        logger.info(
            "Report of %d articles (%d stories on 2+ outlets) written to %s",
            result.articles,
            result.stories,
            result.path,
        )
