"""The interface every syndication store implements.

An add is one *atomic* read-modify-write: look the candidates up, verify
them, insert the article. :meth:`Store.atomic` runs a function with a
:class:`Session` so that two processes adding copies of one story at the
same moment cannot both miss each other: SQLite holds a write lock
(``BEGIN IMMEDIATE``), Redis retries an optimistic transaction,
memory holds a thread lock.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

#: An outlet's paragraph counts hold at most about this many keys: past it,
#: the keys counted once are forgotten. Boilerplate repeats within a few
#: pages; a paragraph an outlet printed once, long ago, is story text.
OUTLET_PARAGRAPH_LIMIT = 20_000

T = TypeVar("T")


@dataclass(slots=True)
class StoredArticle:
    """What a store keeps about one article."""

    article_id: str
    cluster_id: str
    outlet: str | None
    duplicate_of: str | None
    wire: str | None
    added: float  # unix time the article was added
    n_shingles: int
    level: int  # the sketch keeps hashes whose low `level` bits are zero
    hashes: bytes  # uint32 little endian, sorted
    paragraphs: bytes  # uint8, paragraph ordinal of each hash
    numbers: bytes  # uint32 little endian, hashes of the numbers in the text
    #: uint8 ordinals of the units that continue the paragraph of the unit
    #: before them (sentence windows of one long paragraph)
    continued: bytes = b""
    n_units: int = 0  # units (paragraphs or windows) that hold shingles
    skipped: bytes = b""  # uint8 ordinals of the paragraphs left out as outlet boilerplate
    text_key: int = 0  # signed 64-bit hash of the text: a re-crawl with new text differs
    title_key: int = 0  # 32-bit hash of the normalised headline, 0 if none
    published: float | None = None  # unix time of the publication date, if known
    # The verdict of the add, returned as it was when the article is re-indexed.
    jaccard: float | None = None
    containment: float | None = None
    relation: str | None = None
    ref: int = -1  # store-internal key

    def hash_array(self) -> np.ndarray:
        return np.frombuffer(self.hashes, dtype="<u4")

    def paragraph_array(self) -> np.ndarray:
        return np.frombuffer(self.paragraphs, dtype=np.uint8)

    def number_set(self) -> frozenset[int]:
        return frozenset(np.frombuffer(self.numbers, dtype="<u4").tolist())

    def continued_array(self) -> np.ndarray:
        return np.frombuffer(self.continued, dtype=np.uint8)


@dataclass(slots=True)
class ClusterOrigin:
    """The agency a story is credited to, and by which rule it was chosen."""

    origin: str
    published: float | None  # publication time of the crediting article, if known


class Session(ABC):
    """Reads and buffered writes inside one atomic add."""

    @abstractmethod
    def find(self, article_id: str) -> StoredArticle | None:
        """The article already stored under this id, if any."""

    @abstractmethod
    def candidates(
        self, shingles: np.ndarray, *, max_postings: int, limit: int
    ) -> list[tuple[int, int]]:
        """(ref, shared keys) of the articles posted under any of ``shingles``.

        Keys with more than ``max_postings`` articles are skipped: a shingle
        that common is boilerplate or template, not evidence. At most
        ``limit`` candidates, most shared keys first.
        """

    @abstractmethod
    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        """The stored articles for these refs (missing ones left out)."""

    @abstractmethod
    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        """How many earlier articles of ``outlet`` held each paragraph key."""

    def paragraph_counts_of(
        self, requests: Sequence[tuple[str, Sequence[int]]]
    ) -> list[dict[int, int]]:
        """:meth:`paragraph_counts` of several (outlet, keys) at once; a
        remote store reads them in one round trip."""
        return [self.paragraph_counts(outlet, keys) for outlet, keys in requests]

    @abstractmethod
    def cluster_origin(self, cluster_id: str) -> ClusterOrigin | None:
        """The wire agency recorded for a cluster."""

    @abstractmethod
    def insert(self, article: StoredArticle, keys: np.ndarray) -> None:
        """Store an article and post it under ``keys``."""

    @abstractmethod
    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        """Record that one more article of ``outlet`` held these paragraphs
        (the store keeps about :data:`OUTLET_PARAGRAPH_LIMIT` per outlet)."""

    @abstractmethod
    def set_cluster_origin(self, cluster_id: str, origin: ClusterOrigin) -> None:
        """Record the wire agency of a cluster."""

    @abstractmethod
    def remove(self, article: StoredArticle) -> None:
        """Forget a stored article (its text changed); stale postings may stay
        behind, :meth:`load` leaves the article out from then on."""


class Store(ABC):
    """A place where the index lives; chosen by URL (see :func:`open_store`)."""

    url: str

    @abstractmethod
    def atomic(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` as one atomic add and commit its writes.

        Optimistic stores retry ``fn`` if another writer posted under one of
        the shingles it looked up meanwhile: ``fn`` may run more than once
        and must not have side effects.
        """

    def atomic_many(self, fns: Sequence[Callable[[Session], T]]) -> list[T | Exception]:
        """Run each of ``fns`` as its own atomic add, in order, each seeing
        the writes of those before it, and return once all are committed.

        Returns, per function, its result or the exception it raised; a
        failed commit is the error of every function in the batch. Here one
        :meth:`atomic` per function; a store whose commit costs (SQLite)
        commits the batch once.
        """
        results: list[T | Exception] = []
        for fn in fns:
            try:
                results.append(self.atomic(fn))
            except Exception as exc:  # handed back to the caller
                results.append(exc)
        return results

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """``articles`` and ``bytes`` (approximate size of the index)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections and files."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
