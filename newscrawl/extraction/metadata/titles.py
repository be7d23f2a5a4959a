"""Titles: the headline, without the site name templates add to ``<title>``."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .jsonld import first_text
from .page import Page
from .text import simplify

_TITLE_META = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title")

_TITLE_SEPARATORS_RE = re.compile(r"\s+::\s+|\s+[|\-\u2013\u2014\u00b7\u2022\u00bb/]\s+|\s*:\s+")


def strip_title_suffix(
    title: str, site_name: str | None, host: str | None, section: str | None = None
) -> str:
    """Remove " | Site Name" (or "Site Name - ") when it names the site."""
    names = set()
    if site_name:
        names.add(simplify(site_name))
    if host:
        host = host.lower().removeprefix("www.")
        names.add(simplify(host))
        names.add(simplify(host.split(".")[0]))
    names.discard("")
    if not names:
        return title

    def is_site(segment: str) -> bool:
        simple = simplify(segment)
        if not simple:
            return False
        if simple in names:
            return True
        # "The Daily Example" vs "dailyexample"; short names must match exactly.
        return any(len(n) >= 5 and (n in simple or simple in n) for n in names)

    section_key = simplify(section) if section else None
    segments = _TITLE_SEPARATORS_RE.split(title)
    separators = _TITLE_SEPARATORS_RE.findall(title)
    if len(segments) < 2:
        return title
    # Trailing "... | Section | Site".
    end = len(segments)
    if is_site(segments[end - 1]):
        end -= 1
        if end > 1 and section_key and simplify(segments[end - 1]) == section_key:
            end -= 1
    start = 0
    if end == len(segments) and is_site(segments[0]):
        start = 1
    if start == 0 and end == len(segments):
        return title
    rebuilt = segments[start]
    for i in range(start + 1, end):
        rebuilt += separators[i - 1] + segments[i]
    return rebuilt.strip() or title


def page_title(
    page: Page,
    article: dict[str, Any] | None,
    site_name: str | None,
    section: str | None,
    url: str | None,
) -> str | None:
    """The JSON-LD headline, og:title or ``<title>``, the site name stripped."""
    headline = first_text(article.get("headline") or article.get("name")) if article else None
    meta_title = page.first(_TITLE_META)
    title = headline or meta_title or page.title
    if title and title.endswith(("...", "…")):
        # JSON-LD headlines are often cut to 110 characters for search engines.
        stem = title.rstrip(".… ")
        for longer in (meta_title, page.title):
            if longer and len(longer) > len(stem) and longer.startswith(stem):
                title = longer
                break
    if not title:
        return None
    host = None
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
    return strip_title_suffix(title, site_name, host, section)
