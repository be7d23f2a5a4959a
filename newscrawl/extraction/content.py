"""Main content: readability-lxml picks it, and the text is cut into blocks.

readability-lxml stays the base. Two of its hooks are overridden, for speed
only: the tree is handed over already parsed and pruned (so its own parse and
its link-rewriting cleaner are skipped: pruning already removed scripts,
styles, comments and hidden elements), and the summary stays a tree instead
of being serialised to HTML and parsed again.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass

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


class _Summary:
    """What our readability subclass returns instead of an HTML string."""

    __slots__ = ("_length", "node")

    def __init__(self, node: HtmlElement):
        self.node = node
        self._length: int | None = None

    def __len__(self) -> int:
        # readability retries leniently when the summary is short; it measures
        # the serialised HTML, so measure the same.
        if self._length is None:
            self._length = len(etree.tostring(self.node, encoding="unicode", method="html"))
        return self._length

    def __bool__(self) -> bool:
        return True


class _TreeReadability(Document):
    """readability-lxml on an already parsed and pruned tree."""

    def _parse(self, input):
        # readability mutates its tree and may retry from scratch: work on a copy.
        return copy.deepcopy(input)

    def get_clean_html(self):
        return _Summary(self.html)


def main_content(root: HtmlElement) -> HtmlElement | None:
    """The element readability-lxml picks as the article (a detached copy)."""
    try:
        summary = _TreeReadability(root).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError, AttributeError, RecursionError) as exc:
        logger.debug("readability failed: %r", exc)
        return None
    if isinstance(summary, _Summary):
        return summary.node
    return None


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
            if event == "end" and el.tail:
                parts.append(el.tail)
                if link_depth:
                    link_chars += len(el.tail)
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
            if el.text:
                parts.append(el.text)
                if link_depth:
                    link_chars += len(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
                if tag == "blockquote":
                    quote_depth -= 1
            elif tag == "a":
                link_depth -= 1
            if el.tail and el is not node:
                if tag in BLOCK_TAGS:
                    parts.append(el.tail)
                else:
                    parts.append(el.tail)
                    if link_depth:
                        link_chars += len(el.tail)
    flush()
    return blocks
