"""Parsing untrusted XML (sitemaps, feeds) without its classic traps.

Entity declarations are refused outright rather than left unexpanded: a
document that declares entities is either an attack (billion laughs, XXE) or
broken, and either way its URLs are not worth trusting.
"""

from __future__ import annotations

import re

from lxml import etree

_DOCTYPE_ENTITY = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.IGNORECASE | re.DOTALL)


class XmlError(ValueError):
    """An XML document that cannot be used; ``reason`` is a stats key."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )


def parse_xml(body: bytes) -> etree._Element:
    """Parse ``body`` into an element tree, or raise :class:`XmlError`."""
    head = body[:65536].lstrip()
    if not head:
        raise XmlError("empty", "empty document")
    if _DOCTYPE_ENTITY.search(head):
        raise XmlError("xml_entities", "document declares XML entities; refused")
    try:
        root = etree.fromstring(body, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise XmlError("malformed", f"malformed XML: {exc}") from exc
    if root is None:
        raise XmlError("malformed", "no XML root element")
    return root


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
