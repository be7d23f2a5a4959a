"""extract_metadata: every field of :class:`Metadata` from a parsed page."""

from __future__ import annotations

from typing import Any

from . import topics
from .authors import page_authors, page_byline
from .canonical import canonical_url
from .dates import page_dates
from .jsonld import NON_ARTICLE_TYPES, JsonLd, url_key
from .kind import is_article, page_type
from .language import page_language
from .page import Page
from .record import Metadata
from .site import site_name
from .titles import page_title


def extract_metadata(
    doc: Any,
    url: str | None = None,
    *,
    source: str | None = None,
    timezone: str | None = None,
    source_utf8: bytes | None = None,
) -> Metadata:
    """Read a page's metadata from its parsed lxml tree.

    ``doc`` is an ``lxml.html.HtmlElement`` (the document root, or any
    element of the document); ``url`` is the page URL, used to resolve
    relative canonical links and to recognise the site name in titles.
    ``source``, the HTML the tree was parsed from, is optional: with it,
    attribute scans of the whole tree are skipped on pages whose source does
    not contain what they look for (byline classes, microdata names).
    ``source_utf8``, for a caller that holds it anyway, is ``source`` in
    UTF-8: those tests then run on it, several times faster on pages of wide
    characters. It must be exactly ``source.encode("utf-8")``, or the tests
    would answer for another text and skip fields the page has: a
    ``ValueError`` says when it is not (the check costs one encoding of the
    source; :func:`~newscrawl.extraction.extract`, whose bytes are the body
    it decoded the source from, takes a path without it). It is ignored
    without ``source``.
    ``timezone`` (IANA name or "+09:00") is the zone the outlet writes local
    times in, for dates the page gives without an offset.
    Never raises on odd pages: a tree with nothing declared gives an empty
    Metadata.
    """
    if source_utf8 is not None and isinstance(source, str) and not _is_utf8(source_utf8, source):
        raise ValueError("source_utf8 is not source in UTF-8")
    return _extract_metadata(doc, url, source, timezone, source_utf8)


def _is_utf8(data: bytes, text: str) -> bool:
    """Is ``data`` exactly ``text`` in UTF-8?"""
    try:
        return text.encode("utf-8") == data
    except UnicodeEncodeError:  # lone surrogates: no UTF-8 at all
        return False


def _extract_metadata(
    doc: Any,
    url: str | None,
    source: str | None,
    timezone: str | None,
    source_utf8: bytes | None,
) -> Metadata:
    """:func:`extract_metadata` with ``source_utf8`` taken on trust.

    Private to extraction's own call path: the caller vouches that
    ``source_utf8`` is ``source.encode("utf-8")`` (or None), unchecked.
    """
    metadata = Metadata()
    try:
        root = doc.getroottree().getroot()
    except (AttributeError, ValueError, TypeError):
        return metadata
    if root is None or not isinstance(root.tag, str):
        return metadata
    if url is not None and not isinstance(url, str):
        url = None
    source = source if isinstance(source, str) else None
    page = Page(root, source, source_utf8 if source is not None else None)
    json_ld = JsonLd.of_texts(page.json_ld_texts)
    article = json_ld.article({url_key(url)} if url else set())
    page_node = article or json_ld.first_of(NON_ARTICLE_TYPES)
    node = article or page_node or {}

    dates = page_dates(page, json_ld, node, timezone)
    metadata.published = dates.published
    metadata.published_offset_known = dates.published_offset_known
    metadata.modified = dates.modified
    metadata.site_name = site_name(page, json_ld, node)
    metadata.section = topics.section(page, node)
    metadata.title = page_title(page, article, metadata.site_name, metadata.section, url)
    metadata.byline = page_byline(page)
    credits = page_authors(page, json_ld, node, metadata.byline)
    metadata.authors = credits.authors
    metadata.wire = credits.wire
    metadata.tags = topics.tags(page, article)
    metadata.description = topics.description(page, node)
    metadata.language = page_language(page, node)
    metadata.canonical_url = canonical_url(page, json_ld, node, url)
    og_type = (page.first(("og:type",)) or "").lower() or None
    metadata.page_type = page_type(article, page_node, og_type)
    metadata.is_article = is_article(article, page_node, og_type, page)
    return metadata
