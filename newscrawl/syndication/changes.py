"""What a copy changed against the article it copies, from the two sketches.

Each sketch hash remembers the unit (paragraph, or sentence window of a long
paragraph) it came from, so comparing two sketches unit by unit says which
units of the source the copy kept, which it dropped, and which units of the
copy are its own. The record stays compact: counts, the ordinals of the
dropped source units (the source's text is not stored), and the first
characters of a few of the copy's added and edited units.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .fingerprint import Fingerprint, sorted_members
from .stores.base import StoredArticle

#: Characters kept of each added or edited unit: enough to recognise it.
SPAN_CHARS = 80
#: Added or edited units quoted at most, and dropped ordinals listed at most.
MAX_SPANS = 3
MAX_DROPPED_LISTED = 20
#: A unit is kept when at least this share of its sketch hashes are in the
#: other text (the share verification's coverage uses), and edited when some
#: but fewer are: a few shared hashes of a rewritten sentence.
KEPT_SHARE = 0.5


def aligned_sketches(
    fp: Fingerprint, other: StoredArticle
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both sketches sampled at the same level (the coarser of the two)."""
    mine, my_units = fp.hashes, fp.paragraphs
    theirs, their_units = other.hash_array(), other.paragraph_array()
    level = max(fp.level, other.level)
    if level:
        mask = np.uint32((1 << level) - 1)
        if fp.level < level:
            keep = (mine & mask) == 0
            mine, my_units = mine[keep], my_units[keep]
        if other.level < level:
            keep = (theirs & mask) == 0
            theirs, their_units = theirs[keep], their_units[keep]
    return mine, my_units, theirs, their_units


def _unit_shares(units: np.ndarray, hit: np.ndarray) -> dict[int, float]:
    total = np.bincount(units, minlength=256)
    shared = np.bincount(units[hit], minlength=256)
    present = np.flatnonzero(total)
    return {int(u): float(shared[u] / total[u]) for u in present}


def _span(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SPAN_CHARS else text[: SPAN_CHARS - 1].rstrip() + "\u2026"


def describe_changes(
    fp: Fingerprint,
    source: StoredArticle,
    my_units: list[str],
    *,
    headline_changed: bool | None,
) -> dict[str, Any]:
    """``syndication.changes`` of a copy (``fp``) against its ``source``.

    ``my_units`` are the copy's unit texts, numbered as in ``fp``.
    """
    mine, my_owner, theirs, their_owner = aligned_sketches(fp, source)
    in_theirs = sorted_members(mine, theirs)
    in_mine = sorted_members(theirs, mine)
    my_shares = _unit_shares(my_owner, in_theirs)
    their_shares = _unit_shares(their_owner, in_mine)
    kept = sorted(u for u, share in their_shares.items() if share >= KEPT_SHARE)
    edited = sorted(u for u, share in their_shares.items() if 0 < share < KEPT_SHARE)
    dropped = sorted(u for u, share in their_shares.items() if share == 0)
    added = sorted(u for u, share in my_shares.items() if share == 0)
    mine_edited = sorted(u for u, share in my_shares.items() if 0 < share < KEPT_SHARE)
    if not dropped and not added and not edited:
        relation = "same"
    elif not added and not edited:
        relation = "trimmed"
    elif not dropped and not edited:
        relation = "extended"
    else:
        relation = "edited"
    windows = bool(fp.continued.size or source.continued)
    return {
        "relation": relation,
        "unit": "window" if windows else "paragraph",
        "kept": len(kept),
        "dropped": len(dropped),
        "added": len(added),
        "edited": len(edited),
        "headline_changed": headline_changed,
        "dropped_at": dropped[:MAX_DROPPED_LISTED],
        "added_spans": [_span(my_units[u]) for u in added[:MAX_SPANS] if u < len(my_units)],
        "edited_spans": [_span(my_units[u]) for u in mine_edited[:MAX_SPANS] if u < len(my_units)],
    }
