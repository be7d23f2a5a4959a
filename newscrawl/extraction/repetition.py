"""Lines an outlet repeats on many of its pages.

A call to action the outlet prints inside every story ("Be the first to
know...") is, by its repetition, not part of any one story. The pipeline keeps
one :class:`OutletMemory` in the main process: it observes each extraction's
paragraph fingerprints and hands the repeated ones back to the next
extractions of the same outlet (``extract(..., repeated=memory.repeated(name))``).

Fingerprints are stable 64-bit integers (not Python's per-process ``hash``),
so they mean the same in worker processes and across runs.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable

from .normalize import normalize_text

_WORDS = re.compile(r"[^\W\d_]+", re.U)
# ASCII text has nothing for normalize_text() to remove, and the letters
# _WORDS finds in it are a-z once lower-cased: every other byte becomes a
# space and a bytes split gives the same words, a table lookup per byte where
# the Unicode regex tests every character's category (several times slower).
_ASCII_NON_LETTERS = bytes(
    byte if ord("a") <= byte <= ord("z") else ord(" ") for byte in range(256)
)


def fingerprint(text: str) -> int:
    """A stable fingerprint of a paragraph, blind to case, digits and punctuation.

    Invisible characters (soft hyphens, zero-width spaces) are removed first,
    as from the article text, so a word they split is still one word.
    """
    if text.isascii():
        data = b" ".join(text.lower().encode().translate(_ASCII_NON_LETTERS).split())
    else:
        data = " ".join(_WORDS.findall(normalize_text(text).lower())).encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


class _OutletCounts:
    __slots__ = ("_cache", "counts", "frequent", "pages")

    def __init__(self) -> None:
        self.pages = 0
        self.counts: dict[int, int] = {}
        # The counts that reached ``min_pages``: the only ones that can be
        # repeated. Most paragraphs are seen once, so this stays small and the
        # repeated set is rebuilt from it, not from every count, after each page.
        self.frequent: dict[int, int] = {}
        self._cache: frozenset[int] | None = None


class OutletMemory:
    """Document frequency of paragraph fingerprints per outlet, bounded in memory.

    A fingerprint is *repeated* once it was seen on at least ``min_pages``
    pages and on at least ``min_share`` of the outlet's pages observed so far.
    Each outlet keeps at most ``max_fingerprints`` counts (when full, the
    ones seen once are forgotten first) and at most ``max_outlets`` outlets are
    remembered (least recently used are dropped).
    """

    def __init__(
        self,
        *,
        min_pages: int = 3,
        min_share: float = 0.2,
        max_fingerprints: int = 20_000,
        max_outlets: int = 500,
    ) -> None:
        self.min_pages = min_pages
        self.min_share = min_share
        self.max_fingerprints = max_fingerprints
        self.max_outlets = max_outlets
        self._outlets: OrderedDict[str, _OutletCounts] = OrderedDict()

    def observe(self, outlet: str | None, extraction_or_fingerprints) -> None:
        """Count one page of ``outlet``: an Extraction or its fingerprints."""
        if not outlet:
            return
        fingerprints: Iterable[int] = getattr(
            extraction_or_fingerprints, "fingerprints", extraction_or_fingerprints
        )
        state = self._outlets.get(outlet)
        if state is None:
            state = self._outlets[outlet] = _OutletCounts()
            while len(self._outlets) > self.max_outlets:
                self._outlets.popitem(last=False)
        else:
            self._outlets.move_to_end(outlet)
        unique = set(fingerprints)
        if not unique:
            return
        state.pages += 1
        counts = state.counts
        frequent = state.frequent
        for fp in unique:
            seen = counts[fp] = counts.get(fp, 0) + 1
            if seen >= self.min_pages:
                frequent[fp] = seen
        if len(counts) > self.max_fingerprints:
            self._shrink(state)
        state._cache = None

    def _shrink(self, state: _OutletCounts) -> None:
        floor = 1
        while len(state.counts) > self.max_fingerprints * 0.75:
            state.counts = {fp: n for fp, n in state.counts.items() if n > floor}
            floor += 1
        state.frequent = {fp: n for fp, n in state.frequent.items() if fp in state.counts}

    def repeated(self, outlet: str | None) -> frozenset[int]:
        """Fingerprints this outlet repeats on many pages (empty when unknown)."""
        state = self._outlets.get(outlet) if outlet else None
        if state is None:
            return frozenset()
        if state._cache is None:
            needed = max(self.min_pages, self.min_share * state.pages)
            state._cache = frozenset(fp for fp, n in state.frequent.items() if n >= needed)
        return state._cache

    def pages(self, outlet: str) -> int:
        state = self._outlets.get(outlet)
        return state.pages if state is not None else 0

    def __len__(self) -> int:
        return len(self._outlets)
