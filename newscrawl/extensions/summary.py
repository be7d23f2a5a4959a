"""The crawl summary: what came out and what was thrown away, last in the terminal.

Read from the crawl stats: articles written (``item_scraped_count``), drops by
reason (``newscrawl/dropped/<reason>``), blocks removed by kind
(``newscrawl/removed/<kind>``), syndication outcomes
(``newscrawl/syndication/<outcome>``), articles skipped as collected by an
earlier run, and requests Scrapy filtered as offsite (``offsite/filtered``),
named with the domains the spider allows, so that a spider pointed at the
wrong host says why it found nothing.

The figures go into the stats as ``newscrawl/summary`` when the spider closes
(so the stats file carries them); the line itself is shown when the engine
stops, after Scrapy's stats dump, so it is the last thing a user reads. It is
logged at INFO and, when that would not reach the terminal (``-L WARNING``,
``LOG_FILE``), also written to standard error.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PREFIXES = {
    "dropped": "newscrawl/dropped/",
    "removed": "newscrawl/removed/",
    "syndication": "newscrawl/syndication/",
}


def crawl_summary(
    stats: dict[str, Any], allowed_domains: list[str] | None = None
) -> dict[str, Any]:
    """Articles, drops by reason, removals by kind, syndication outcomes, offsite requests."""
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
    summary["offsite"] = {
        "filtered": int(stats.get("offsite/filtered", 0)),
        "hosts": int(stats.get("offsite/domains", 0)),
        "allowed_domains": list(allowed_domains or ()),
    }
    return summary


def format_counts(counts: dict[str, int]) -> str:
    if not counts:
        return "none"
    total = sum(counts.values())
    return f"{total} (" + ", ".join(f"{key} {value}" for key, value in counts.items()) + ")"


def format_offsite(offsite: dict[str, Any]) -> str:
    filtered = offsite.get("filtered", 0)
    if not filtered:
        return "offsite none"
    allowed = ", ".join(offsite.get("allowed_domains") or ()) or "any"
    hosts = offsite.get("hosts", 0)
    return (
        f"offsite {filtered} request{'s' if filtered != 1 else ''} to {hosts} other "
        f"host{'s' if hosts != 1 else ''} "
        f"filtered (allowed domains: {allowed})"
    )


def format_summary(summary: dict[str, Any], reason: str) -> str:
    line = (
        f"Crawl summary ({reason}): {summary['articles']} articles; "
        f"skipped as collected {summary['skipped_collected']}; "
        f"dropped {format_counts(summary['dropped'])}; "
        f"removed blocks {format_counts(summary['removed'])}; "
        f"syndication {format_counts(summary['syndication'])}"
    )
    offsite = summary.get("offsite") or {}
    if offsite.get("filtered"):
        line += f"; {format_offsite(offsite)}"
        if not summary["articles"]:
            line += (
                ". No articles and links only to other hosts: is the spider pointed at"
                " the right site? (-a domains=... sets the allowed domains)"
            )
    return line


class CrawlSummary:
    """Puts :func:`crawl_summary` in the stats on close and shows it when the engine stops."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.line: str | None = None
        # Connected at crawler creation, so it runs before the stats file is
        # written on spider_closed and the summary lands in it.
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        # engine_stopped comes after Scrapy's stats dump and "Spider closed".
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        domains = getattr(spider, "allowed_domains", None)
        summary = crawl_summary(dict(stats.get_stats()), list(domains or ()))
        stats.set_value("newscrawl/summary", summary)
        self.line = format_summary(summary, reason)

    def engine_stopped(self) -> None:
        if self.line is None:
            return
        logger.info(self.line)
        if self._hidden_from_terminal():
            print(self.line, file=sys.stderr, flush=True)
        self.line = None

    def _hidden_from_terminal(self) -> bool:
        """Whether an INFO line misses the terminal although logging is on
        (a higher LOG_LEVEL, or a LOG_FILE); ``--nolog`` asks for silence."""
        settings = self.crawler.settings
        if not settings.getbool("LOG_ENABLED"):
            return False
        if settings.get("LOG_FILE"):
            return True
        level = logging.getLevelName(str(settings.get("LOG_LEVEL", "DEBUG")).upper())
        return not isinstance(level, int) or level > logging.INFO
