"""``memory://``: an in-process store for one-off runs and tests.

Postings are kept compact, because the index must stay under about 2 KB per
article: recent postings sit in a dict, and are regularly merged into two
sorted numpy arrays (key, article ref) that are searched with one vectorised
``searchsorted`` per lookup.
"""

from __future__ import annotations

import dataclasses
import inspect
import operator
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import numpy as np

from .base import OUTLET_PARAGRAPH_LIMIT, ClusterOrigin, Session, Store, StoredArticle

T = TypeVar("T")

# Recent postings stay in a dict until there are this many, then merge.
_MERGE_EVERY = 200_000
# The merged postings are split into buckets by the top bits of the key,
# about this many postings a bucket: a lookup reads its bucket's bounds and
# entries, two or three cache lines, where a binary search of the whole
# array (tens of millions of keys at 1M articles) is a chain of some twenty
# cache misses per shingle. Bounds cost 8/_BUCKET_POSTINGS bytes a posting.
_BUCKET_POSTINGS = 8
# Buckets wider than this (a key posted by very many articles) are searched
# by bisection instead of compared entry by entry.
_GATHER_WIDTH = 64
# At most 2**24 buckets (128 MiB of bounds, for 128M postings and more).
_MAX_BUCKET_BITS = 24
# Recent keys are marked in a bitmap of their top bits, so that most
# shingles (no key of a recent article) skip the dict lookup.
_RECENT_BITS = 20
_RECENT_SHIFT = np.uint32(32 - _RECENT_BITS)


# insert() copies a StoredArticle by reading its fields in one C call and
# passing them back by position, in field order: about a quarter of the cost
# of dataclasses.replace(), which loops over the fields in Python. That is
# right only while the fields are exactly the positional parameters of
# __init__, in order (no init=False, kw_only or InitVar field): checked here,
# once, so that a change to StoredArticle cannot make the copy drop a field.
_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(StoredArticle))
_INIT_PARAMETERS = inspect.signature(StoredArticle).parameters.values()
if tuple(p.name for p in _INIT_PARAMETERS) != _FIELD_NAMES or any(
    p.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD for p in _INIT_PARAMETERS
):
    raise TypeError(
        "StoredArticle's fields are no longer its positional __init__ parameters: "
        "MemoryStore's insert() must copy it another way"
    )
_FIELD_VALUES = operator.attrgetter(*_FIELD_NAMES)
_ADDED = _FIELD_NAMES.index("added")
_REF = _FIELD_NAMES.index("ref")


def _runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indices of the runs ``[start, start + length)``, one after the other."""
    # Each run's indices are its place in the output shifted by one offset
    # per run: one repeat instead of an owner array and a gather through it.
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if ends.size else 0
    return np.arange(total) + np.repeat(starts - (ends - lengths), lengths)


def _listed(refs: int | list[int]) -> list[int]:
    return refs if isinstance(refs, list) else [refs]


class _Postings:
    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint32)
        self.refs = np.empty(0, dtype=np.uint32)
        # bounds[b]:bounds[b + 1] are the merged postings of bucket b (keys >> shift)
        self.shift = np.uint32(31)
        self.bounds = np.zeros(3, dtype=np.int64)
        # key -> ref of its one recent posting, or the list of them when
        # there are more: most keys are posted once between merges, and an
        # int, unlike a one-item list, is no object the garbage collector
        # has to walk through at every collection (a dict of ints is not
        # tracked at all).
        self.recent: dict[int, int | list[int]] = {}
        self.recent_count = 0
        self.recent_marks = np.zeros(1 << _RECENT_BITS, dtype=bool)

    def add(self, keys: np.ndarray, ref: int) -> None:
        recent = self.recent
        for key in keys.tolist():
            bucket = recent.get(key)
            if bucket is None:
                recent[key] = ref
            elif isinstance(bucket, list):
                bucket.append(ref)
            else:
                recent[key] = [bucket, ref]
        self.recent_marks[keys >> _RECENT_SHIFT] = True
        self.recent_count += len(keys)
        if self.recent_count >= _MERGE_EVERY:
            self.merge()

    def merge(self) -> None:
        if not self.recent:
            return
        new_keys = np.fromiter(
            (k for k, refs in self.recent.items() for _ in _listed(refs)), dtype=np.uint32
        )
        new_refs = np.fromiter(
            (r for refs in self.recent.values() for r in _listed(refs)), dtype=np.uint32
        )
        order = np.argsort(new_keys, kind="stable")
        new_keys, new_refs = new_keys[order], new_refs[order]
        # Linear merge of two sorted runs: a full re-sort at every merge
        # would cost O(n log n) per merge and dominate a long crawl.
        slots = np.searchsorted(self.keys, new_keys, side="right")
        slots += np.arange(new_keys.size)
        total = self.keys.size + new_keys.size
        is_new = np.zeros(total, dtype=bool)
        is_new[slots] = True
        keys = np.empty(total, dtype=np.uint32)
        refs = np.empty(total, dtype=np.uint32)
        keys[slots], refs[slots] = new_keys, new_refs
        keys[~is_new], refs[~is_new] = self.keys, self.refs
        bits = min(_MAX_BUCKET_BITS, max(1, (total // _BUCKET_POSTINGS).bit_length()))
        shift = np.uint32(32 - bits)
        if shift == self.shift:
            # Same buckets: only the new postings move the bounds.
            added = np.bincount(new_keys >> shift, minlength=1 << bits)
            self.bounds[1:] += np.cumsum(added)
        else:
            counts = np.bincount(keys >> shift, minlength=1 << bits)
            self.bounds = np.zeros((1 << bits) + 1, dtype=np.int64)
            np.cumsum(counts, out=self.bounds[1:])
            self.shift = shift
        self.keys, self.refs = keys, refs
        self.recent = {}
        self.recent_count = 0
        self.recent_marks[:] = False

    def _merged_lookup(self, shingles: np.ndarray, max_postings: int) -> np.ndarray:
        """Refs of the merged postings of ``shingles``, keys of more than
        ``max_postings`` left out."""
        keys = self.keys
        bucket = shingles >> self.shift
        lo = self.bounds[bucket]
        width = self.bounds[bucket + 1] - lo
        narrow = (width > 0) & (width <= _GATHER_WIDTH)
        # Every entry of a narrow bucket is compared with its shingle; the
        # equal ones are that shingle's postings (runs sorted by key).
        narrow_width = width[narrow]
        at = _runs(lo[narrow], narrow_width)
        hit = keys[at] == np.repeat(shingles[narrow], narrow_width)
        if max_postings < _GATHER_WIDTH:
            owner = np.repeat(np.arange(narrow_width.size), narrow_width)[hit]
            at = at[hit]
            sizes = np.bincount(owner, minlength=narrow_width.size)
            at = at[sizes[owner] <= max_postings]
        else:
            # A narrow bucket holds no more postings than max_postings.
            at = at[hit]
        parts = [at]
        wide = shingles[width > _GATHER_WIDTH]
        if wide.size:
            left = np.searchsorted(keys, wide, side="left")
            lengths = np.searchsorted(keys, wide, side="right") - left
            keep = (lengths > 0) & (lengths <= max_postings)
            parts.append(_runs(left[keep], lengths[keep]))
        return self.refs[np.concatenate(parts) if len(parts) > 1 else parts[0]]

    def lookup(self, shingles: np.ndarray, max_postings: int) -> tuple[np.ndarray, np.ndarray]:
        """(refs, shared keys) of the articles posted under ``shingles``."""
        parts = []
        if self.keys.size and shingles.size:
            found = self._merged_lookup(shingles, max_postings)
            if found.size:
                parts.append(found)
        recent = self.recent
        if recent and max_postings >= 1:
            marked = shingles[self.recent_marks[shingles >> _RECENT_SHIFT]]
            # One C-level map of the dict over the marked shingles.
            buckets = [b for b in map(recent.get, marked.tolist()) if b is not None]
            # The single postings first, then those of the lists: out of key
            # order, which is harmless only because the refs are sorted below.
            extra = [bucket for bucket in buckets if not isinstance(bucket, list)]
            if len(extra) < len(buckets):
                for bucket in buckets:
                    if isinstance(bucket, list) and len(bucket) <= max_postings:
                        extra.extend(bucket)
            if extra:
                parts.append(np.array(extra, dtype=np.uint32))
        if not parts:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        # np.unique(return_counts=True), without its set-up cost on a few
        # hundred refs: sort, then count each run.
        found = np.sort(np.concatenate(parts) if len(parts) > 1 else parts[0])
        first = np.empty(found.size, dtype=bool)
        first[0] = True
        np.not_equal(found[1:], found[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.empty(starts.size, dtype=np.int64)
        np.subtract(starts[1:], starts[:-1], out=counts[:-1])
        counts[-1] = found.size - starts[-1]
        return found[starts].astype(np.int64), counts

    def nbytes(self) -> int:
        size = self.keys.nbytes + self.refs.nbytes + self.bounds.nbytes + self.recent_marks.nbytes
        # The recent postings: the dict's table, the int object of each key,
        # and the list of each key posted more than once. A single posting
        # is the article's ref, the one int object its row holds too.
        recent = self.recent
        size += sys.getsizeof(recent) + sum(map(sys.getsizeof, recent))
        return size + sum(sys.getsizeof(refs) for refs in recent.values() if type(refs) is list)


class MemoryStore(Store):
    """Everything in this process; gone when it exits."""

    def __init__(self, url: str = "memory://", **ignored: object) -> None:
        # Options of the persistent stores (window, timeout, clock) mean
        # nothing for an index that lives as long as the process.
        self.url = url
        self._lock = threading.RLock()
        self._postings = _Postings()
        # StoredArticle has slots: smaller than a tuple of its fields, and
        # handed out by load() without building a new object per candidate.
        self._articles: list[StoredArticle | None] = []
        self._by_id: dict[str, int] = {}
        self._outlets: dict[str, dict[int, int]] = {}
        self._origins: dict[str, ClusterOrigin] = {}

    def atomic(self, fn: Callable[[Session], T]) -> T:
        with self._lock:
            return fn(_MemorySession(self))

    def stats(self) -> dict[str, int]:
        size = self._postings.nbytes()
        size += sys.getsizeof(self._articles) + sys.getsizeof(self._by_id)
        for row in self._articles:
            if row is not None:
                size += sys.getsizeof(row)
                size += sum(sys.getsizeof(v) for v in (row.article_id, row.cluster_id, row.outlet))
                size += len(row.hashes) + len(row.paragraphs) + len(row.numbers) + 3 * 33
        for counts in self._outlets.values():
            size += sys.getsizeof(counts) + 32 * len(counts)
        size += sys.getsizeof(self._origins)
        return {"articles": len(self._by_id), "bytes": int(size)}


class _MemorySession(Session):
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def find(self, article_id: str) -> StoredArticle | None:
        ref = self.store._by_id.get(article_id)
        return None if ref is None else self._article(ref)

    def _article(self, ref: int) -> StoredArticle | None:
        return self.store._articles[ref]

    def candidates(
        self, shingles: np.ndarray, *, max_postings: int, limit: int
    ) -> list[tuple[int, int]]:
        refs, counts = self.store._postings.lookup(shingles, max_postings)
        # Most shared keys first, then the latest article.
        best = np.lexsort((-refs, -counts))[:limit]
        return list(zip(refs[best].tolist(), counts[best].tolist(), strict=True))

    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        articles = self.store._articles
        found = [articles[ref] for ref in refs]
        return [article for article in found if article is not None]

    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        counts = self.store._outlets.get(outlet)
        if not counts:
            return {}
        return {key: counts[key] for key in keys if key in counts}

    def cluster_origin(self, cluster_id: str) -> ClusterOrigin | None:
        return self.store._origins.get(cluster_id)

    def insert(self, article: StoredArticle, keys: np.ndarray) -> None:
        store = self.store
        ref = len(store._articles)
        # A copy, so that the caller's article is not changed.
        added = article.added or time.time()
        if type(article) is StoredArticle:
            values = list(_FIELD_VALUES(article))  # see _FIELD_NAMES
            values[_ADDED] = added
            values[_REF] = ref
            stored = StoredArticle(*values)
        else:  # a subclass keeps its type and its own fields
            stored = dataclasses.replace(article, added=added, ref=ref)
        store._articles.append(stored)
        store._by_id[article.article_id] = ref
        store._postings.add(keys, ref)

    def remove(self, article: StoredArticle) -> None:
        store = self.store
        ref = store._by_id.pop(article.article_id, None)
        if ref is not None:
            store._articles[ref] = None

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        counts = self.store._outlets.setdefault(outlet, {})
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > OUTLET_PARAGRAPH_LIMIT:
            for key in [k for k, n in counts.items() if n < 2]:
                del counts[key]

    def set_cluster_origin(self, cluster_id: str, origin: ClusterOrigin) -> None:
        self.store._origins[cluster_id] = origin
