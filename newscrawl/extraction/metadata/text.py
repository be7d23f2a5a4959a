"""Cleaning of the strings pages declare about themselves."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import Any

_SPACE_RE = re.compile(r"\s+")
URL_OR_EMAIL_RE = re.compile(r"https?://|www\.|@\w|\w@|\.(?:com|org|net)\b", re.I)
# Everything str.isalnum() rejects: \w is alphanumerics and the underscore.
_NOT_ALNUM_RE = re.compile(r"[\W_]+")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});", re.I)


def clean(value: Any) -> str | None:
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


def chain(*sources: Any) -> Iterator[Any]:
    """Items of each source in turn; callables are only called when reached."""
    for source in sources:
        yield from (source() if callable(source) else source)


def dedupe(values: Iterable[str]) -> list[str]:
    """``values`` without case-insensitive repeats, in their order."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result


def simplify(text: str) -> str:
    """Letters and digits only, case-folded: how names are compared."""
    return _NOT_ALNUM_RE.sub("", text.casefold())
