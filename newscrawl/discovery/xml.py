"""Parsing untrusted XML (sitemaps, feeds) without its classic traps.

Nothing is expanded or fetched (no entities, no DTD, no network), and a
document that declares entities is refused outright rather than parsed with
them left out: it is either an attack (billion laughs, XXE) or broken, and
either way its URLs are not worth trusting.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree


class XmlError(ValueError):
    """An XML document that cannot be used; ``reason`` is a stats key."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


# Nothing expanded or fetched; libxml2's size and depth limits kept; broken
# documents recovered as far as they go.
SAFE_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
    "recover": True,
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**SAFE_OPTIONS)


def _refuse_entities(element: etree._Element) -> None:
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XmlError("xml_entities", "document declares XML entities; refused")


@dataclass
class XmlDocument:
    root: etree._Element
    # The document stopped before its elements were closed (a cut-off
    # download); recovery kept what came before the cut.
    truncated: bool


# What libxml2 reports when a document ends inside an element.
_CUT_OFF = frozenset({"ERR_TAG_NOT_FINISHED", "ERR_DOCUMENT_END", "ERR_GT_REQUIRED"})


def parse_xml(body: bytes, base_url: str | None = None) -> XmlDocument:
    """Parse ``body``, recovering what a broken document holds, or raise :class:`XmlError`.

    With ``base_url``, elements' ``.base`` honours ``xml:base`` on top of it.
    """
    if not body.strip():
        raise XmlError("empty", "empty document")
    parser = _parser()
    try:
        root = etree.fromstring(body, parser=parser, base_url=base_url)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise XmlError("malformed", f"malformed XML: {exc}") from exc
    if root is None:
        raise XmlError("malformed", "no XML root element")
    _refuse_entities(root)
    truncated = any(error.type_name in _CUT_OFF for error in parser.error_log)
    return XmlDocument(root, truncated)


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, name: str) -> str | None:
    """Text of the first child whose local name is ``name`` (any namespace)."""
    for child in element:
        if local_name(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None


class XmlStream:
    """The ``("start" | "end", element)`` events of a document, with :func:`parse_xml`'s safety.

    For documents too large to hold as a tree (a 50,000-entry sitemap): the
    caller reads each element at its end event and clears it. The same
    options apply (no entities, DTD or network), and a document that declares
    entities is refused at its root, before any entry is read. Once the
    events run out, ``truncated`` says whether the document was cut off.
    """

    def __init__(self, body: bytes) -> None:
        if not body.strip():
            raise XmlError("empty", "empty document")
        self.body = body
        self.truncated = False

    def __iter__(self) -> Iterator[tuple[str, etree._Element]]:
        events = etree.iterparse(io.BytesIO(self.body), events=("start", "end"), **SAFE_OPTIONS)
        started = False
        try:
            for event, element in events:
                if not started:
                    started = True
                    _refuse_entities(element)
                yield event, element
        except etree.XMLSyntaxError as exc:
            if not started:
                raise XmlError("malformed", f"malformed XML: {exc}") from exc
            # Recovery gave up mid-document: what came before stands, as when cut off.
            self.truncated = True
            return
        if not started:
            raise XmlError("malformed", "no XML root element")
        self.truncated = any(error.type_name in _CUT_OFF for error in events.error_log)
