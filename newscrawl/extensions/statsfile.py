"""A JSON file of the crawl's stats, written when the spider closes.

Monitoring reads it instead of scraping logs; times are ISO 8601. Where it goes:
``NEWSCRAWL_STATS_FILE`` when set (``%(name)s`` and ``%(time)s`` are filled in
as in FEEDS URIs); otherwise beside the first local feed file the crawl
wrote, as ``<output>.stats.json``; otherwise nowhere.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.incremental.feeds import local_feed_files

logger = logging.getLogger(__name__)


def json_value(value: Any) -> Any:
    """Stats values JSON has no type for: times in ISO 8601, durations in seconds."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    return str(value)


class StatsFile:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path_template: str | None = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        self.started = datetime.now(UTC)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.started = datetime.now(UTC).replace(microsecond=0)

    def path_for(self, spider: Spider) -> Path | None:
        if self.path_template:
            params = {"name": spider.name, "time": self.started.isoformat().replace(":", "-")}
            try:
                return Path(self.path_template % params)
            except (KeyError, ValueError, TypeError) as exc:
                logger.error("NEWSCRAWL_STATS_FILE %r: %s", self.path_template, exc)
                return None
        # The files the feed storages really opened, %(time)s and all filled in.
        files = local_feed_files(self.crawler)
        return Path(f"{files[0]}.stats.json") if files else None

    def spider_closed(self, spider: Spider, reason: str) -> None:
        path = self.path_for(spider)
        if path is None:
            return
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        # Written beside it, then renamed over it: a full disk leaves the
        # earlier file or none, never a cut or empty one.
        temporary = path.with_name(f".{path.name}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(stats, default=json_value, indent=1, sort_keys=True)
            with open(temporary, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except OSError as exc:
            logger.error("Cannot write the stats file %s: %s", path, exc)
            temporary.unlink(missing_ok=True)
            return
        logger.info("Crawl stats written to %s", path)
