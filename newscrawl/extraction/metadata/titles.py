"""Titles: the headline, without the site name templates add to ``<title>``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from .jsonld import first_text
from .page import Page
from .text import simplify

_TITLE_META = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title")

# " | ", " - ", ": " and kin; the full-width bar and the underscore also
# without spaces (U+FF5C), as Japanese and Chinese sites write them.
_TITLE_SEPARATORS_RE = re.compile(
    r"\s+::\s+|\s+[|\-\u2013\u2014\u00b7\u2022\u00bb/]\s+|\s*:\s+|\s*[\uff5c_]\s*"
)
# A part of the title that the page's <h1> or og:title confirms is the
# headline only if it is at least this long; shorter ones are topic words or
# section headings ("Brexit", "Live", "Opinion") that h1s also hold.
_MIN_HEADLINE_WORDS = 3
# The same for scripts written without spaces, in characters: Chinese
# headlines run from about seven; section names are two to four.
_MIN_HEADLINE_CHARS = 6


def strip_title_suffix(
    title: str, site_name: str | None, host: str | None, section: str | None = None
) -> str:
    """Remove " | Site Name" (or "Site Name - ") when it names the site."""
    names = _site_names(site_name, host)
    if not names:
        return title
    section_key = simplify(section) if section else None
    segments, separators = _split(title)
    if len(segments) < 2:
        return title
    # Trailing "... | Section | Site".
    end = len(segments)
    if _is_site(segments[end - 1], names):
        end -= 1
        if end > 1 and section_key and simplify(segments[end - 1]) == section_key:
            end -= 1
    start = 0
    if end == len(segments) and _is_site(segments[0], names):
        start = 1
    if start == 0 and end == len(segments):
        return title
    return _join(segments, separators, start, end).strip() or title


def confirmed_headline(
    title: str,
    confirmations: Iterable[str | None],
    site_name: str | None = None,
    host: str | None = None,
    section: str | None = None,
) -> str:
    """The part of ``title`` that another of the page's headlines repeats.

    "Ferry strike ends | World News | Zee News" with the ``<h1>`` (or
    og:title) "Ferry strike ends" gives "Ferry strike ends", whatever the
    suffix (or prefix) is; the longest confirmed run of segments at either
    end wins. Parts that name the site or the section, and parts too short to
    be a headline, do not count. Without a confirmation ``title`` is returned.
    """
    keys = {simplify(c) for c in confirmations if c}
    keys.discard("")
    if not keys:
        return title
    segments, separators = _split(title)
    count = len(segments)
    if count < 2:
        return title
    names = _site_names(site_name, host)
    section_key = simplify(section) if section else None
    for size in range(count - 1, 0, -1):
        for start in dict.fromkeys((0, count - size)):
            part = _join(segments, separators, start, start + size).strip()
            key = simplify(part)
            if (
                key in keys
                and key != section_key
                and _long_enough(part)
                and not (names and _is_site(part, names))
            ):
                return part
    return title


def _split(title: str) -> tuple[list[str], list[str]]:
    return _TITLE_SEPARATORS_RE.split(title), _TITLE_SEPARATORS_RE.findall(title)


def _join(segments: list[str], separators: list[str], start: int, end: int) -> str:
    rebuilt = segments[start]
    for i in range(start + 1, end):
        rebuilt += separators[i - 1] + segments[i]
    return rebuilt


def _long_enough(part: str) -> bool:
    words = part.split()
    if len(words) >= _MIN_HEADLINE_WORDS:
        return True
    return len(words) == 1 and len(part) >= _MIN_HEADLINE_CHARS and not part.isascii()


def _site_names(site_name: str | None, host: str | None) -> set[str]:
    names = set()
    if site_name:
        names.add(simplify(site_name))
    if host:
        host = host.lower().removeprefix("www.")
        names.add(simplify(host))
        names.add(simplify(host.split(".")[0]))
    names.discard("")
    return names


def _is_site(segment: str, names: set[str]) -> bool:
    simple = simplify(segment)
    if not simple:
        return False
    if simple in names:
        return True
    # "The Daily Example" vs "dailyexample"; short names must match exactly.
    return any(len(n) >= 5 and (n in simple or simple in n) for n in names)


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
    confirmations = (*page.headings(), meta_title, headline)
    title = confirmed_headline(title, confirmations, site_name, host, section)
    return strip_title_suffix(title, site_name, host, section)
