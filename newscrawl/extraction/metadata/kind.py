"""What kind of page this is: an article, another kind of page, or unsaid."""

from __future__ import annotations

from typing import Any

from .jsonld import ARTICLE_TYPES, NON_ARTICLE_TYPES, types
from .page import Page

_PAGE_TYPES = ARTICLE_TYPES | NON_ARTICLE_TYPES | {"MediaGallery", "VideoObject", "WebSite"}
_NON_ARTICLE_OG_TYPES = frozenset(
    {"website", "profile", "product", "book", "place", "business.business", "video.other"}
)


def page_type(
    article: dict[str, Any] | None, page_node: dict[str, Any] | None, og_type: str | None
) -> str | None:
    """The declared type: the JSON-LD article or page type, else og:type."""
    found = None
    if article:
        found = next(t for t in types(article) if t in ARTICLE_TYPES)
    elif page_node:
        found = next((t for t in types(page_node) if t in _PAGE_TYPES), None)
    return found or og_type


def is_article(
    article: dict[str, Any] | None,
    page_node: dict[str, Any] | None,
    og_type: str | None,
    page: Page,
) -> bool | None:
    """True when the page declares an article, False for another kind, None if unsaid."""
    if article is not None:
        return True
    if og_type and og_type.startswith("article"):
        return True
    if page.first(("article:published_time", "og:article:published_time")):
        return True
    if (page.mentions("Article") or page.mentions("BlogPosting")) and page.xpath(
        # The parents of matching attributes: faster than testing every element.
        "/descendant::*/@itemtype[contains(., 'Article') or contains(., 'BlogPosting')]/.."
    ):
        return True
    if page_node is not None or (og_type and og_type in _NON_ARTICLE_OG_TYPES):
        return False
    return None
