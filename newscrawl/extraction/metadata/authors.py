"""Authors: the people a page names as its writers.

Read from JSON-LD ``author``/``creator``, author ``<meta>`` conventions,
microdata, ``rel=author`` links and, last, the byline text. Job titles,
e-mail addresses, URLs, placeholders ("Staff", "admin") and dates glued to
bylines are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from newscrawl.wire import agency_credit

from .jsonld import JsonLd
from .page import Page, element_text, itemprop_value
from .text import URL_OR_EMAIL_RE, chain, clean

MAX_AUTHORS = 20
# A byline longer than this is a paragraph of text, not a byline.
_MAX_BYLINE_CHARS = 300
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "twitter:creator",
)
# "Jane Doe (AFP)", "Jane Doe [Reuters]": a person with the agency credit.
_TRAILING_CREDIT_RE = re.compile(r"\s*[(\[]([^()\[\]]{2,40})[)\]]\s*$")

_BY_PREFIX_RE = re.compile(
    r"^\s*(?:written\s+|reported\s+|story\s+|text\s+|posted\s+)?"
    r"(?:by|von|par|por|di|da|door|af|av|przez|autor(?:in)?|author|auteur)\b\s*:?\s*"
    # Chinese and Japanese "reporter"/"author" (no word boundary in those
    # scripts; the one-character "text" label only with its colon), Arabic
    # "by the pen of", Thai "by".
    r"|^\s*(?:\u672c\u62a5)?(?:\u8bb0\u8005|\u8a18\u8005|\u4f5c\u8005|\u64b0\u6587)\s*[:\uff1a]?\s*"
    r"|^\s*(?:\u6587|\u7f16\u8f91|\u7de8\u96c6)\s*[:\uff1a]\s*"
    r"|^\s*(?:\u0628\u0642\u0644\u0645|\u0e42\u0e14\u0e22)\s*:?\s*",
    re.I,
)
# " e " and " y " (Portuguese/Italian, Spanish "and") only in lower case, so
# that middle initials ("Sarah E. Needleman") survive.
_AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:\band\b|\bund\b|\bet\b|(?-i:\s[ey]\s)|&|;|\||/|\n|\s[-\u2013\u2014]\s"
    r"|[\u3001\uff0c])\s*",  # and the ideographic and full-width commas of CJK bylines
    re.I,
)
_LINK_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+", re.I)
# "Text: Jane Doe" style labels; photo credits are not authors.
_LABEL_RE = re.compile(r"^([^\W\d_]+)\s*:\s*(?=\S)")
_CREDIT_LABELS = frozenset(
    {"photo", "photos", "foto", "fotos", "bild", "image", "video", "illustration"}
)
_ROLE_NOUNS = frozenset(
    {
        "reporter",
        "correspondent",
        "editor",
        "writer",
        "columnist",
        "contributor",
        "photographer",
        "producer",
        "journalist",
        "staff",
    }
)
_LATE_BY_RE = re.compile(r"\s(?:by|von|par|por)\s+", re.I)
_OUTLET_CREDIT_RE = re.compile(r"^(?:special\s+to|for|für|pour|para|exclusive\s+to)\s", re.I)
_FOR_OUTLET_RE = re.compile(r"\s+(?:for|für|pour|para|per)\s+.+$", re.I)
_NOISE_NAMES = frozenset(
    {
        "staff",
        "admin",
        "administrator",
        "editor",
        "editors",
        "anonymous",
        "unknown",
        "guest",
        "null",
        "none",
        "undefined",
        "author",
        "by",
        "webmaster",
        "redaktion",
        "rédaction",
        "redacción",
        "redazione",
    }
)
# Words of job titles around a role noun ("Senior Political Correspondent").
_ROLE_WORDS = _ROLE_NOUNS | frozenset(
    {
        "senior",
        "chief",
        "staff writer",
        "contributing",
        "special",
        "associate",
        "deputy",
        "managing",
        "executive",
        "freelance",
        "guest",
        "political",
        "foreign",
        "business",
        "news",
        "digital",
        "sports",
        "science",
        "health",
        "technology",
        "tech",
        "economics",
        "diplomatic",
        "legal",
        "investigative",
        "national",
        "international",
        "global",
        "white",
        "house",
        "bureau",
        "desk",
        "team",
    }
)
# A date glued to a byline: "Jane Doe Updated Nov 13", "Jane Doe on March 3".
# The word must follow a space or separator, or "Aaron" and "Sharon" lose
# their ending "on" (and "On Kim" his given name).
_DATE_TAIL_RE = re.compile(
    r"(?:\s+|\s*[-\u2013\u2014,|]\s*)(?:updated|published|posted|on)\b.*$|\s+\d{1,2}[:.]\d{2}.*$"
    r"|\s*,?\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*$",
    re.I,
)


def split_authors(values: Iterable[str]) -> list[str]:
    """Split, clean and dedupe author strings, keeping their order.

    "By Jane Doe and John Roe", "Jane Doe, John Roe & Ann Poe" and lists of
    such strings all become one name per item. Job titles ("Senior
    Correspondent"), e-mail addresses, URLs and placeholders ("Staff",
    "admin") are dropped; organisations ("Reuters") are kept.
    """
    result: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = clean(value)
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        text = _LINK_RE.sub(" ", text)
        late_by = _LATE_BY_RE.search(text)
        if late_by is not None and any(c.isdigit() for c in text[: late_by.start()]):
            # "April 9, 2012 12:24 PM by Jane Doe": the date came first.
            text = text[late_by.end() :]
        text = _BY_PREFIX_RE.sub("", text)
        text = _DATE_TAIL_RE.sub("", text)
        for part in _split_author_text(text):
            name = _clean_name(part)
            if name is None:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                result.append(name)
            if len(result) >= MAX_AUTHORS:
                return result
    return result


def _split_author_text(text: str) -> list[str]:
    parts = _AUTHOR_SPLIT_RE.split(text)
    result = []
    for part in parts:
        commas = [p.strip() for p in part.split(",")]
        if (
            len(commas) == 2
            and all(p and " " not in p for p in commas)
            and not any(p.isupper() for p in commas)
        ):
            # "Doe, Jane" is one name; "Reuters, AFP" (acronyms) is two.
            result.append(part.strip())
        else:
            result.extend(commas)
    return result


def _clean_name(part: str) -> str | None:
    name = _BY_PREFIX_RE.sub("", part).strip(" \t-\u2013\u2014:\u00b7\u2022,.")
    label = _LABEL_RE.match(name)
    if label is not None:
        if label.group(1).casefold() in _CREDIT_LABELS:
            return None
        name = name[label.end() :]
    if _OUTLET_CREDIT_RE.match(name) or any(c.isdigit() for c in name):
        # "Special to the Times" is a credit line; names carry no digits (dates do).
        return None
    name = _FOR_OUTLET_RE.sub("", name) if len(name.split()) > 2 else name
    words = name.split()
    if len(words) > 1 and words[-1].casefold().strip(".") in _ROLE_NOUNS:
        # "Jane Doe Staff Writer" -> "Jane Doe", "Reuters Staff" -> "Reuters".
        while words and words[-1].casefold().strip(".") in _ROLE_WORDS:
            words.pop()
        name = " ".join(words)
    if len(name) < 2 or len(name) > 80 or not any(c.isalpha() for c in name):
        return None
    if URL_OR_EMAIL_RE.search(name):
        return None
    lowered = name.casefold()
    if lowered in _NOISE_NAMES:
        return None
    words = lowered.split()
    if len(words) > 6:
        return None
    if all(w.strip(".") in _ROLE_WORDS for w in words):
        return None
    if name.isupper() and len(words) >= 2 and all(len(w) > 2 for w in words):
        # Bylines set in capitals by the template: "JANE DOE" -> "Jane Doe".
        name = name.title()
    return name


@dataclass
class Credits:
    """Who a page credits: people, and the news agency when one is named."""

    authors: list[str]
    wire: str | None = None


def page_authors(page: Page, json_ld: JsonLd, node: dict[str, Any], byline: str | None) -> Credits:
    """The page's authors, from the most trusted source that names any.

    News agencies ("Reuters", "AFP", "Bureau Report") named in author fields
    are credits, not people: they go to ``wire`` (the first one named). A
    source that credits only an agency still ends the search: a less trusted
    one then mostly names the outlet itself.
    """
    sources = chain(
        (lambda: json_ld.names(node.get("author")), lambda: json_ld.names(node.get("creator"))),
        ((lambda key=key: page.all(key)) for key in _AUTHOR_META),
        (
            lambda: _itemprop_authors(page),
            lambda: _rel_author_links(page),
            lambda: [byline] if byline else [],
        ),
    )
    for source in sources:
        people, wire = separate_agencies(split_authors(source()))
        if people or wire:
            return Credits(people, wire)
    return Credits([])


def separate_agencies(names: Iterable[str]) -> tuple[list[str], str | None]:
    """(people, the first agency): "Jane Doe (AFP)" gives Jane Doe and AFP."""
    people: list[str] = []
    wire = None
    for name in names:
        agency = agency_credit(name)
        if agency is not None:
            wire = wire or agency
            continue
        credit = _TRAILING_CREDIT_RE.search(name)
        if credit is not None and (agency := agency_credit(credit.group(1))) is not None:
            wire = wire or agency
            name = name[: credit.start()].strip()
        if name:
            people.append(name)
    return people, wire


def _rel_author_links(page: Page) -> list[str]:
    if not page.mentions("author"):
        return []
    # The parents of the attributes: faster than testing every <a>.
    links = page.xpath("/descendant::a/@rel[. = 'author']/..")[:MAX_AUTHORS]
    return [element_text(a) or "" for a in links]


def page_byline(page: Page) -> str | None:
    """The raw byline: a ``byl``/``byline`` meta, else a byline element's text."""
    return page.first(("byl", "byline")) or _byline_element(page)


def _itemprop_authors(page: Page) -> list[str]:
    names = []
    elements = []
    for name in ("author", "creator"):
        if page.has_itemprop(name):
            elements += page.itemprops.get(name, [])
    for element in elements:
        inner = element.xpath(".//*[@itemprop='name']")
        value = itemprop_value(inner[0] if inner else element)
        if value:
            names.append(value)
    return names


# Elements of the body whose class or id contains "byline", in document order.
# Selecting the attributes and then their parents is several times faster in
# libxml2 than a predicate on every element, for the same elements.
_BYLINE_QUERY = etree.XPath(
    "(/html/body/descendant::*/@class[contains(., 'byline')]"
    " | /html/body/descendant::*/@id[contains(., 'byline')])"
    "/parent::*[not(self::script or self::style)]"
)


def _byline_element(page: Page) -> str | None:
    if not page.mentions("byline"):
        return None
    try:
        found = _BYLINE_QUERY(page.root)
    except etree.XPathError:
        return None
    for element in found[:5]:
        text = element_text(element, " ")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return text
    return None
