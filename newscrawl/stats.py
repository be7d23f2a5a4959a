"""Stats keys that several components write."""

from __future__ import annotations

from scrapy.statscollectors import StatsCollector

PREFIX = "newscrawl"


def count_drop(stats: StatsCollector, reason: str) -> None:
    """Count an article (or discovery document) that did not make it, by reason."""
    stats.inc_value(f"{PREFIX}/dropped/{reason}")
