"""One log line at the end of each crawl: what came out and what was thrown away.

Read from the crawl stats: articles written (``item_scraped_count``), drops by
reason (``newscrawl/dropped/<reason>``), blocks removed by kind
(``newscrawl/removed/<kind>``), syndication outcomes
(``newscrawl/syndication/<outcome>``) and articles skipped as collected by an
earlier run. The same figures go into the stats as ``newscrawl/summary``, so
the JSON stats file carries them too.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PREFIXES = {
    "dropped": "newscrawl/dropped/",
    "removed": "newscrawl/removed/",
    "syndication": "newscrawl/syndication/",
}


def crawl_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """Articles, drops by reason, removals by kind and syndication outcomes."""
    summary: dict[str, Any] = {
        "articles": int(stats.get("item_scraped_count", 0)),
        "skipped_collected": int(stats.get("newscrawl/discovery/skipped/collected", 0)),
    }
    for name, prefix in PREFIXES.items():
        counts = {
            key.removeprefix(prefix): value
            for key, value in stats.items()
            if key.startswith(prefix) and isinstance(value, int)
        }
        summary[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return summary


def format_counts(counts: dict[str, int]) -> str:
    if not counts:
        return "none"
    total = sum(counts.values())
    return f"{total} (" + ", ".join(f"{key} {value}" for key, value in counts.items()) + ")"


def format_summary(summary: dict[str, Any], reason: str) -> str:
    return (
        f"Crawl summary ({reason}): {summary['articles']} articles; "
        f"skipped as collected {summary['skipped_collected']}; "
        f"dropped {format_counts(summary['dropped'])}; "
        f"removed blocks {format_counts(summary['removed'])}; "
        f"syndication {format_counts(summary['syndication'])}"
    )


class CrawlSummary:
    """Logs :func:`crawl_summary` when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        # Connected at crawler creation, so it runs before the stats file is
        # written on spider_closed and the summary lands in it.
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        summary = crawl_summary(dict(stats.get_stats()))
        stats.set_value("newscrawl/summary", summary)
        logger.info(format_summary(summary, reason))
