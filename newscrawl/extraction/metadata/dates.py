"""Dates: which of the dates a page declares are its publication and update.

The date *parsing* is :mod:`newscrawl.extraction.dates`; this module decides
where to read: the JSON-LD article, then ``<meta>`` conventions, microdata,
other page-level JSON-LD nodes and, last, ``<time datetime>`` in the article
or its date line (never one in a sidebar).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newscrawl.extraction.dates import parse_date

from .jsonld import JsonLd
from .page import Page
from .text import chain

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


def page_dates(page: Page, json_ld: JsonLd, node: dict[str, Any]) -> PageDates:
    """The page's publication and modification dates, ISO 8601."""
    published = _first_date(
        chain(
            (node.get("datePublished"), node.get("dateCreated")),
            page.raw_firsts(_PUBLISHED_META),
            lambda: page.itemprop("datePublished"),
            lambda: json_ld.page_dates("datePublished"),
            lambda: _time_elements(page),
        )
    )
    modified = _first_date(
        chain(
            (node.get("dateModified"),),
            page.raw_firsts(_MODIFIED_META),
            lambda: page.itemprop("dateModified"),
            lambda: json_ld.page_dates("dateModified"),
        )
    )
    return PageDates(published, modified)


def _first_date(candidates: Iterable[Any]) -> str | None:
    for candidate in candidates:
        if isinstance(candidate, list):
            candidate = candidate[0] if candidate else None
        if isinstance(candidate, dict):
            candidate = candidate.get("@value")
        parsed = parse_date(candidate)
        if parsed:
            return parsed
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
