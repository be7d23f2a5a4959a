"""What a page is about as it declares it: section, tags and description."""

from __future__ import annotations

import re
from typing import Any

from .jsonld import first_text, texts
from .page import Page
from .text import dedupe

_SECTION_META = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "sailthru.section",
    "section",
    "article.section",
    "category",
    "dc.subject",
)
_TAG_META = (
    "article:tag",
    "og:article:tag",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
    "keywords",
)
_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
# Keyword lists beyond this are SEO stuffing, not tags.
_MAX_TAGS = 50
_ENTITY_FRAGMENT_RE = re.compile(r"^&#?\w+;?$")


def section(page: Page, node: dict[str, Any]) -> str | None:
    return first_text(node.get("articleSection")) or page.first(_SECTION_META)


def tags(page: Page, article: dict[str, Any] | None) -> list[str]:
    """The JSON-LD article's keywords, else the first tag meta that has any."""
    found = texts(article.get("keywords")) if article else []
    for key in _TAG_META:
        if found:
            break
        found = [t for value in page.all(key) for t in texts(value)]
    return dedupe(t for t in found if not _ENTITY_FRAGMENT_RE.match(t))[:_MAX_TAGS]


def description(page: Page, node: dict[str, Any]) -> str | None:
    return first_text(node.get("description")) or page.first(_DESCRIPTION_META)
