"""Sitemaps, sitemap indexes and Google News sitemaps.

Scrapy's own sitemap parser keeps only ``loc``/``lastmod``-style children and
drops the ``<news:news>`` block, which carries what a news crawler wants most:
the publication date (for the time window) and the title.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.gz import gunzip

from newscrawl.discovery.xml import XmlError, child_text, local_name, parse_xml

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


def sitemap_body(body: bytes, max_size: int = 0) -> bytes:
    """The XML of a sitemap response, gunzipping ``.xml.gz`` files."""
    if body[:3] == GZIP_MAGIC:
        try:
            return gunzip(body, max_size=max_size)
        except Exception as exc:  # size cap exceeded, truncated or corrupt archive
            raise XmlError("gzip", f"cannot gunzip sitemap: {exc}") from exc
    return body


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Parse a urlset, a sitemapindex or a text sitemap, or raise :class:`XmlError`."""
    if text_urls := _text_sitemap(body):
        return Sitemap("urlset", [SitemapEntry(loc=url) for url in text_urls])
    document = parse_xml(body)
    kind = local_name(document.root)
    if kind not in ("urlset", "sitemapindex"):
        raise XmlError("not_sitemap", f"root element <{kind}> is not a sitemap")
    entries = list(_entries(document.root, base_url))
    if document.truncated and entries:
        entries.pop()
    return Sitemap(kind, entries, document.truncated)


def _text_sitemap(body: bytes) -> list[str]:
    """The URLs of a text sitemap (one absolute URL a line), or [] if it is not one."""
    head = body.lstrip()[:1]
    if head in (b"", b"<") or b"\x00" in body[:1024]:
        return []
    lines = body.decode("utf-8", "replace").split()
    if not all(line.startswith(("http://", "https://")) for line in lines):
        return []
    return lines


def _entries(root: etree._Element, base_url: str) -> Iterator[SitemapEntry]:
    for element in root:
        if local_name(element) not in ("url", "sitemap"):
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        entry = SitemapEntry(loc=urljoin(base_url, loc), lastmod=child_text(element, "lastmod"))
        for child in element:
            if local_name(child) == "news":
                _read_news(child, entry)
        yield entry


def _read_news(news: etree._Element, entry: SitemapEntry) -> None:
    entry.news_title = child_text(news, "title")
    entry.news_published = child_text(news, "publication_date")
    keywords = child_text(news, "keywords")
    if keywords:
        entry.news_keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    for child in news:
        if local_name(child) == "publication":
            entry.publication_name = child_text(child, "name")
            entry.news_language = child_text(child, "language")
