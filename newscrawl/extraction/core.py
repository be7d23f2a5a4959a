"""extract(): one page in, the clean article and a record of removals out.

The page is parsed once. Metadata is read from the full tree, then the tree
is pruned by structure (:mod:`.structure`), content selection finds the
article's blocks in what is left (:mod:`.selection`; readability-lxml, through
its public API, is a second opinion when the selection comes out short), the
text is cut into blocks (:mod:`.content`) and the text-level classifier drops
the boilerplate still inside them (:mod:`.classify`). An outlet spec may name
the content container and extra blocks to drop.

It runs on every page of a crawl, so it avoids work rather than repeating it:
selection measures the whole tree in one walk, one list of the tree's
elements keeps lxml from building their Python objects anew at each step,
and tree-wide scans for an attribute value are skipped when the page source
does not contain it. ``benchmarks/extraction.py``
measures the speed against trafilatura; ``benchmarks/profile_extraction.py``
shows where the time goes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from .classify import Context, classify
from .content import Block, blocks_of, readability_summary
from .model import Extraction
from .oversize import shorten_html
from .repetition import fingerprint
from .selection import json_ld_article_body, prose_chars, select
from .structure import clip, element_kind, prune, removed_text

if TYPE_CHECKING:
    from newscrawl.outlet import Outlet

logger = logging.getLogger(__name__)

#: Pages longer than this (in characters) are cut before parsing; articles
#: sit near the top and a 20 MB page would otherwise cost a second to parse.
MAX_HTML_CHARS = 5_000_000

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HTML_HINT = re.compile(r"<\s*[a-zA-Z!/]")


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None when it holds lone surrogates."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _parse(text: str, data: bytes | None = None) -> lxml.html.HtmlElement:
    """Parse a page; from UTF-8 bytes, which libxml2 reads faster than a str.

    ``data`` is ``text`` in UTF-8 when the caller has it already.
    """
    if data is None:
        data = _utf8(text)
        if data is None:  # lone surrogates: lxml copes with the str
            return lxml.html.document_fromstring(text, parser=_PARSER)
    return lxml.html.document_fromstring(data, parser=_UTF8_PARSER)


def _html_parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    """lxml.html's parser with its element classes chosen in C.

    lxml.html looks up the Python class of every element it hands out with a
    Python callback (to give forms and inputs their own classes), and the
    extraction touches every element several times. Nothing here uses the
    form classes, so every element is a plain HtmlElement. Nor does anything
    look elements up by id through libxml2's table (XPath id()), which the
    parser would otherwise fill with every id attribute of the page.
    """
    parser = lxml.html.HTMLParser(encoding=encoding, collect_ids=False)
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()
_UTF8_PARSER = _html_parser("utf-8")
# The elements whose itemprop names articleBody. libxml2 tests the attributes
# of a descendant step several times faster than a predicate on every element
# ("//*[contains(@itemprop, ...)]"), and the parents come back in document order.
_ARTICLE_BODY = etree.XPath("/descendant::*/@itemprop[contains(., 'articleBody')]/..")


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    outlet: Outlet | None = None,
    content_type: str | None = None,
    disabled_kinds: Collection[str] = (),
    repeated: Collection[str | int] = (),
    with_metadata: bool = True,
) -> Extraction:
    """Extract the article of one page; never raises for bad input.

    ``disabled_kinds`` switches removal rules off per kind (see
    :data:`~newscrawl.extraction.kinds.KINDS`); ``repeated`` holds the
    fingerprints the outlet repeats across pages (from
    :meth:`OutletMemory.repeated <newscrawl.extraction.repetition.OutletMemory.repeated>`).
    With ``with_metadata=False`` the metadata step is skipped (text only).
    """
    try:
        return _extract(
            html,
            url,
            outlet=outlet,
            content_type=content_type,
            disabled_kinds=frozenset(disabled_kinds or ()),
            repeated=repeated if isinstance(repeated, (set, frozenset)) else set(repeated or ()),
            with_metadata=with_metadata,
        )
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        logger.debug("cannot parse %s: %r", url, exc)
        return Extraction(url=url, error="parse_error")
    except RecursionError:
        return Extraction(url=url, error="too_deep")
    except MemoryError:
        return Extraction(url=url, error="too_large")
    except Exception:  # bad input must never stop a crawl
        logger.exception("extraction failed for %s", url)
        return Extraction(url=url, error="internal_error")


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The clean article text only (the adapter the shared scorer calls)."""
    return extract(html, url, with_metadata=False).text


def _decode(
    html: str | bytes, content_type: str | None
) -> tuple[str | None, str | None, str | None, bytes | None]:
    """(text, encoding, error, the body when it is the text's UTF-8)."""
    if html is None:
        return None, None, "empty", None
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if not data or data.isspace():  # strip() would copy the page
            return None, None, "empty", None
        from .encoding import decode_html_with_utf8, looks_binary

        if looks_binary(data):
            return None, None, "binary", None
        decoded = decode_html_with_utf8(data, content_type)
        return decoded.text, decoded.encoding, None, decoded.utf8_body
    if not isinstance(html, str):
        return None, None, "not_html", None
    return html, None, None, None


def _extract(
    html: str | bytes,
    url: str | None,
    *,
    outlet: Outlet | None,
    content_type: str | None,
    disabled_kinds: frozenset[str],
    repeated: Collection[str | int],
    with_metadata: bool,
) -> Extraction:
    decoded, encoding, error, data = _decode(html, content_type)
    if error is not None:
        return Extraction(url=url, error=error, encoding=encoding)
    # Scripts go before the body does (see oversize.py).
    text = shorten_html(decoded, MAX_HTML_CHARS)
    text = _XML_DECLARATION.sub("", text, count=1)
    # The page in UTF-8, for the parser and for the scans of the source for a
    # word: the body itself while the text is as decoded from it (neither
    # function above copies a text it leaves alone). A bytes search is several
    # times faster than one in a str of wide characters (most non-English
    # pages, and English ones with typographic quotes), and UTF-8 holds a word
    # exactly where the text does. None only for lone surrogates.
    if data is None or text is not decoded:
        data = _utf8(text)
    if (b"\x00" in data if data is not None else "\x00" in text) or _CONTROL_CHARS.search(
        text, 0, 4096
    ):
        text = _CONTROL_CHARS.sub(" ", text)
        data = _utf8(text)
    # (strip() would copy the whole page to tell whether it is blank.)
    if not text or text.isspace():
        return Extraction(url=url, error="empty", encoding=encoding)
    if not _HTML_HINT.search(text, 0, 65536):
        return Extraction(url=url, error="not_html", encoding=encoding)

    doc = _parse(text, data)
    metadata = _metadata(doc, url, text, data, outlet) if with_metadata else None
    title = getattr(metadata, "title", None) or _page_title(doc)
    removed: list[dict[str, str]] = []

    def record(kind: str, removed_text: str, rule: str) -> None:
        removed.append({"kind": kind, "text": removed_text, "rule": rule})

    # The source must name articleBody for JSON-LD or microdata to: one scan
    # of it (a large page's takes a tenth of a millisecond) skips both lookups.
    names_article_body = b"articleBody" in data if data is not None else "articleBody" in text
    article_body = json_ld_article_body(doc) if names_article_body else None
    # Held to the end: see _prepare.
    content_nodes, _elements = _prepare(doc, names_article_body, outlet, record, disabled_kinds)
    content_nodes = [node for node in content_nodes if _attached(node, doc)]
    if not content_nodes:
        content_nodes = _select(doc, article_body, title, record)
    blocks: list[Block] = []
    for node in content_nodes:
        blocks.extend(blocks_of(node))

    fingerprints = tuple(fingerprint(block.text) for block in blocks)
    authors = list(getattr(metadata, "authors", None) or ())
    if getattr(metadata, "wire", None):
        # An agency credited as author ("By Reuters") is a byline line too.
        authors.append(metadata.wire)
    context = Context(
        title=title, authors=authors, disabled_kinds=disabled_kinds, repeated=repeated
    )
    decisions = classify(blocks, context, fingerprints) if blocks else []
    paragraphs: list[str] = []
    for block, decision in zip(blocks, decisions, strict=True):
        if decision is None:
            paragraphs.append(block.text)
        else:
            record(decision.kind, clip(block.text), decision.rule)
    result = Extraction(
        url=url,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        title=title,
        metadata=metadata,
        removed=removed,
        encoding=encoding,
        fingerprints=fingerprints,
    )
    if not paragraphs:
        result.error = "no_content"
    return result


def _prepare(
    doc: lxml.html.HtmlElement,
    names_article_body: bool,
    outlet: Outlet | None,
    record: Callable[[str, str, str], None],
    disabled_kinds: frozenset[str],
) -> tuple[list[etree._Element], list[etree._Element]]:
    """Apply the outlet spec and prune ``doc``; (content nodes, all elements).

    ``names_article_body`` says whether the page source contains "articleBody":
    without it no itemprop can, and the tree is not searched for one.

    The list of elements is handed on so that lxml keeps one Python object per
    element for every later step instead of building them again.
    """
    content_nodes = _apply_outlet(doc, outlet, record, disabled_kinds)
    protected = set(content_nodes)
    marked = _ARTICLE_BODY(doc) if names_article_body else []
    for node in list(protected) + marked:
        protected.add(node)
        protected.update(node.iterancestors())
    elements = list(doc.iter())
    prune(doc, record, disabled_kinds=disabled_kinds, protected=protected, elements=elements)
    return content_nodes, elements


#: When the selection holds less than this share of the page's prose, it may
#: have picked one fragment of the article or a competing block: readability
#: is asked for its choice too. (Articles hold most of a news page's prose.)
SHORT_SELECTION_SHARE = 0.5
#: ...unless the page has so little prose that there is nothing to miss.
SHORT_SELECTION_MIN_PAGE_PROSE = 600
#: readability's choice replaces ours only with this much more prose: the
#: two agree within noise on most pages and ours keeps leads and subheadings.
ALTERNATIVE_MIN_GAIN = 1.25


#: A selection with less prose than this is no article (a title box, a
#: caption): any fuller alternative replaces it. A longer one is replaced only
#: by an alternative that extends it.
SELECTION_MIN_ARTICLE_PROSE = 250
#: Blocks of our selection at least this long are looked for in the alternative.
_PROBE_CHARS = 40


def _holds_most_of(alternative: etree._Element, nodes: list[etree._Element]) -> bool:
    """Does the alternative hold most of our selection's longer blocks?

    A fuller choice that contains ours extends a fragment of the article; one
    that does not is a competing block (a teaser list, another story).
    """
    probes = [
        block.text[:_PROBE_CHARS]
        for node in nodes
        for block in blocks_of(node)
        if len(block.text) >= _PROBE_CHARS
    ]
    if not probes:
        return True
    text = " ".join(block.text for block in blocks_of(alternative))
    return sum(probe in text for probe in probes) * 2 >= len(probes)


def _select(
    doc: lxml.html.HtmlElement,
    article_body: str | None,
    title: str | None,
    record: Callable[[str, str, str], None],
) -> list[etree._Element]:
    """The article's nodes: our selection, or readability's when it is clearly fuller."""
    selection = select(doc, article_body, title)
    if (
        selection.prose < selection.page_prose * SHORT_SELECTION_SHARE
        and selection.page_prose >= SHORT_SELECTION_MIN_PAGE_PROSE
    ):
        alternative = readability_summary(doc)
        if (
            alternative is not None
            and prose_chars(alternative) > max(selection.prose * ALTERNATIVE_MIN_GAIN, 1)
            and (
                selection.prose < SELECTION_MIN_ARTICLE_PROSE
                or _holds_most_of(alternative, selection.nodes)
            )
        ):
            return [alternative]
    for element in selection.dropped:
        if element.getparent() is None:
            continue
        text = removed_text(element)
        if text:
            record("related", text, "selection:link-list")
        element.drop_tree()
    return selection.nodes


def _metadata(
    doc: lxml.html.HtmlElement,
    url: str | None,
    source: str,
    source_utf8: bytes | None,
    outlet: Outlet | None,
):
    # Without extract_metadata()'s check of source_utf8: _extract() hands the
    # body that ``source`` was decoded from, or ``source`` encoded anew
    # (decode_html_with_utf8() returns a body only when it is the text's UTF-8).
    from .metadata.extract import _extract_metadata

    try:
        return _extract_metadata(doc, url, source, getattr(outlet, "timezone", None), source_utf8)
    except Exception:  # metadata is a bonus; the text must still come out
        logger.exception("metadata extraction failed for %s", url)
        return None


def _page_title(doc: lxml.html.HtmlElement) -> str | None:
    """og:title, else the first <h1>, else <title> (tag walks run in C)."""
    for found in (_og_title(doc), _first(doc, "h1"), _first(doc, "title")):
        value = " ".join(found.split()) if found is not None else ""
        if value:
            return value
    return None


def _og_title(doc: lxml.html.HtmlElement) -> str | None:
    for meta in doc.iter("meta"):
        if meta.get("property") == "og:title" and meta.get("content") is not None:
            return meta.get("content")
    return None


def _first(doc: lxml.html.HtmlElement, tag: str) -> str | None:
    for element in doc.iter(tag):
        return element.text_content()
    return None


@lru_cache(maxsize=256)
def _selector(css: str):
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(css, translator="html")
    except Exception:  # an invalid selector in an outlet spec must not break extraction
        logger.warning("invalid CSS selector in outlet spec: %r", css)
        return None


def _apply_outlet(doc, outlet, record, disabled_kinds) -> list[etree._Element]:
    """Drop the outlet's drop_selectors; return its content_selector matches."""
    if outlet is None:
        return []
    if "outlet" not in disabled_kinds:
        for css in getattr(outlet, "drop_selectors", ()) or ():
            selector = _selector(css)
            if selector is None:
                continue
            for el in selector(doc):
                if el.getparent() is None:
                    continue
                text = removed_text(el)
                if text:
                    guessed = element_kind(el)
                    record(guessed[0] if guessed else "outlet", text, f"outlet:{css}")
                el.drop_tree()
    css = getattr(outlet, "content_selector", None)
    if not css:
        return []
    selector = _selector(css)
    if selector is None:
        return []
    matches = selector(doc)
    # Nested matches would repeat text: keep the outermost ones.
    chosen = set(matches)
    return [el for el in matches if not any(a in chosen for a in el.iterancestors())]


def _attached(node: etree._Element, root: etree._Element) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is root:
            return True
    return node is root
