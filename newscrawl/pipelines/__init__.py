"""Item pipelines: extraction and cleaning, validation, de-duplication, syndication.

Every stage reads and writes items through itemadapter, so items of any type
pass through. A stage that drops an item counts it under
``newscrawl/dropped/<reason>`` in the crawl stats.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.stats import count_drop


def drop_item(crawler: Crawler, reason: str, message: str) -> DropItem:
    """Count a drop in the stats and return the exception to raise."""
    count_drop(crawler.stats, reason)
    return DropItem(f"{reason}: {message}")
