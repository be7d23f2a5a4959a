"""The lookups metadata extraction makes in a page's tree, gathered in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .text import clean

# How far before a property name its itemprop attribute can start:
# 'itemprop="' and a few other property names of the same attribute.
_ITEMPROP_REACH = 48
# Headline <h1> elements kept for title checks: a page's headline is among
# its first ones; later ones head teasers or widgets.
_MAX_H1 = 3


class Page:
    """The lookups metadata extraction needs.

    ``<meta>``, ``<script>``, ``<link>``, ``<title>``, ``<base>`` and
    ``<h1>`` are gathered in one pass over the tree (lxml filters tags in C,
    so this costs about a tenth of a millisecond on a large page);
    attribute-based XPath scans (microdata, bylines) cost more and only run
    when a field is still missing, and not at all when the page source (when
    given) does not even contain the attribute value they look for.
    """

    def __init__(
        self, root: Any, source: str | None = None, source_utf8: bytes | None = None
    ) -> None:
        self.root = root
        self.source = source
        # ``source`` in UTF-8 when the caller had it: it holds a word exactly
        # where the str does, and bytes are searched several times faster
        # than a str of wide characters (most pages with any non-Latin-1 one).
        # It must be exactly ``source.encode("utf-8")``, which is not checked
        # here: extract_metadata() checks what its callers pass, and
        # extract() passes the body it decoded ``source`` from.
        self.source_utf8 = source_utf8 if isinstance(source_utf8, bytes) else None
        self.meta: dict[str, list[str]] = {}
        self.json_ld_texts: list[str] = []
        self.canonical_hrefs: list[str] = []
        self.title: str | None = None
        self.base_href: str | None = None
        self.h1_elements: list[Any] = []
        self._itemprops: dict[str, list[Any]] | None = None
        for element in root.iter("meta", "script", "link", "title", "base", "h1"):
            tag = element.tag
            if tag == "meta":
                self._add_meta(element)
            elif tag == "script":
                if "ld+json" in (element.get("type") or "").lower() and element.text:
                    self.json_ld_texts.append(element.text)
            elif tag == "link":
                rel = element.get("rel")
                href = element.get("href")
                if rel and href and "canonical" in rel.lower().split():
                    self.canonical_hrefs.append(href)
            elif tag == "h1":
                if len(self.h1_elements) < _MAX_H1:
                    self.h1_elements.append(element)
            elif tag == "title":
                if self.title is None:
                    self.title = element_text(element)
            elif self.base_href is None:
                self.base_href = element.get("href")

    def _add_meta(self, element: Any) -> None:
        content = element.get("content")
        if content is None:
            content = element.get("value")
        if not content:
            return
        content = content.strip()
        if not content:
            return
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                for token in key.lower().split():
                    self.meta.setdefault(token, []).append(content)

    def first(self, keys: Iterable[str]) -> str | None:
        """The first non-empty meta value under any of ``keys``, cleaned."""
        for key in keys:
            for value in self.meta.get(key, ()):
                cleaned = clean(value)
                if cleaned:
                    return cleaned
        return None

    def raw_firsts(self, keys: Iterable[str]) -> Iterator[str]:
        """The first raw value of each of ``keys`` present, lazily."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                yield values[0]

    def all(self, key: str) -> list[str]:
        return [c for c in (clean(v) for v in self.meta.get(key, ())) if c]

    def headings(self) -> Iterator[str]:
        """The texts of the page's first <h1> elements, read when asked for."""
        for element in self.h1_elements:
            text = element_text(element, " ")
            if text:
                yield text

    def xpath(self, query: str) -> list[Any]:
        try:
            return self.root.xpath(query)
        except Exception:  # lxml raises XPathError subclasses on odd trees
            return []

    def mentions(self, value: str) -> bool:
        """Can the page hold ``value`` in an attribute? (Case-sensitive; True
        without the source.) Values spelled with character references are
        not recognised, a price paid to skip whole-tree scans on most pages."""
        if self.source is None:
            return True
        if self.source_utf8 is not None:
            return value.encode("utf-8") in self.source_utf8
        return value in self.source

    def has_itemprop(self, name: str) -> bool:
        """Can an element carry microdata property ``name``? (True without the source.)

        True when ``name`` follows an ``itemprop`` attribute closely in the
        source. Most pages name "author" or "datePublished" only in JSON-LD
        or meta tags; looking at those few places costs far less than the
        tree walk that collects the microdata elements.
        """
        source = self.source
        if source is None:
            return True
        if self.source_utf8 is not None and name.encode("utf-8") not in self.source_utf8:
            return False  # the common case, answered by the faster search
        start = source.find(name)
        while start != -1:
            if "itemprop" in source[max(0, start - _ITEMPROP_REACH) : start].lower():
                return True
            start = source.find(name, start + len(name))
        return False

    @property
    def itemprops(self) -> dict[str, list[Any]]:
        """Microdata properties on elements other than <meta>, by name."""
        if self._itemprops is None:
            self._itemprops = {}
            # The parents of the attributes: faster than testing every element.
            for element in self.xpath("/descendant::*/@itemprop/.."):
                if element.tag == "meta":
                    continue  # already in self.meta
                for name in (element.get("itemprop") or "").split():
                    self._itemprops.setdefault(name, []).append(element)
        return self._itemprops

    def itemprop(self, name: str) -> Iterator[str]:
        """Values of microdata property ``name``, <meta> ones included."""
        elements = self.itemprops.get(name, ()) if self.has_itemprop(name) else ()
        for element in elements:
            value = itemprop_value(element)
            if value:
                yield value
        yield from self.meta.get(name.lower(), ())


def element_text(element: Any, separator: str = "") -> str | None:
    try:
        if separator:
            return clean(separator.join(element.itertext()))
        return clean(element.text_content())
    except (AttributeError, ValueError, TypeError):
        return None


def itemprop_value(element: Any) -> str | None:
    for attribute in ("content", "datetime", "value"):
        value = element.get(attribute)
        if value:
            return clean(value)
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("a", "link"):
        return clean(element.get("href"))
    return element_text(element, " ")
