"""De-duplication of articles by canonical URL within a run."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.items import Article
from newscrawl.pipelines import drop_item


class DeduplicationPipeline:
    """Drops an article whose canonical URL an earlier article of this run had.

    Requests are already de-duplicated on the URL with tracking parameters
    stripped; this catches two different URLs whose pages name the same
    canonical URL (mobile and desktop pages, print views, redirects). Only
    :class:`~newscrawl.items.Article` items take part: every other item
    passes untouched, whatever its fields, and is not remembered.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeduplicationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        key = item.canonical_url or item.url
        if not key:
            return item  # nothing to tell it apart by
        if key in self.seen:
            raise drop_item(self.crawler, "duplicate", f"canonical URL {key} seen already")
        self.seen.add(key)
        return item
