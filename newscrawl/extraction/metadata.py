"""Page metadata: title, authors, dates, language, canonical URL and the like.

Read from what a page declares about itself, in order of trust:

1. JSON-LD (``<script type="application/ld+json">``): schema.org *Article
   types, ``@graph`` arrays with ``@id`` references (as Yoast and most CMS
   plugins emit), ``WebPage.mainEntity``. Broken blocks (HTML comments, CDATA
   wrappers, trailing commas, raw control characters, several objects in one
   script) are salvaged when that is cheap, and skipped otherwise.
2. OpenGraph and ``article:*`` properties.
3. Other ``<meta>`` conventions (``author``, ``parsely-*``, ``sailthru.*``,
   Dublin Core, ``pubdate``-style names), microdata ``itemprop`` on any
   element, and ``<time datetime>`` in the article or byline.
4. ``<link rel=canonical>``, ``<html lang>`` and ``<title>``.

Everything is read from the lxml tree the caller already parsed, with a single
pass over ``<meta>`` elements and a handful of XPath queries, because it runs
on every page.

Conventions of the result: dates are ISO 8601 with offset (see
:mod:`newscrawl.extraction.dates`); ``language`` is a BCP 47 tag in its
canonical case ("en", "en-GB", "zh-Hant-TW", see :func:`normalize_language`);
``canonical_url`` is an absolute http(s) URL or None.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.extraction.dates import parse_date

__all__ = [
    "Metadata",
    "extract_metadata",
    "normalize_language",
    "split_authors",
    "strip_title_suffix",
]


@dataclass
class Metadata:
    """What a page says about itself. Empty fields mean "not declared"."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 with offset, via parse_date
    modified: str | None = None
    language: str | None = None  # BCP 47, canonical case: "en", "en-GB"
    canonical_url: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    page_type: str | None = None  # e.g. "NewsArticle", "article", "website"
    # True when the page declares itself an article, False when it declares
    # another kind of page, None when it says nothing either way.
    is_article: bool | None = None
    byline: str | None = None  # raw byline/credit text, for wire detection


ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "ClaimReview",  # fact-check pages: an article with a verdict
    }
)
# Page-level types that say "this page is not an article". WebSite,
# Organization, BreadcrumbList and friends are not here: sites emit them on
# every page, articles included.
NON_ARTICLE_TYPES = frozenset(
    {
        "WebPage",
        "CollectionPage",
        "SearchResultsPage",
        "ProfilePage",
        "AboutPage",
        "ContactPage",
        "FAQPage",
        "QAPage",
        "ItemList",
        "Product",
        "Event",
        "VideoGallery",
        "ImageGallery",
    }
)
# Types that describe things on a page (its logo, publisher, images), whose
# dates are not the page's.
_SUPPORTING_TYPES = frozenset(
    {
        "Organization",
        "NewsMediaOrganization",
        "Person",
        "ImageObject",
        "VideoObject",
        "AudioObject",
        "MediaObject",
        "BreadcrumbList",
        "ListItem",
        "WebSite",
        "SiteNavigationElement",
        "Comment",
        "Review",
        "Offer",
        "Product",
        "Event",
    }
)
_PAGE_TYPES = ARTICLE_TYPES | NON_ARTICLE_TYPES | {"MediaGallery", "VideoObject", "WebSite"}
_NON_ARTICLE_OG_TYPES = frozenset(
    {"website", "profile", "product", "book", "place", "business.business", "video.other"}
)

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
_SECTION_META = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "sailthru.section",
    "section",
    "article.section",
    "category",
    "dc.subject",
)
_TAG_META = (
    "article:tag",
    "og:article:tag",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
    "keywords",
)
_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
_TITLE_META = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title")
_SITE_META = ("og:site_name", "application-name", "al:android:app_name", "twitter:site")
_LANGUAGE_META = ("content-language", "og:locale", "dc.language", "language", "inlanguage")

_MAX_TAGS = 50
_MAX_AUTHORS = 20

_SPACE_RE = re.compile(r"\s+")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});", re.I)


def _clean(value: Any) -> str | None:
    """Collapse whitespace and undo HTML escaping left in metadata strings."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    if "&" in value and _ENTITY_RE.search(value):
        # JSON-LD written by template engines is often HTML-escaped, sometimes twice.
        value = html.unescape(html.unescape(value))
    value = _SPACE_RE.sub(" ", value).strip()
    return value or None


# --------------------------------------------------------------------------
# JSON-LD


_COMMENT_WRAP_RE = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)")
_COMMENT_END_RE = re.compile(r"(?:-->|//\s*\]\]>|/\*\s*\]\]>\s*\*/|\]\]>)\s*$")
_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECODER = json.JSONDecoder(strict=False)


def _load_json_ld(text: str) -> list[Any]:
    """Parse one script's JSON-LD; salvage common breakage; never raise."""
    text = text.strip()
    if not text:
        return []
    try:
        return [json.loads(text, strict=False)]
    except (ValueError, RecursionError):
        pass
    text = _COMMENT_END_RE.sub("", _COMMENT_WRAP_RE.sub("", text)).strip().rstrip(";")
    text = _CONTROL_RE.sub(" ", text)
    text = _TRAILING_COMMA_RE.sub(r"\1", text)
    text = re.sub(r"\\'", "'", text)
    # Several top-level values in one script ("{...}{...}" or "{...},{...}").
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n,;":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _types(node: dict[str, Any]) -> list[str]:
    """The node's @type values without schema.org prefixes."""
    raw = node.get("@type")
    if isinstance(raw, str):
        raw = [raw]
    elif not isinstance(raw, list):
        return []
    result = []
    for item in raw:
        if isinstance(item, str) and item:
            result.append(item.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    return result


class _JsonLd:
    """The nodes of all JSON-LD blocks of a page, with an @id index."""

    def __init__(self, blocks: Iterable[Any]) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        for block in blocks:
            self._collect(block, depth=0)

    def _collect(self, value: Any, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(value, list):
            for item in value:
                self._collect(item, depth + 1)
            return
        if not isinstance(value, dict):
            return
        node_id = value.get("@id")
        if isinstance(node_id, str) and len(value) > 1:
            self.by_id.setdefault(node_id, value)
        if "@type" in value:
            self.nodes.append(value)
        graph = value.get("@graph")
        if graph is not None:
            self._collect(graph, depth + 1)
        main_entity = value.get("mainEntity")
        if isinstance(main_entity, (dict, list)):
            self._collect(main_entity, depth + 1)

    def resolve(self, value: Any) -> Any:
        """Follow an {"@id": ...} reference to the full node, one level."""
        if isinstance(value, dict) and len(value) == 1 and "@id" in value:
            target = self.by_id.get(value["@id"]) if isinstance(value["@id"], str) else None
            return target if target is not None else value
        return value

    def article(self, page_urls: set[str]) -> dict[str, Any] | None:
        """The node describing this page's article, if any.

        Pages also carry Article nodes for related stories; the one whose
        URL is this page wins, then the most complete one.
        """
        best: dict[str, Any] | None = None
        best_score = -1
        for node in self.nodes:
            if not ARTICLE_TYPES.intersection(_types(node)):
                continue
            score = sum(1 for key in ("headline", "datePublished", "author") if node.get(key))
            if page_urls and page_urls.intersection(_node_urls(node, self)):
                score += 10
            if score > best_score:
                best, best_score = node, score
        return best

    def page_dates(self, key: str) -> Iterator[Any]:
        """``key`` of nodes that describe a page rather than a thing on it.

        For pages typed as something this module does not know as an article
        (MedicalWebPage, Recipe...), whose dates are still the page's dates.
        """
        for node in self.nodes:
            if key in node and not _SUPPORTING_TYPES.intersection(_types(node)):
                yield node[key]

    def first_of(self, types: frozenset[str]) -> dict[str, Any] | None:
        for node in self.nodes:
            if types.intersection(_types(node)):
                return node
        return None


def _node_urls(node: dict[str, Any], json_ld: _JsonLd) -> set[str]:
    urls = set()
    for key in ("url", "mainEntityOfPage", "@id"):
        value = json_ld.resolve(node.get(key))
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str):
            urls.add(_url_key(value))
    return urls


def _url_key(url: str) -> str:
    """Compare URLs without scheme, "www.", query, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return host + parts.path.rstrip("/")


def _names(value: Any, json_ld: _JsonLd, depth: int = 0) -> Iterator[str]:
    """Names from a schema.org author/creator/publisher value of any shape."""
    if depth > 4 or value is None:
        return
    value = json_ld.resolve(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _names(item, json_ld, depth + 1)
    elif isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, (list, dict)):
            yield from _names(name, json_ld, depth + 1)
        elif isinstance(name, str):
            yield name
        elif value.get("givenName") or value.get("familyName"):
            parts = (value.get("givenName"), value.get("familyName"))
            yield " ".join(p for p in parts if isinstance(p, str))
        elif isinstance(value.get("@value"), str):
            yield value["@value"]


def _first_text(value: Any) -> str | None:
    """A string, or the first string of a list (schema.org allows both)."""
    if isinstance(value, list):
        for item in value:
            text = _first_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return _first_text(value.get("@value") or value.get("name"))
    return _clean(value)


def _texts(value: Any) -> list[str]:
    """All strings of a string-or-list value, comma lists split."""
    if isinstance(value, str):
        return [t for t in (_clean(p) for p in value.split(",")) if t]
    if isinstance(value, list):
        result = []
        for item in value:
            if isinstance(item, (str, list)):
                result.extend(_texts(item))
            elif isinstance(item, dict):
                name = _first_text(item.get("name"))
                if name:
                    result.append(name)
        return result
    return []


# --------------------------------------------------------------------------
# Authors


_BY_PREFIX_RE = re.compile(
    r"^\s*(?:written\s+|reported\s+|story\s+|text\s+|posted\s+)?"
    r"(?:by|von|par|por|di|da|door|af|av|przez|autor(?:in)?|author|auteur)\b\s*:?\s*",
    re.I,
)
# " e " and " y " (Portuguese/Italian, Spanish "and") only in lower case, so
# that middle initials ("Sarah E. Needleman") survive.
_AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:\band\b|\bund\b|\bet\b|(?-i:\s[ey]\s)|&|;|\||/|\n|\s[-\u2013\u2014]\s)\s*", re.I
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
_URL_OR_EMAIL_RE = re.compile(r"https?://|www\.|@\w|\w@|\.(?:com|org|net)\b", re.I)
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
_ROLE_WORDS = frozenset(
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
_DATE_TAIL_RE = re.compile(
    r"\s*(?:[-\u2013\u2014,|]\s*)?(?:updated|published|posted|on)\b.*$|\s+\d{1,2}[:.]\d{2}.*$"
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
        text = _clean(value)
        if not text or len(text) > 300:
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
            if len(result) >= _MAX_AUTHORS:
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
    if _URL_OR_EMAIL_RE.search(name):
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


# --------------------------------------------------------------------------
# Language


_LANGUAGE_NAMES = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "português": "pt",
    "dutch": "nl",
    "nederlands": "nl",
    "russian": "ru",
    "polish": "pl",
    "polski": "pl",
    "japanese": "ja",
    "chinese": "zh",
    "arabic": "ar",
    "turkish": "tr",
    "swedish": "sv",
    "norwegian": "no",
    "danish": "da",
    "finnish": "fi",
    "greek": "el",
    "hindi": "hi",
    "korean": "ko",
}
_LANGUAGE_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")


def normalize_language(value: str | None) -> str | None:
    """A BCP 47 tag in canonical case, or None.

    "EN" -> "en", "en_us" -> "en-US", "zh-hant-tw" -> "zh-Hant-TW",
    "English" -> "en", "en-US,en;q=0.9" -> "en-US". Primary subtag lower
    case, script title case, region upper case (RFC 5646 section 2.1.1).
    "und", "x-default" and junk give None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip().split(",")[0].split(";")[0].strip().replace("_", "-").lower()
    if not text:
        return None
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    if not _LANGUAGE_TAG_RE.match(text) or text.startswith(("und", "mul", "zxx")):
        return None
    subtags = text.split("-")
    result = [subtags[0]]
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            result.append(subtag.title())
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            result.append(subtag.upper())
        else:
            result.append(subtag)
    return "-".join(result)


# --------------------------------------------------------------------------
# Titles


_TITLE_SEPARATORS_RE = re.compile(r"\s+::\s+|\s+[|\-\u2013\u2014\u00b7\u2022\u00bb/]\s+|\s*:\s+")


def _simplify(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def strip_title_suffix(
    title: str, site_name: str | None, host: str | None, section: str | None = None
) -> str:
    """Remove " | Site Name" (or "Site Name - ") when it names the site."""
    names = set()
    if site_name:
        names.add(_simplify(site_name))
    if host:
        host = host.lower().removeprefix("www.")
        names.add(_simplify(host))
        names.add(_simplify(host.split(".")[0]))
    names.discard("")
    if not names:
        return title

    def is_site(segment: str) -> bool:
        simple = _simplify(segment)
        if not simple:
            return False
        if simple in names:
            return True
        # "The Daily Example" vs "dailyexample"; short names must match exactly.
        return any(len(n) >= 5 and (n in simple or simple in n) for n in names)

    section_key = _simplify(section) if section else None
    segments = _TITLE_SEPARATORS_RE.split(title)
    separators = _TITLE_SEPARATORS_RE.findall(title)
    if len(segments) < 2:
        return title
    # Trailing "... | Section | Site".
    end = len(segments)
    if is_site(segments[end - 1]):
        end -= 1
        if end > 1 and section_key and _simplify(segments[end - 1]) == section_key:
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


# --------------------------------------------------------------------------
# The page


class _Page:
    """The lookups metadata extraction needs.

    ``<meta>``, ``<script>``, ``<link>``, ``<title>`` and ``<base>`` are
    gathered in one pass over the tree (lxml filters tags in C, so this costs
    about a tenth of a millisecond on a large page); attribute-based XPath
    scans (microdata, bylines) cost more and only run when a field is still
    missing, and not at all when the page source (when given) does not even
    contain the attribute value they look for.
    """

    def __init__(self, root: Any, source: str | None = None) -> None:
        self.root = root
        self.source = source
        self.meta: dict[str, list[str]] = {}
        self.json_ld_texts: list[str] = []
        self.canonical_hrefs: list[str] = []
        self.title: str | None = None
        self.base_href: str | None = None
        self._itemprops: dict[str, list[Any]] | None = None
        for element in root.iter("meta", "script", "link", "title", "base"):
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
            elif tag == "title":
                if self.title is None:
                    self.title = _element_text(element)
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
                cleaned = _clean(value)
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
        return [c for c in (_clean(v) for v in self.meta.get(key, ())) if c]

    def xpath(self, query: str) -> list[Any]:
        try:
            return self.root.xpath(query)
        except Exception:  # lxml raises XPathError subclasses on odd trees
            return []

    def mentions(self, value: str) -> bool:
        """Can the page hold ``value`` in an attribute? (Case-sensitive; True
        without the source.) Values spelled with character references are
        not recognised, a price paid to skip whole-tree scans on most pages."""
        return self.source is None or value in self.source

    @property
    def itemprops(self) -> dict[str, list[Any]]:
        """Microdata properties on elements other than <meta>, by name."""
        if self._itemprops is None:
            self._itemprops = {}
            for element in self.xpath("//*[@itemprop]"):
                if element.tag == "meta":
                    continue  # already in self.meta
                for name in (element.get("itemprop") or "").split():
                    self._itemprops.setdefault(name, []).append(element)
        return self._itemprops

    def itemprop(self, name: str) -> Iterator[str]:
        """Values of microdata property ``name``, <meta> ones included."""
        elements = self.itemprops.get(name, ()) if self.mentions(name) else ()
        for element in elements:
            value = _itemprop_value(element)
            if value:
                yield value
        yield from self.meta.get(name.lower(), ())


def _element_text(element: Any, separator: str = "") -> str | None:
    try:
        if separator:
            return _clean(separator.join(element.itertext()))
        return _clean(element.text_content())
    except (AttributeError, ValueError, TypeError):
        return None


def _itemprop_value(element: Any) -> str | None:
    for attribute in ("content", "datetime", "value"):
        value = element.get(attribute)
        if value:
            return _clean(value)
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("a", "link"):
        return _clean(element.get("href"))
    return _element_text(element, " ")


def _absolute_http_url(href: str | None, base: str | None) -> str | None:
    if not href or not isinstance(href, str):
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urljoin(base or "", href)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _is_bogus_home_canonical(canonical: str, url: str) -> bool:
    """A deep page whose canonical is the site root: a template bug, not a fact."""
    try:
        canonical_path = urlsplit(canonical).path.strip("/")
        page_path = urlsplit(url).path.strip("/")
    except ValueError:
        return False
    return not canonical_path and bool(page_path)


def extract_metadata(doc: Any, url: str | None = None, *, source: str | None = None) -> Metadata:
    """Read a page's metadata from its parsed lxml tree.

    ``doc`` is an ``lxml.html.HtmlElement`` (the document root, or any
    element of the document); ``url`` is the page URL, used to resolve
    relative canonical links and to recognise the site name in titles.
    ``source``, the HTML the tree was parsed from, is optional: with it,
    attribute scans of the whole tree are skipped on pages whose source does
    not contain what they look for (byline classes, microdata names).
    Never raises on odd pages: a tree with nothing declared gives an empty
    Metadata.
    """
    metadata = Metadata()
    try:
        root = doc.getroottree().getroot()
    except (AttributeError, ValueError, TypeError):
        return metadata
    if root is None or not isinstance(root.tag, str):
        return metadata
    if url is not None and not isinstance(url, str):
        url = None
    page = _Page(root, source if isinstance(source, str) else None)
    json_ld = _JsonLd(value for text in page.json_ld_texts for value in _load_json_ld(text))
    article = json_ld.article({_url_key(url)} if url else set())
    page_node = article or json_ld.first_of(NON_ARTICLE_TYPES)
    node = article or page_node or {}

    metadata.published = _first_date(
        _chain(
            (node.get("datePublished"), node.get("dateCreated")),
            page.raw_firsts(_PUBLISHED_META),
            lambda: page.itemprop("datePublished"),
            lambda: json_ld.page_dates("datePublished"),
            lambda: _time_elements(page),
        )
    )
    metadata.modified = _first_date(
        _chain(
            (node.get("dateModified"),),
            page.raw_firsts(_MODIFIED_META),
            lambda: page.itemprop("dateModified"),
            lambda: json_ld.page_dates("dateModified"),
        )
    )
    metadata.site_name = _site_name(page, json_ld, node)
    metadata.section = _first_text(node.get("articleSection")) or page.first(_SECTION_META)
    metadata.title = _title(page, article, metadata.site_name, metadata.section, url)
    metadata.byline = page.first(("byl", "byline")) or _byline_element(page)
    metadata.authors = _authors(page, json_ld, node, metadata.byline)
    tags = _texts(node.get("keywords")) if article else []
    for key in _TAG_META:
        if tags:
            break
        tags = [t for value in page.all(key) for t in _texts(value)]
    metadata.tags = _dedupe(t for t in tags if not _ENTITY_FRAGMENT_RE.match(t))[:_MAX_TAGS]
    metadata.description = _first_text(node.get("description")) or page.first(_DESCRIPTION_META)
    metadata.language = _language(page, node)
    metadata.canonical_url = _canonical(page, json_ld, node, url)

    og_type = (page.first(("og:type",)) or "").lower() or None
    page_type = None
    if article:
        page_type = next(t for t in _types(article) if t in ARTICLE_TYPES)
    elif page_node:
        page_type = next((t for t in _types(page_node) if t in _PAGE_TYPES), None)
    metadata.page_type = page_type or og_type
    metadata.is_article = _is_article(article, page_node, og_type, page)
    return metadata


_ENTITY_FRAGMENT_RE = re.compile(r"^&#?\w+;?$")


def _chain(*sources: Any) -> Iterator[Any]:
    """Items of each source in turn; callables are only called when reached."""
    for source in sources:
        yield from (source() if callable(source) else source)


def _site_name(page: _Page, json_ld: _JsonLd, node: dict[str, Any]) -> str | None:
    website = json_ld.first_of(frozenset({"WebSite"}))
    candidates = _chain(
        page.all("og:site_name"),
        lambda: [_first_text(website.get("name"))] if website else [],
        lambda: _names(node.get("publisher"), json_ld),
        lambda: (page.first((key,)) for key in _SITE_META[1:]),
    )
    for candidate in candidates:
        name = _clean(candidate)
        if name and name.startswith("@"):  # twitter:site handles
            name = name[1:]
        if name and not _URL_OR_EMAIL_RE.search(name.replace(".com", "")):
            return name
    return None


def _title(
    page: _Page,
    article: dict[str, Any] | None,
    site_name: str | None,
    section: str | None,
    url: str | None,
) -> str | None:
    headline = _first_text(article.get("headline") or article.get("name")) if article else None
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


def _authors(page: _Page, json_ld: _JsonLd, node: dict[str, Any], byline: str | None) -> list[str]:
    authors = split_authors(_names(node.get("author"), json_ld))
    if not authors:
        authors = split_authors(_names(node.get("creator"), json_ld))
    for key in _AUTHOR_META:
        if authors:
            return authors
        authors = split_authors(page.all(key))
    if not authors:
        authors = split_authors(_itemprop_authors(page))
    if not authors:
        links = page.xpath("//a[@rel='author']")[:_MAX_AUTHORS] if page.mentions("author") else []
        authors = split_authors(_element_text(a) or "" for a in links)
    if not authors and byline:
        authors = split_authors([byline])
    return authors


def _language(page: _Page, node: dict[str, Any]) -> str | None:
    html_lang = page.root.get("lang") or page.root.get("{http://www.w3.org/XML/1998/namespace}lang")
    candidates = _chain(
        (_first_text(node.get("inLanguage")), html_lang),
        page.raw_firsts(_LANGUAGE_META),
    )
    for candidate in candidates:
        language = normalize_language(candidate)
        if language:
            return language
    return None


def _canonical(page: _Page, json_ld: _JsonLd, node: dict[str, Any], url: str | None) -> str | None:
    base = _absolute_http_url(page.base_href, url) or url
    json_ld_urls = []
    for key in ("url", "mainEntityOfPage"):
        value = json_ld.resolve(node.get(key))
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str):
            json_ld_urls.append(value)
    for candidate in _chain(page.canonical_hrefs, page.all("og:url"), json_ld_urls):
        absolute = _absolute_http_url(candidate, base)
        if absolute is None:
            continue
        if url and _is_bogus_home_canonical(absolute, url):
            continue
        return absolute
    return None


def _is_article(
    article: dict[str, Any] | None,
    page_node: dict[str, Any] | None,
    og_type: str | None,
    page: _Page,
) -> bool | None:
    if article is not None:
        return True
    if og_type and og_type.startswith("article"):
        return True
    if page.first(("article:published_time", "og:article:published_time")):
        return True
    if (page.mentions("Article") or page.mentions("BlogPosting")) and page.xpath(
        "//*[contains(@itemtype,'Article') or contains(@itemtype,'BlogPosting')]"
    ):
        return True
    if page_node is not None or (og_type and og_type in _NON_ARTICLE_OG_TYPES):
        return False
    return None


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


def _time_elements(page: _Page) -> Iterator[str]:
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


def _itemprop_authors(page: _Page) -> list[str]:
    names = []
    elements = []
    for name in ("author", "creator"):
        if page.mentions(name):
            elements += page.itemprops.get(name, [])
    for element in elements:
        inner = element.xpath(".//*[@itemprop='name']")
        value = _itemprop_value(inner[0] if inner else element)
        if value:
            names.append(value)
    return names


_BYLINE_QUERY = etree.XPath(
    "/html/body/descendant::*[@class[contains(., 'byline')] or @id[contains(., 'byline')]]"
    "[not(self::script or self::style)]"
)


def _byline_element(page: _Page) -> str | None:
    if not page.mentions("byline"):
        return None
    try:
        found = _BYLINE_QUERY(page.root)
    except etree.XPathError:
        return None
    for element in found[:5]:
        text = _element_text(element, " ")
        if text and len(text) <= 300:
            return text
    return None


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result
