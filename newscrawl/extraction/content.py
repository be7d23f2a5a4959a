"""Text blocks of the main content, and readability-lxml's opinion of it.

:mod:`.selection` decides which elements are the article; this module cuts
their text into paragraph-like blocks for the classifier, and asks
readability-lxml, through its public API only, for an independent choice
that the extractor compares with its own when that one comes out short.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from readability import Document
from readability.readability import Unparseable

logger = logging.getLogger(__name__)

#: Elements that end a block of text.
BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        "form",
        "body",
        "html",
        "aside",
        "nav",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True)
class Block:
    """One paragraph-like piece of text in the main content."""

    text: str
    tag: str  # the innermost block element holding it: p, li, h2, blockquote...
    link_chars: int
    chars: int
    list_id: int = 0  # the same for items of one list, 0 outside lists
    in_quote: bool = False

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADINGS


def readability_summary(root: HtmlElement) -> HtmlElement | None:
    """readability-lxml's choice of article in ``root``, through its public API.

    The independent second opinion that :func:`~.core.extract` compares with
    its own selection when that comes out short. ``root`` is left as it was
    (readability mutates the tree it is given, so it gets a copy).
    """
    tree = copy.deepcopy(root)
    _unmark_frames(tree)
    try:
        summary = Document(tree).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError, AttributeError, RecursionError) as exc:
        logger.debug("readability failed: %r", exc)
        return None
    if not summary or not summary.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError):
        return None


#: An element holding at least this share of the page's text is the page's
#: frame or the article itself.
FRAME_TEXT_SHARE = 0.5


def _unmark_frames(tree: HtmlElement) -> None:
    """Take class and id off the elements that hold most of the page's text.

    readability drops any element whose class or id looks unlikely ("sidebar",
    "…-nav", "comment"), however much text it holds; on the wrapper of the
    whole page that leaves nothing. What readability reads is our copy.
    """
    body = tree.find("body")
    body = body if body is not None else tree
    total = len(body.text_content())
    if not total:
        return
    floor = total * FRAME_TEXT_SHARE
    for element in body.iter():
        if not isinstance(element.tag, str) or (
            "class" not in element.attrib and "id" not in element.attrib
        ):
            continue
        if len(element.text_content()) >= floor:
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)


def blocks_of(node: etree._Element) -> list[Block]:
    """Cut the text of ``node`` into blocks at block elements and line breaks."""
    blocks: list[Block] = []
    parts: list[str] = []
    counters = {"link": 0, "list": 0}
    link_depth = 0
    quote_depth = 0
    stack: list[tuple[str, int]] = [("div", 0)]  # (block tag, list id)
    link_chars = 0

    def flush() -> None:
        nonlocal link_chars
        if parts:
            raw = "".join(parts)
            text = " ".join(raw.split())
            if text:
                tag, list_id = stack[-1]
                blocks.append(
                    Block(
                        text=text,
                        tag=tag,
                        link_chars=min(link_chars, len(raw)),
                        chars=len(raw),
                        list_id=list_id,
                        in_quote=quote_depth > 0,
                    )
                )
            parts.clear()
        link_chars = 0

    for event, el in etree.iterwalk(node, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end":
                tail = el.tail
                if tail:
                    parts.append(tail)
                    if link_depth:
                        link_chars += len(tail)
            continue
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
                list_id = stack[-1][1]
                if tag in ("ul", "ol", "dl"):
                    counters["list"] += 1
                    list_id = counters["list"]
                stack.append((tag, list_id))
                if tag == "blockquote":
                    quote_depth += 1
            elif tag == "br":
                flush()
            elif tag == "a":
                link_depth += 1
            # lxml builds a new str at each read of text or tail: read once.
            text = el.text
            if text:
                parts.append(text)
                if link_depth:
                    link_chars += len(text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
                if tag == "blockquote":
                    quote_depth -= 1
            elif tag == "a":
                link_depth -= 1
            tail = el.tail if el is not node else None
            if tail:
                parts.append(tail)
                if link_depth and tag not in BLOCK_TAGS:
                    link_chars += len(tail)
    flush()
    return blocks
