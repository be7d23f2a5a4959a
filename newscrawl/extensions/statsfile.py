"""A JSON file of the crawl's stats, written when the spider closes.

Monitoring reads it instead of scraping logs. Where it goes:
``NEWSCRAWL_STATS_FILE`` when set (``%(name)s`` and ``%(time)s`` are filled in
as in FEEDS URIs); otherwise beside the first local feed output, as
``<output>.stats.json``; otherwise nowhere.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


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
        # The feed exporter fills %(time)s when the spider opens, to the second.
        self.started = datetime.now(UTC).replace(microsecond=0)

    def path_for(self, spider: Spider) -> Path | None:
        params = {"name": spider.name, "time": self.started.isoformat().replace(":", "-")}
        if self.path_template:
            return Path(self.path_template % params)
        for uri in self.crawler.settings.getdict("FEEDS"):
            parts = urlsplit(str(uri))
            if parts.scheme in ("", "file") or len(parts.scheme) == 1:  # C:\ on Windows
                local = parts.path if parts.scheme == "file" else str(uri)
                return Path(local % params + ".stats.json")
        return None

    def spider_closed(self, spider: Spider, reason: str) -> None:
        path = self.path_for(spider)
        if path is None:
            return
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), "utf-8")
        except OSError as exc:
            logger.error("Cannot write the stats file %s: %s", path, exc)
            return
        logger.info("Crawl stats written to %s", path)
