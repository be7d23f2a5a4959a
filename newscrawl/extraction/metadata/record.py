"""The metadata record of one page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Metadata:
    """What a page says about itself. Empty fields mean "not declared"."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    # ISO 8601; without an offset when the page gave none and nothing else
    # told it (then published_offset_known is False).
    published: str | None = None
    modified: str | None = None
    published_offset_known: bool = False
    language: str | None = None  # BCP 47, canonical case: "en", "en-GB"
    canonical_url: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    page_type: str | None = None  # e.g. "NewsArticle", "article", "website"
    # True when the page declares itself an article, False when it declares
    # another kind of page, None when it says nothing either way.
    is_article: bool | None = None
    byline: str | None = None  # raw byline/credit text, for wire detection
    # The news agency (or desk credit: "Bureau Report") named where authors
    # are, canonical as in newscrawl.wire ("Reuters", "AP"); never in authors.
    wire: str | None = None
