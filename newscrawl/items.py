"""The items newscrawl produces.

A spider yields an :class:`ArticlePage` (the fetched page and what discovery
learned about it), most simply ``ArticlePage.from_response(response)``; the
extraction pipeline turns it into an :class:`Article`, the one JSON object per
article that lands in the output. Items of any other type pass every newscrawl
component untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from scrapy.http import Response

    from newscrawl.outlet import Outlet

# Request meta keys newscrawl reads (and NewsSpider writes).
META_SOURCE = "newscrawl_source"
META_HINTS = "newscrawl_hints"
META_CONSENT = "newscrawl_consent"
META_SINCE = "newscrawl_since"  # ISO 8601: articles published before are dropped as too_old
META_LIMIT = "newscrawl_limit"  # at most this many articles from the crawl


def utc_now() -> str:
    """Now, as ISO 8601 UTC to the second: the ``fetched_at`` format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class ArticlePage:
    """A fetched article page on its way to extraction. Never exported."""

    url: str
    # Kept out of repr: a page body can be megabytes, and items get logged.
    body: bytes = field(repr=False)
    outlet: str | None = None  # the publisher's name, when known
    source: str | None = None  # how it was found: sitemap, feed, listing, argument
    content_type: str | None = None
    # What discovery knew before fetching: sitemap <news:*> fields, feed items.
    hints: dict[str, Any] = field(default_factory=dict)
    fetched_at: str = field(default_factory=utc_now)
    rendered: bool = False
    consent: str | None = None  # the consent wall the browser handled, if any
    # The outlet spec extraction follows; None: NEWSCRAWL_OUTLETS by domain, else generic.
    spec: Outlet | None = field(default=None, repr=False)
    # The crawl's window and cap, from the request (META_SINCE, META_LIMIT).
    since: str | None = None
    limit: int | None = None

    @classmethod
    def from_response(cls, response: Response, outlet: Outlet | str | None = None) -> Self:
        """The page of ``response``, for any spider to yield.

        ``outlet`` is an :class:`~newscrawl.outlet.Outlet` spec (its name and
        extraction rules are used) or just the publisher's name; without it,
        ``NEWSCRAWL_OUTLETS`` is looked up by the page's domain. The request's
        ``newscrawl_*`` meta keys (source, discovery hints, window, limit) are
        carried over.
        """
        meta = response.meta if response.request is not None else {}
        spec = None if outlet is None or isinstance(outlet, str) else outlet
        name = outlet if isinstance(outlet, str) else (spec.name if spec else None)
        limit = meta.get(META_LIMIT)
        return cls(
            url=response.url,
            body=response.body,
            outlet=name or None,
            source=meta.get(META_SOURCE),
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            hints=dict(meta.get(META_HINTS) or {}),
            rendered=bool(meta.get("playwright")),
            consent=meta.get(META_CONSENT),
            spec=spec,
            since=meta.get(META_SINCE),
            limit=int(limit) if limit is not None else None,
        )


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
    fetched_at: str = field(default_factory=utc_now)
    rendered: bool = False
    consent: str | None = None


def mark_credit_checked(article: Article, title: str | None) -> None:
    """Say that ``article.text`` was searched for a wire credit, with ``title``.

    Later steps then trust a ``wire`` of None as "no credit" rather than
    search again. The mark holds only while the text is the one searched and
    the title the one it was searched with: a pipeline that rewrites either,
    or a title taken from elsewhere than the page, has the text searched anew.
    """
    article.__dict__[_CREDIT_CHECKED] = (article.text, title)


def credit_checked(item: Any) -> bool:
    """Were the item's text and title searched for a credit (:func:`mark_credit_checked`)?"""
    checked = getattr(item, "__dict__", {}).get(_CREDIT_CHECKED)
    if checked is None:
        return False
    text, title = checked
    return text is getattr(item, "text", None) and title == getattr(item, "title", None)


# Kept in the instance's __dict__, not as a field: it is no part of the output.
_CREDIT_CHECKED = "_newscrawl_credit_checked"
