"""Sitemaps, sitemap indexes and Google News sitemaps.

Scrapy's own sitemap parser keeps only ``loc``/``lastmod``-style children and
drops the ``<news:news>`` block, which carries what a news crawler wants most:
the publication date (for the time window) and the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.gz import gunzip

from newscrawl.discovery.xml import XmlError, XmlStream, local_name

GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_language: str | None = None
    news_keywords: list[str] = field(default_factory=list)
    publication_name: str | None = None

    def hints(self) -> dict[str, object]:
        """What the entry tells about the article before it is fetched."""
        hints: dict[str, object] = {}
        if self.news_title:
            hints["title"] = self.news_title
        if self.news_published:
            hints["published"] = self.news_published
        if self.news_language:
            hints["language"] = self.news_language
        if self.news_keywords:
            hints["tags"] = self.news_keywords
        if self.lastmod:
            hints["lastmod"] = self.lastmod
        return hints


@dataclass
class Sitemap:
    kind: str  # "urlset" or "sitemapindex"
    entries: list[SitemapEntry]
    # The document stopped before its closing tag (a cut-off download): the
    # entries read so far are kept, except the last, whose URL may be cut.
    truncated: bool = False
    # Entries without a <loc>, which name nothing to fetch.
    without_loc: int = 0


def sitemap_body(body: bytes, max_size: int = 0) -> bytes:
    """The XML of a sitemap response, gunzipping ``.xml.gz`` files."""
    if body[:3] == GZIP_MAGIC:
        try:
            return gunzip(body, max_size=max_size)
        except Exception as exc:  # size cap exceeded, truncated or corrupt archive
            raise XmlError("gzip", f"cannot gunzip sitemap: {exc}") from exc
    return body


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Parse a urlset, a sitemapindex or a text sitemap, or raise :class:`XmlError`.

    XML is read as a stream, one entry at a time, so that a sitemap at the
    protocol's 50 MB limit never becomes a 50 MB tree.
    """
    if text_urls := _text_sitemap(body):
        return Sitemap("urlset", [SitemapEntry(loc=url) for url in text_urls])
    stream = XmlStream(body)
    kind = ""
    entries: list[SitemapEntry] = []
    without_loc = 0
    depth = 0
    for event, element in stream:
        if event == "start":
            depth += 1
            if depth == 1:
                kind = local_name(element)
                if kind not in ("urlset", "sitemapindex"):
                    raise XmlError("not_sitemap", f"root element <{kind}> is not a sitemap")
            continue
        depth -= 1
        if depth != 1:
            continue
        # An entry (a child of the root) is complete: read it and let it go.
        if local_name(element) in ("url", "sitemap"):
            if entry := _entry(element, base_url):
                entries.append(entry)
            else:
                without_loc += 1
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]
    if stream.truncated and entries:
        entries.pop()
    return Sitemap(kind, entries, stream.truncated, without_loc)


def _text_sitemap(body: bytes) -> list[str]:
    """The URLs of a text sitemap (one absolute URL a line), or [] if it is not one."""
    head = body.lstrip()[:1]
    if head in (b"", b"<") or b"\x00" in body[:1024]:
        return []
    lines = body.decode("utf-8", "replace").split()
    if not all(line.startswith(("http://", "https://")) for line in lines):
        return []
    return lines


def _children(element: etree._Element) -> dict[str, etree._Element]:
    """An element's children by local name, the first of each (one pass over them)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        found.setdefault(local_name(child), child)
    return found


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return (element.text or "").strip() or None


def _entry(element: etree._Element, base_url: str) -> SitemapEntry | None:
    children = _children(element)
    loc = _text(children.get("loc"))
    if not loc:
        return None
    entry = SitemapEntry(loc=urljoin(base_url, loc), lastmod=_text(children.get("lastmod")))
    news = children.get("news")
    if news is not None:
        _read_news(news, entry)
    return entry


def _read_news(news: etree._Element, entry: SitemapEntry) -> None:
    fields = _children(news)
    entry.news_title = _text(fields.get("title"))
    entry.news_published = _text(fields.get("publication_date"))
    keywords = _text(fields.get("keywords"))
    if keywords:
        entry.news_keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    publication = fields.get("publication")
    if publication is not None:
        names = _children(publication)
        entry.publication_name = _text(names.get("name"))
        entry.news_language = _text(names.get("language"))
