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
    ``source_utf8``, when the caller has it, is ``source`` in UTF-8: those
    tests run on it, several times faster on pages of wide characters.
    ``timezone`` (IANA name or "+09:00") is the zone the outlet writes local
    times in, for dates the page gives without an offset.
    Never raises on odd pages: a tree with nothing declared gives an empty
    Metadata.
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
