"""Validation: only articles with usable text."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from scrapy.crawler import Crawler

from newscrawl.items import Article
from newscrawl.pipelines import drop_item


class ValidationPipeline:
    """Drops articles without usable text (``no_text``, ``too_short``).

    Acts on newscrawl's :class:`~newscrawl.items.Article` items only: every
    other item passes untouched, whatever its fields. The crawl's window and limit are the
    extraction pipeline's, from each page's request.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_words = crawler.settings.getint("NEWSCRAWL_MIN_WORDS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item  # someone else's item, whatever its fields
        text = (item.text or "").strip()
        if not text:
            raise drop_item(self.crawler, "no_text", f"{item.url} has no text")
        # Counting stops at the minimum: a long article is not counted through.
        words = count_words(text, up_to=self.min_words)
        if words < self.min_words:
            raise drop_item(
                self.crawler, "too_short", f"{words} words, fewer than NEWSCRAWL_MIN_WORDS"
            )
        return item


# Scripts written without spaces between words: each character counts as a
# word (Chinese, Japanese kana and kanji, Thai, Lao, Khmer, Myanmar).
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


def count_words(text: str, up_to: int | None = None) -> int:
    """Words in ``text``, counting each character of unspaced scripts as one.

    With ``up_to``, counting stops there: the answer is at most ``up_to``.
    """
    if up_to is None:
        return len(_WORD.findall(text))
    return sum(1 for _ in islice(_WORD.finditer(text), up_to))
