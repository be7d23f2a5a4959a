"""JSON-LD: salvage a page's ``application/ld+json`` blocks and find its article node.

schema.org *Article types, ``@graph`` arrays with ``@id`` references (as Yoast
and most CMS plugins emit) and ``WebPage.mainEntity`` are understood. Broken
blocks (HTML comments, CDATA wrappers, trailing commas, raw control
characters, several objects in one script) are salvaged when that is cheap,
and skipped otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from .text import clean

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "ClaimReview",  # fact-check pages: an article with a verdict
    }
)
# Page-level types that say "this page is not an article". WebSite,
# Organization, BreadcrumbList and friends are not here: sites emit them on
# every page, articles included.
NON_ARTICLE_TYPES = frozenset(
    {
        "WebPage",
        "CollectionPage",
        "SearchResultsPage",
        "ProfilePage",
        "AboutPage",
        "ContactPage",
        "FAQPage",
        "QAPage",
        "ItemList",
        "Product",
        "Event",
        "VideoGallery",
        "ImageGallery",
    }
)
# Types that describe things on a page (its logo, publisher, images), whose
# dates are not the page's.
SUPPORTING_TYPES = frozenset(
    {
        "Organization",
        "NewsMediaOrganization",
        "Person",
        "ImageObject",
        "VideoObject",
        "AudioObject",
        "MediaObject",
        "BreadcrumbList",
        "ListItem",
        "WebSite",
        "SiteNavigationElement",
        "Comment",
        "Review",
        "Offer",
        "Product",
        "Event",
    }
)

# @graph and mainEntity nesting deeper than this is not a page description.
_MAX_DEPTH = 6

_COMMENT_WRAP_RE = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)")
_COMMENT_END_RE = re.compile(r"(?:-->|//\s*\]\]>|/\*\s*\]\]>\s*\*/|\]\]>)\s*$")
_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECODER = json.JSONDecoder(strict=False)


def load_json_ld(text: str) -> list[Any]:
    """Parse one script's JSON-LD; salvage common breakage; never raise."""
    text = text.strip()
    if not text:
        return []
    try:
        return [json.loads(text, strict=False)]
    except (ValueError, RecursionError):
        pass
    text = _COMMENT_END_RE.sub("", _COMMENT_WRAP_RE.sub("", text)).strip().rstrip(";")
    text = _CONTROL_RE.sub(" ", text)
    text = _TRAILING_COMMA_RE.sub(r"\1", text)
    text = re.sub(r"\\'", "'", text)
    # Several top-level values in one script ("{...}{...}" or "{...},{...}").
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n,;":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def types(node: dict[str, Any]) -> list[str]:
    """The node's @type values without schema.org prefixes."""
    raw = node.get("@type")
    if isinstance(raw, str):
        raw = [raw]
    elif not isinstance(raw, list):
        return []
    result = []
    for item in raw:
        if isinstance(item, str) and item:
            result.append(item.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    return result


class JsonLd:
    """The nodes of all JSON-LD blocks of a page, with an @id index."""

    def __init__(self, blocks: Iterable[Any]) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        for block in blocks:
            self._collect(block, depth=0)

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> JsonLd:
        return cls(value for text in texts for value in load_json_ld(text))

    def _collect(self, value: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(value, list):
            for item in value:
                self._collect(item, depth + 1)
            return
        if not isinstance(value, dict):
            return
        node_id = value.get("@id")
        if isinstance(node_id, str) and len(value) > 1:
            self.by_id.setdefault(node_id, value)
        if "@type" in value:
            self.nodes.append(value)
        graph = value.get("@graph")
        if graph is not None:
            self._collect(graph, depth + 1)
        main_entity = value.get("mainEntity")
        if isinstance(main_entity, (dict, list)):
            self._collect(main_entity, depth + 1)

    def resolve(self, value: Any) -> Any:
        """Follow an {"@id": ...} reference to the full node, one level."""
        if isinstance(value, dict) and len(value) == 1 and "@id" in value:
            target = self.by_id.get(value["@id"]) if isinstance(value["@id"], str) else None
            return target if target is not None else value
        return value

    def article(self, page_urls: set[str]) -> dict[str, Any] | None:
        """The node describing this page's article, if any.

        Pages also carry Article nodes for related stories; the one whose
        URL is this page wins, then the most complete one.
        """
        best: dict[str, Any] | None = None
        best_score = -1
        for node in self.nodes:
            if not ARTICLE_TYPES.intersection(types(node)):
                continue
            score = sum(1 for key in ("headline", "datePublished", "author") if node.get(key))
            if page_urls and page_urls.intersection(self.node_urls(node)):
                score += 10
            if score > best_score:
                best, best_score = node, score
        return best

    def page_dates(self, key: str) -> Iterator[Any]:
        """``key`` of nodes that describe a page rather than a thing on it.

        For pages typed as something this module does not know as an article
        (MedicalWebPage, Recipe...), whose dates are still the page's dates.
        """
        for node in self.nodes:
            if key in node and not SUPPORTING_TYPES.intersection(types(node)):
                yield node[key]

    def first_of(self, wanted: frozenset[str]) -> dict[str, Any] | None:
        for node in self.nodes:
            if wanted.intersection(types(node)):
                return node
        return None

    def node_urls(self, node: dict[str, Any]) -> set[str]:
        return {url_key(url) for url in self.urls_of(node, ("url", "mainEntityOfPage", "@id"))}

    def urls_of(self, node: dict[str, Any], keys: Iterable[str]) -> list[str]:
        """The URL strings under ``keys`` of ``node``, references followed."""
        urls = []
        for key in keys:
            value = self.resolve(node.get(key))
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str):
                urls.append(value)
        return urls

    def names(self, value: Any, depth: int = 0) -> Iterator[str]:
        """Names from a schema.org author/creator/publisher value of any shape."""
        if depth > 4 or value is None:
            return
        value = self.resolve(value)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from self.names(item, depth + 1)
        elif isinstance(value, dict):
            name = value.get("name")
            if isinstance(name, (list, dict)):
                yield from self.names(name, depth + 1)
            elif isinstance(name, str):
                yield name
            elif value.get("givenName") or value.get("familyName"):
                parts = (value.get("givenName"), value.get("familyName"))
                yield " ".join(p for p in parts if isinstance(p, str))
            elif isinstance(value.get("@value"), str):
                yield value["@value"]


def url_key(url: str) -> str:
    """Compare URLs without scheme, "www.", query, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return host + parts.path.rstrip("/")


def first_text(value: Any) -> str | None:
    """A string, or the first string of a list (schema.org allows both)."""
    if isinstance(value, list):
        for item in value:
            text = first_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return first_text(value.get("@value") or value.get("name"))
    return clean(value)


def texts(value: Any) -> list[str]:
    """All strings of a string-or-list value, comma lists split."""
    if isinstance(value, str):
        return [t for t in (clean(p) for p in value.split(",")) if t]
    if isinstance(value, list):
        result = []
        for item in value:
            if isinstance(item, (str, list)):
                result.extend(texts(item))
            elif isinstance(item, dict):
                name = first_text(item.get("name"))
                if name:
                    result.append(name)
        return result
    return []
