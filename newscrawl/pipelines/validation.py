"""Validation: only articles with usable text, inside the crawl's window and cap."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newscrawl.pipelines import drop_item


class ValidationPipeline:
    """Drops items without usable text, too old for ``-a since``, or past ``-a limit``.

    Discovery already skips what sitemaps and feeds date outside the window;
    this catches articles found on listing pages, whose date is known only
    once the page is read. Items with no date are kept.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_words = crawler.settings.getint("NEWSCRAWL_MIN_WORDS")
        self.passed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        text = (adapter.get("text") or "").strip()
        url = adapter.get("url")
        if not text:
            raise drop_item(self.crawler, "no_text", f"{url} has no text")
        words = len(text.split())
        if words < self.min_words:
            raise drop_item(
                self.crawler, "too_short", f"{words} words, fewer than NEWSCRAWL_MIN_WORDS"
            )
        spider = self.crawler.spider
        since = getattr(spider, "since", None)
        published = adapter.get("published")
        if since and published and _before(published, since):
            raise drop_item(self.crawler, "too_old", f"published {published}")
        limit = getattr(spider, "limit", None)
        if limit is not None and self.passed >= limit:
            raise drop_item(self.crawler, "limit", f"limit of {limit} articles reached")
        self.passed += 1
        return item


def _before(date: str, since: datetime) -> bool:
    try:
        return datetime.fromisoformat(date) < since
    except (TypeError, ValueError):
        return False
