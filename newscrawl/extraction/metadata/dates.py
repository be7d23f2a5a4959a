"""Dates: which of the dates a page declares are its publication and update.

The date *parsing* is :mod:`newscrawl.extraction.dates`; this module decides
where to read: the JSON-LD article, then ``<meta>`` conventions, microdata,
other page-level JSON-LD nodes and, last, ``<time datetime>`` in the article
or its date line (never one in a sidebar).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from datetime import timezone as dt_timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.extraction.dates import parse_moment

from .jsonld import JsonLd
from .page import Page
from .text import chain

logger = logging.getLogger(__name__)

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "article_date_original",
    "article.created",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "date",
    "og:pubdate",
    "creation_date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "modified_time",
    "last-modified",
    "lastmod",
    "article.updated",
    "dc.date.modified",
    "dcterms.modified",
    "parsely-updated",
)


@dataclass
class PageDates:
    published: str | None = None
    modified: str | None = None
    # False when the page wrote its publication time without an offset and
    # nothing on the page or in the outlet spec told which: ``published`` is
    # then local time with no offset (never a guessed +00:00).
    published_offset_known: bool = False


def page_dates(
    page: Page, json_ld: JsonLd, node: dict[str, Any], timezone: str | None = None
) -> PageDates:
    """The page's publication and modification dates, ISO 8601.

    A date written without an offset ("2026-11-22 10:30") takes, in turn:
    the offset that the same moment has where the page writes it again with
    one (JSON-LD in UTC, a meta tag in local time); the outlet's
    ``timezone``; the offset of another date on the page (its modification
    date, another publication date). Else it stays local time, no offset.
    """
    published_dates = _Moments(
        chain(
            (node.get("datePublished"), node.get("dateCreated")),
            page.raw_firsts(_PUBLISHED_META),
            lambda: page.itemprop("datePublished"),
            lambda: json_ld.page_dates("datePublished"),
            lambda: _time_elements(page),
        )
    )
    modified_dates = _Moments(
        chain(
            (node.get("dateModified"),),
            page.raw_firsts(_MODIFIED_META),
            lambda: page.itemprop("dateModified"),
            lambda: json_ld.page_dates("dateModified"),
        )
    )
    published = published_dates.first()
    modified = modified_dates.first()
    if published is not None and published.tzinfo is None:
        published = _localise(published, published_dates, timezone, (modified_dates,))
    if modified is not None and modified.tzinfo is None:
        others = (_Moments([published] if published else []), published_dates)
        modified = _localise(modified, modified_dates, timezone, others)
    return PageDates(
        published=published.isoformat() if published else None,
        modified=modified.isoformat() if modified else None,
        published_offset_known=published is not None and published.tzinfo is not None,
    )


class _Moments:
    """The parsed dates of a lazy sequence of raw values, read as far as asked."""

    def __init__(self, values: Iterable[Any]) -> None:
        self._values: Iterator[Any] | None = iter(values)
        self._parsed: list[datetime] = []

    def first(self) -> datetime | None:
        if self._parsed or self._read_one():
            return self._parsed[0]
        return None

    def __iter__(self) -> Iterator[datetime]:
        index = 0
        while True:
            if index < len(self._parsed):
                yield self._parsed[index]
                index += 1
            elif not self._read_one():
                return

    def _read_one(self) -> bool:
        if self._values is None:
            return False
        for value in self._values:
            if isinstance(value, datetime):
                self._parsed.append(value)
                return True
            if isinstance(value, list):
                value = value[0] if value else None
            if isinstance(value, dict):
                value = value.get("@value")
            moment = parse_moment(value)
            if moment is not None:
                self._parsed.append(moment)
                return True
        self._values = None
        return False


def _localise(
    naive: datetime, same_field: _Moments, timezone: str | None, others: Iterable[_Moments]
) -> datetime:
    """``naive`` with the best-founded offset, or as it is (see page_dates)."""
    for other in same_field:
        if other.tzinfo is None:
            continue
        if naive.time() == time() and naive.date() == other.date():
            return other  # a bare day, and the same day with its time and offset
        offset = naive - other.astimezone(UTC).replace(tzinfo=None)
        if offset.total_seconds() / 60 in _OFFSETS_IN_USE:
            return naive.replace(tzinfo=dt_timezone(offset))
    zone = outlet_zone(timezone)
    if zone is not None:
        return naive.replace(tzinfo=zone)
    for moments in others:
        for other in moments:
            if other.tzinfo is not None:
                return naive.replace(tzinfo=dt_timezone(other.utcoffset()))
    return naive


# UTC offsets in use, in minutes: whole hours from -12 to +14 and the half and
# three-quarter hours of India, Iran, Nepal, Newfoundland and others. A
# difference between two writings of one moment is an offset only if it is
# one of these.
_OFFSETS_IN_USE = frozenset(
    {h * 60 for h in range(-12, 15)} | {-570, -210, 210, 270, 330, 390, 570, 630} | {345, 525, 765}
)
_OFFSET_RE = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d\d)?$")


@lru_cache(maxsize=64)
def outlet_zone(name: str | None) -> tzinfo | None:
    """The zone an Outlet spec names: IANA ("Asia/Tokyo") or an offset ("+09:00")."""
    if not name or not isinstance(name, str):
        return None
    match = _OFFSET_RE.match(name.strip())
    if match is not None:
        minutes = int(match[2]) * 60 + int(match[3] or 0)
        return dt_timezone(timedelta(minutes=-minutes if match[1] == "-" else minutes))
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("unknown outlet timezone %r: local times stay without offset", name)
        return None


# Class name fragments of the elements that hold an article's date line.
_DATE_CONTAINER_CLASSES = (
    "byline",
    "dateline",
    "publish",
    "posted",
    "timestamp",
    "article-date",
    "post-date",
    "entry-date",
    "entry-meta",
    "post-meta",
    "article-meta",
    "authortime",
)


def _time_elements(page: Page) -> Iterator[str]:
    """<time datetime> where a publication date is: pubdate, article, date line.

    A <time> anywhere else may date a related story in a sidebar. Pages hold
    few <time> elements, so each one's ancestors are read rather than the
    whole tree searched for date-line classes.
    """
    found = []
    for element in page.root.iter("time"):
        if element.get("datetime") is None:
            continue
        if element.get("pubdate") is not None or _in_date_container(element):
            found.append(element)
            if len(found) == 3:
                break
    for element in found:
        value = element.get("datetime")
        if value:
            yield value


def _in_date_container(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "article":
            return True
        classes = ancestor.get("class")
        if classes and any(name in classes for name in _DATE_CONTAINER_CLASSES):
            return True
    return False
