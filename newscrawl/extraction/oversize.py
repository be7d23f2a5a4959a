"""Bring an oversized page under the extraction cap without losing its body.

Cutting a long page at a fixed length loses the article whenever what comes
first is long: a ``<head>`` with megabytes of inline scripts (bundled
JavaScript, hydration state) ends up with no ``<body>`` at all. Scripts and
styles are never article text, so they are emptied first, largest first;
``application/ld+json`` blocks, which metadata reads, go last. Only a page
that is still too long after that is cut at the cap.
"""

from __future__ import annotations

import re

__all__ = ["shorten_html"]

_SCRIPT_OR_STYLE = re.compile(
    r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL
)
_LD_JSON = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)


def shorten_html(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, its body kept when scripts made it long."""
    if len(text) <= limit:
        return text
    blocks = [
        (match.start(3), match.end(3), bool(_LD_JSON.search(match.group(1))))
        for match in _SCRIPT_OR_STYLE.finditer(text)
    ]
    # Emptied in this order: code before metadata, the longest first.
    order = sorted(blocks, key=lambda block: (block[2], block[0] - block[1]))
    excess = len(text) - limit
    emptied: list[tuple[int, int]] = []
    for start, end, _ in order:
        if excess <= 0:
            break
        emptied.append((start, end))
        excess -= end - start
    if emptied:
        emptied.sort()
        parts, position = [], 0
        for start, end in emptied:
            parts.append(text[position:start])
            position = end
        parts.append(text[position:])
        text = "".join(parts)
    return text[:limit]
