"""The items newscrawl produces.

A spider yields an :class:`ArticlePage` (the fetched page and what discovery
learned about it); the extraction pipeline turns it into an :class:`Article`,
the one JSON object per article that lands in the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticlePage:
    """A fetched article page on its way to extraction. Never exported."""

    url: str
    # Kept out of repr: a page body can be megabytes, and items get logged.
    body: bytes = field(repr=False)
    outlet: str | None = None
    source: str | None = None  # how it was found: sitemap, feed, listing, argument
    content_type: str | None = None
    # What discovery knew before fetching: sitemap <news:*> fields, feed items.
    hints: dict[str, Any] = field(default_factory=dict)
    fetched_at: str | None = None
    rendered: bool = False
    consent: str | None = None  # the consent wall the browser handled, if any


@dataclass
class Article:
    """One cleaned article: the line written to the JSON lines output."""

    url: str
    canonical_url: str | None = None
    outlet: str | None = None
    title: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    # ISO 8601; local time without an offset when the page gave none and
    # nothing told it (then published_offset_known is False).
    published: str | None = None
    published_offset_known: bool = False
    modified: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    wire: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)
    syndication: dict[str, Any] | None = None
    fetched_at: str | None = None
    rendered: bool = False
    consent: str | None = None
