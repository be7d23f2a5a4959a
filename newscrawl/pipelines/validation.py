"""Validation: only articles with usable text, inside the crawl's window and cap."""

from __future__ import annotations

import re
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newscrawl.extraction.dates import published_before
from newscrawl.pipelines import drop_item


class ValidationPipeline:
    """Drops items without usable text, too old for ``-a since``, or past ``-a limit``.

    Discovery already skips what sitemaps and feeds date outside the window,
    and stops at the limit; this catches articles found on listing pages,
    whose date is known only once the page is read, and is the last word on
    the limit. Items with no date are kept; items without a ``text`` field
    are not articles and pass untouched.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_words = crawler.settings.getint("NEWSCRAWL_MIN_WORDS", 20)
        self.accepted = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if "text" not in adapter.field_names():
            return item  # not an article: someone else's item
        text = (adapter.get("text") or "").strip()
        url = adapter.get("url")
        if not text:
            raise drop_item(self.crawler, "no_text", f"{url} has no text")
        words = count_words(text)
        if words < self.min_words:
            raise drop_item(
                self.crawler, "too_short", f"{words} words, fewer than NEWSCRAWL_MIN_WORDS"
            )
        spider = self.crawler.spider
        since = getattr(spider, "since", None)
        published = adapter.get("published")
        if since and published_before(published, since):
            raise drop_item(self.crawler, "too_old", f"published {published}")
        limit = getattr(spider, "limit", None)
        if limit is not None and self.accepted >= limit:
            raise drop_item(self.crawler, "limit", f"limit of {limit} articles reached")
        self.accepted += 1
        return item


# Scripts written without spaces between words: each character counts as a
# word (Chinese, Japanese kana and kanji, Thai, Lao, Khmer, Myanmar).
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


def count_words(text: str) -> int:
    """Words in ``text``, counting each character of unspaced scripts as one."""
    return len(_WORD.findall(text))
