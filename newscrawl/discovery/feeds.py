"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from newscrawl.discovery.xml import XmlError, child_text, local_name, parse_xml


@dataclass
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def hints(self) -> dict[str, object]:
        hints: dict[str, object] = {}
        if self.title:
            hints["title"] = self.title
        if self.published:
            hints["published"] = self.published
        if self.authors:
            hints["authors"] = self.authors
        if self.tags:
            hints["tags"] = self.tags
        return hints


class FeedEntries(list[FeedEntry]):
    """A feed's entries; ``without_link`` counts the items that name no page."""

    without_link: int = 0


def parse_feed(body: bytes, base_url: str) -> FeedEntries:
    """The entries of an RSS or Atom feed, or raise :class:`XmlError`."""
    root = parse_xml(body, base_url).root
    kind = local_name(root)
    if kind == "rss":
        items = (el for channel in root if local_name(channel) == "channel" for el in channel)
        return _collect(_rss_items(items, base_url))
    if kind == "rdf":
        return _collect(_rss_items(iter(root), base_url))
    if kind == "feed":
        return _collect(_atom_entries(root, base_url))
    raise XmlError("not_feed", f"root element <{kind}> is not an RSS or Atom feed")


def _collect(found: Iterator[FeedEntry | None]) -> FeedEntries:
    entries = FeedEntries()
    for entry in found:
        if entry is None:
            entries.without_link += 1
        else:
            entries.append(entry)
    return entries


def _rss_items(elements: Iterator[etree._Element], base_url: str) -> Iterator[FeedEntry | None]:
    """Each item's entry, or None for an item without a page to fetch."""
    for item in elements:
        if local_name(item) != "item":
            continue
        link = _rss_link(item)
        if not link:
            yield None
            continue
        authors = [
            (c.text or "").strip()
            for c in item
            if local_name(c) in ("creator", "author") and (c.text or "").strip()
        ]
        tags = [
            (c.text or "").strip()
            for c in item
            if local_name(c) == "category" and (c.text or "").strip()
        ]
        yield FeedEntry(
            url=urljoin(base_url, link),
            title=child_text(item, "title"),
            published=child_text(item, "pubdate") or child_text(item, "date"),
            authors=authors,
            tags=tags,
        )


def _rss_link(item: etree._Element) -> str | None:
    """The item's page: its <link>, else a permalink <guid> that is a URL.

    An <atom:link> may come first in an RSS item; the plain <link> wins.
    A guid is an id, often not a URL even when it claims to be a permalink.
    """
    links = [c for c in item if local_name(c) == "link" and (c.text or "").strip()]
    plain = [c for c in links if not str(c.tag).startswith("{")]
    if plain or links:
        return (plain or links)[0].text.strip()
    guid = next((c for c in item if local_name(c) == "guid"), None)
    if guid is None or guid.get("isPermaLink", "true") == "false":
        return None
    text = (guid.text or "").strip()
    return text if text.startswith(("http://", "https://")) else None


def _atom_entries(root: etree._Element, base_url: str) -> Iterator[FeedEntry | None]:
    for entry in root:
        if local_name(entry) != "entry":
            continue
        link = _atom_link(entry)
        if not link:
            yield None
            continue
        # Atom lets any element rebase relative links with xml:base.
        base = entry.base or base_url
        authors = [
            name
            for author in entry
            if local_name(author) == "author"
            for name in [child_text(author, "name")]
            if name
        ]
        tags = [c.get("term", "").strip() for c in entry if local_name(c) == "category"]
        yield FeedEntry(
            url=urljoin(base, link),
            title=child_text(entry, "title"),
            published=child_text(entry, "published") or child_text(entry, "updated"),
            authors=authors,
            tags=[t for t in tags if t],
        )


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for child in entry:
        if local_name(child) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate" and child.get("type", "text/html") in ("text/html", ""):
            return child.get("href").strip()
        fallback = fallback or (child.get("href").strip() if rel == "alternate" else None)
    return fallback
