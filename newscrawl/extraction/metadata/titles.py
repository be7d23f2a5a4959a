"""Titles: the headline, without the site name templates add to ``<title>``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .jsonld import first_text
from .page import Page
from .text import chain, simplify

_TITLE_META = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title")

# " | ", " - ", ": " and kin; the full-width bar and the underscore also
# without spaces (U+FF5C), as Japanese and Chinese sites write them.
_TITLE_SEPARATORS_RE = re.compile(
    r"\s+::\s+|\s+[|\-\u2013\u2014\u00b7\u2022\u00bb/]\s+|\s*:\s+|\s*[\uff5c_]\s*"
)
_SPLIT_KEEPING_SEPARATORS_RE = re.compile(f"({_TITLE_SEPARATORS_RE.pattern})")
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
    segments, separators = _split(title)
    count = len(segments)
    if count < 2:
        return title
    # Only now: reading the <h1> texts costs more than all of the above.
    keys = {simplify(c) for c in confirmations if c}
    keys.discard("")
    whole = simplify(title)
    # Separators hold no letters or digits, so a run of segments simplifies to
    # the concatenation of their keys: most titles are settled right here.
    ends = [k for k in keys if k != whole and (whole.startswith(k) or whole.endswith(k))]
    if not ends:
        return title
    segment_keys = [simplify(segment) for segment in segments]
    names = _site_names(site_name, host)
    section_key = simplify(section) if section else None
    for size in range(count - 1, 0, -1):
        for start in dict.fromkeys((0, count - size)):
            key = "".join(segment_keys[start : start + size])
            if key not in ends or key == section_key:
                continue
            part = _join(segments, separators, start, start + size).strip()
            if _long_enough(part) and not (names and _is_site(part, names)):
                return part
    return title


@lru_cache(maxsize=256)
def _split(title: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(segments, separators); cached: a page's title is split up to three times."""
    parts = _SPLIT_KEEPING_SEPARATORS_RE.split(title)
    return tuple(parts[0::2]), tuple(parts[1::2])


def _join(segments: Sequence[str], separators: Sequence[str], start: int, end: int) -> str:
    rebuilt = segments[start]
    for i in range(start + 1, end):
        rebuilt += separators[i - 1] + segments[i]
    return rebuilt


def _long_enough(part: str) -> bool:
    words = part.split()
    if len(words) >= _MIN_HEADLINE_WORDS:
        return True
    return len(words) == 1 and len(part) >= _MIN_HEADLINE_CHARS and not part.isascii()


@lru_cache(maxsize=256)
def _site_names(site_name: str | None, host: str | None) -> frozenset[str]:
    names = set()
    if site_name:
        names.add(simplify(site_name))
    if host:
        host = host.lower().removeprefix("www.")
        names.add(simplify(host))
        names.add(simplify(host.split(".")[0]))
    names.discard("")
    return frozenset(names)


def _is_site(segment: str, names: frozenset[str]) -> bool:
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
    stripped = strip_title_suffix(title, site_name, host, section)
    if not _TITLE_SEPARATORS_RE.search(stripped):
        return stripped  # "Headline | Site": nothing left for a confirmation to settle
    confirmations = chain(page.headings(), (meta_title, headline))
    confirmed = confirmed_headline(title, confirmations, site_name, host, section)
    if confirmed is title:
        return stripped
    return strip_title_suffix(confirmed, site_name, host, section)
