"""Main content: readability-lxml picks it, and the text is cut into blocks.

readability-lxml stays the base. Some of its steps are overridden, for speed
only, each with the same result as the original: the tree is handed over
already parsed and pruned (so its own parse and its link-rewriting cleaner are
skipped: pruning already removed scripts, styles, comments and hidden
elements), the summary stays a tree instead of being serialised to HTML and
parsed again, text lengths are measured once per distinct text, the div
rewriting reads tags instead of serialising every div's children, and the
debug descriptions readability formats whether or not debug logging is on
are not built.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement
from readability import Document
from readability.readability import REGEXES, Unparseable, is_video_url

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


#: readability turns a <div> into a <p> unless its serialised children match
#: ``<(blockquote|dl|div|img|ol|p|pre|table|ul)``: a tag starting with one of these.
_DIV_TO_P_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_INLINE_TAGS = frozenset(
    {"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"}
)


# readability's clean() with the same three substitutions, written so that a
# whitespace run is only tried from its start: the original patterns retry
# from every position inside a run, quadratic in indented markup.
_LONG_SPACE = re.compile(r"(?<!\s)\s{255,}")
_SPACE_WITH_NEWLINE = re.compile(r"(?<!\s)[^\S\n]*\n\s*")
_TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def clean(text: str) -> str:
    """readability.readability.clean(), faster, same result."""
    text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        text = _SPACE_WITH_NEWLINE.sub("\n", text)
    return _TAB_OR_SPACES.sub(" ", text).strip()


#: Whitespace other than spaces and newlines.
_UNUSUAL_SPACE = re.compile(r"[^\S \n]")
#: Inner whitespace runs without a newline that clean() may not shrink to one.
_INNER_RUN = re.compile(r"(?<=\S)[^\S\n]{2,}(?=\S)")


def cleaned_length(text: str) -> int:
    """``len(clean(text))``: readability measures text by it.

    clean() strips the ends and turns every inner whitespace run holding a
    newline, and every run of plain spaces, into one character, so the
    length is that of the text with its runs collapsed, corrected for the
    few runs of tabs and other spaces that clean() keeps longer.
    """
    length = len(" ".join(text.split()))
    if _UNUSUAL_SPACE.search(text) is None:
        return length
    for match in _INNER_RUN.finditer(text):
        run = match.group()
        if len(run) < 255 and run.strip(" "):
            length += _run_length(run) - 1
    return length


def _run_length(run: str) -> int:
    """What clean()'s last substitution leaves of a short run without newline:
    each tab alone becomes a space, and a space followed by more spaces or
    tabs becomes one space; other whitespace stays."""
    length = 0
    index = 0
    end = len(run)
    while index < end:
        length += 1
        if run[index] == " ":
            index += 1
            while index < end and run[index] in " \t":
                index += 1
        else:
            index += 1
    return length


class _TreeReadability(Document):
    """readability-lxml on an already parsed and pruned tree.

    readability mutates its tree and may start again from scratch. With a
    ``pristine`` callable, the first attempt works on the tree itself and a
    second one on what ``pristine()`` returns (the same tree built again);
    without, every attempt works on a copy.
    """

    def __init__(self, input, pristine: Callable[[], HtmlElement] | None = None, **kwargs):
        super().__init__(input, **kwargs)
        self._pristine = pristine
        self._attempts = 0
        self._lengths: dict[str, int] = {}

    def _parse(self, input):
        self._attempts += 1
        if self._pristine is None:
            doc = copy.deepcopy(input)
            # Holding every element keeps lxml from building a new Python
            # proxy (and looking up its class) each time readability finds it.
            self._elements = list(doc.iter())
            return doc
        return input if self._attempts == 1 else self._pristine()

    def get_clean_html(self):
        return _Summary(self.html)

    def _length(self, text: str) -> int:
        """readability's text length, once per distinct text."""
        length = self._lengths.get(text)
        if length is None:
            length = self._lengths[text] = cleaned_length(text)
        return length

    def get_link_density(self, elem):
        link_length = 0
        for link in elem.findall(".//a"):
            link_length += self._length(link.text_content() or "")
        total_length = self._length(elem.text_content() or "")
        return float(link_length) / max(total_length, 1)

    def score_paragraphs(self):
        # readability's scoring without its per-branch debug descriptions.
        min_length = self.min_text_length
        candidates = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text = elem.text_content() or ""
            inner_text_len = self._length(inner_text)
            if inner_text_len < min_length:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score = 1
            content_score += inner_text.count(",") + 1  # clean() keeps every comma
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates

    def _text_length(self, elem) -> int:
        return self._length(elem.text_content() or "")

    def sanitize(self, node, candidates, keep_all_images=False):
        # readability's sanitize() step for step, measuring text once per
        # distinct text and without formatting its debug messages.
        min_length = self.min_text_length
        for header in self.tags(node, "h1", "h2", "h3", "h4", "h5", "h6"):
            if self.class_weight(header) < 0 or self.get_link_density(header) > 0.33:
                header.drop_tree()
        for elem in self.tags(node, "p"):
            if (
                REGEXES["callToActionRe"].search(elem.text_content())
                and self.get_link_density(elem) > 0.2
            ):
                elem.drop_tree()
        for elem in self.tags(node, "form", "textarea"):
            elem.drop_tree()
        for elem in self.tags(node, "iframe"):
            if "src" in elem.attrib and is_video_url(elem.attrib["src"]):
                elem.attrib.pop("srcdoc", None)
                elem.text = "VIDEO"
            else:
                elem.drop_tree()
        allowed = self.get_preserved_elements(node)
        for el in self.reverse_tags(
            node, "table", "ul", "div", "aside", "header", "footer", "section"
        ):
            if el in allowed:
                continue
            weight = self.class_weight(el)
            content_score = candidates[el]["content_score"] if el in candidates else 0
            tag = el.tag
            if weight + content_score < 0:
                el.drop_tree()
            elif el.text_content().count(",") < 10:
                counts = {}
                for kind in ("p", "img", "li", "a", "embed", "input"):
                    counts[kind] = len(el.findall(f".//{kind}"))
                counts["li"] -= 100
                counts["input"] -= len(el.findall('.//input[@type="hidden"]'))
                content_length = self._text_length(el)
                link_density = self.get_link_density(el)
                if keep_all_images and el.tag == "div" and counts["img"] >= 1:
                    continue
                to_remove = (
                    (counts["p"] and counts["img"] > 1 + counts["p"] * 1.3)
                    or (counts["li"] > counts["p"] and tag not in ("ol", "ul"))
                    or counts["input"] > (counts["p"] / 3)
                    or (content_length < min_length and counts["img"] == 0)
                    or (content_length < min_length and counts["img"] > 2)
                    or (
                        weight < 25
                        and link_density
                        > (
                            0.25
                            if tag in ("ul", "section")
                            and el.xpath("ancestor::main | ancestor::article")
                            else 0.2
                        )
                    )
                    or (weight >= 25 and link_density > 0.5)
                    or (counts["embed"] == 1 and content_length < 75)
                    or counts["embed"] > 1
                )
                if not to_remove and not content_length:
                    # Empty, but kept when a non-empty neighbour on each side is long.
                    siblings = []
                    for sib in el.itersiblings():
                        sib_content_length = self._text_length(sib)
                        if sib_content_length:
                            siblings.append(sib_content_length)
                            break
                    for sib in el.itersiblings(preceding=True):
                        sib_content_length = self._text_length(sib)
                        if sib_content_length:
                            siblings.append(sib_content_length)
                            break
                    if siblings and sum(siblings) > 1000:
                        for desnode in self.tags(el, "table", "ul", "div", "section"):
                            allowed[desnode] = True
                    else:
                        to_remove = True
                if to_remove:
                    el.drop_tree()
        self.html = node
        return self.get_clean_html()

    def remove_unlikely_candidates(self):
        for elem in self.html.findall(".//*"):
            classes = elem.get("class")
            ident = elem.get("id")
            if not classes and not ident:
                continue  # " ": nothing to match
            if (
                _unlikely(f"{classes or ''} {ident or ''}")
                and elem.tag not in ("html", "body")
                and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                and not elem.xpath(
                    "descendant-or-self::main | descendant-or-self::article | "
                    "descendant-or-self::math"
                )
            ):
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self):
        # readability serialises the children of every div (twice) to look for
        # block tags; one pass marking the ancestors of block tags tells the same.
        holds_block = _holders_of_blocks(self.html)
        for elem in self.tags(self.html, "div"):
            if elem not in holds_block:
                elem.tag = "p"
        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = elem.makeelement("p", {})
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or child in holds_block:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = elem.makeelement("p", {})
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = elem.makeelement("p", {})
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()


# Class and id strings repeat across a page and across an outlet's pages:
# match each one once.
@lru_cache(maxsize=16384)
def _unlikely(features: str) -> bool:
    """readability's "unlikely candidate" test on "class id"."""
    return bool(REGEXES["unlikelyCandidatesRe"].search(features)) and not REGEXES[
        "okMaybeItsACandidateRe"
    ].search(features)


def _holders_of_blocks(root: HtmlElement) -> set:
    """Elements with a descendant whose serialisation readability sees as a block."""
    holders: set = set()
    for node in root.iterdescendants():
        tag = node.tag
        if isinstance(tag, str):
            if not tag.lower().startswith(_DIV_TO_P_PREFIXES):
                continue
        elif not REGEXES["divToPElementsRe"].search(etree.tostring(node, encoding="unicode")):
            continue  # a comment or processing instruction: matched on its text
        for ancestor in node.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    return holders


def main_content(
    root: HtmlElement, pristine: Callable[[], HtmlElement] | None = None
) -> HtmlElement | None:
    """The element readability-lxml picks as the article, detached.

    Without ``pristine``, ``root`` is left as it was (readability works on
    a copy). With it, readability works on ``root`` itself, which is then
    spent, and calls ``pristine()`` for the same tree built again when it
    needs to start over (rarely: about one page in a hundred).
    """
    try:
        summary = _TreeReadability(root, pristine).summary(html_partial=True)
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
