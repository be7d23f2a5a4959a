"""``sqlite:///PATH``: one file shared by the crawls of one machine, across runs.

Several ``scrapy crawl`` processes may add to the same file at once. Each add
is one short ``BEGIN IMMEDIATE`` transaction around the candidate lookup and
the insert, so of two processes adding copies of one story at the same
moment, the second waits for the first and then finds it. WAL mode lets
readers run beside the writer; ``busy_timeout`` makes a writer wait instead
of failing at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar
from urllib.parse import unquote

import numpy as np

from ..errors import BadStoreURL, StoreBusy, StoreError, StoreFull, StoreUnavailable
from .base import OUTLET_PARAGRAPH_LIMIT, ClusterOrigin, Session, Store, StoredArticle

T = TypeVar("T")

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    ref INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    cluster_id TEXT NOT NULL,
    outlet TEXT,
    duplicate_of TEXT,
    wire TEXT,
    added REAL NOT NULL,
    n_shingles INTEGER NOT NULL,
    level INTEGER NOT NULL,
    hashes BLOB NOT NULL,
    paragraphs BLOB NOT NULL,
    numbers BLOB NOT NULL,
    continued BLOB NOT NULL DEFAULT x'',
    n_units INTEGER NOT NULL DEFAULT 0,
    skipped BLOB NOT NULL DEFAULT x'',
    text_key INTEGER NOT NULL DEFAULT 0,
    title_key INTEGER NOT NULL DEFAULT 0,
    published REAL,
    jaccard REAL,
    containment REAL,
    relation TEXT
);
CREATE INDEX IF NOT EXISTS articles_added ON articles (added);
CREATE TABLE IF NOT EXISTS postings (
    key INTEGER NOT NULL,
    ref INTEGER NOT NULL,
    PRIMARY KEY (key, ref)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outlet_paragraphs (
    outlet TEXT NOT NULL,
    key INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (outlet, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id TEXT PRIMARY KEY,
    origin TEXT,
    origin_published REAL
) WITHOUT ROWID;
"""
# Columns added since the first file format; an older file gains them on open.
_ADDED_COLUMNS = {
    "articles": (
        "continued BLOB NOT NULL DEFAULT x''",
        "n_units INTEGER NOT NULL DEFAULT 0",
        "skipped BLOB NOT NULL DEFAULT x''",
        "text_key INTEGER NOT NULL DEFAULT 0",
        "title_key INTEGER NOT NULL DEFAULT 0",
        "published REAL",
        "jaccard REAL",
        "containment REAL",
        "relation TEXT",
    ),
    "clusters": ("origin_published REAL",),
}
_COLUMNS = (
    "article_id, cluster_id, outlet, duplicate_of, wire, added, n_shingles, level,"
    " hashes, paragraphs, numbers, continued, n_units, skipped, text_key, title_key,"
    " published, jaccard, containment, relation, ref"
)
# An add dirties a few dozen pages scattered over the postings B-tree. The
# cache keeps the tree's inner pages and hot leaves in memory, and a larger WAL
# makes the checkpoints (each one a full copy and fsync of the dirty pages)
# rarer: the default of 1,000 pages checkpointed every ~25 adds and cost a
# quarter of the add time. The cache is bounded and nothing is memory-mapped,
# so a crawl's memory does not grow with the index: the rest of the file is
# read through the operating system's page cache, a few microseconds a page.
_PRAGMAS = (
    "cache_size = -8192",  # KiB: at most 8 MiB per connection, enough for the inner pages
    "mmap_size = 0",
    "wal_autocheckpoint = 16384",  # pages: about 64 MiB of WAL
    "temp_store = MEMORY",
)
_CHUNK = 900  # bound parameters per statement (old SQLite allows 999)
_PRUNE_EVERY = 1000  # adds between sweeps (retention, outlet paragraph counts)


def path_from_url(url: str) -> str:
    """``sqlite:///relative.db`` -> relative.db, ``sqlite:////abs/x.db`` -> /abs/x.db."""
    rest = url.split("://", 1)[1]
    if not rest.startswith("/") or len(rest) < 2:
        raise BadStoreURL(f"sqlite URL needs a path: sqlite:///PATH, got {url!r}")
    path = unquote(rest[1:])
    if path == ":memory:":
        return path
    return os.path.expanduser(path)


def _translate(exc: sqlite3.Error) -> StoreError:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StoreBusy(f"sqlite store stayed locked: {exc}")
    if "full" in message or "no space" in message:
        return StoreFull(f"sqlite store is full: {exc}")
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return StoreUnavailable(f"sqlite store cannot be opened for writing: {exc}")
    return StoreError(f"sqlite store error: {exc}")


class SQLiteStore(Store):
    """An index in one SQLite file."""

    def __init__(
        self,
        url: str,
        *,
        window: float | str | None = None,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        from . import parse_window

        self.url = url
        self.path = path_from_url(url)
        self.window = parse_window(window)
        self.timeout = float(timeout)
        self.clock = clock
        self._adds = 0
        # The outlets whose paragraphs this process counted since the last sweep.
        self._counted: set[str] = set()
        try:
            if self.path != ":memory:":
                parent = os.path.dirname(os.path.abspath(self.path))
                os.makedirs(parent, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            self._db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            for pragma in _PRAGMAS:
                self._db.execute(f"PRAGMA {pragma}")
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executescript(_SCHEMA.replace(";\n", ";\n"))
            self._db.execute("BEGIN IMMEDIATE")
            self._migrate()
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the sqlite store {self.path}: {exc}") from exc
        except sqlite3.Error as exc:
            raise _translate(exc) from exc

    def _migrate(self) -> None:
        for table, columns in _ADDED_COLUMNS.items():
            have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for column in columns:
                if column.split()[0] not in have:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed, or rolled back on any error;
        SQLite's errors come out as :class:`StoreError`."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise _translate(exc) from exc

    def atomic(self, fn: Callable[[Session], T]) -> T:
        with self._transaction() as db:
            result = fn(_SQLiteSession(db, self._counted))
        self._added(1)
        return result

    def atomic_many(self, fns: Sequence[Callable[[Session], T]]) -> list[T | Exception]:
        # One write transaction for the batch, one savepoint per add: an add
        # that fails takes back its own writes and no other's. The results
        # are handed back only after the commit, so a caller that passes an
        # article on once it has its match (the crawl writes it to the feed)
        # never passes on one whose entry a kill could still lose.
        results: list[T | Exception] = []
        try:
            with self._transaction() as db:
                for fn in fns:
                    db.execute("SAVEPOINT newscrawl_add")
                    try:
                        results.append(fn(_SQLiteSession(db, self._counted)))
                    except Exception as exc:  # handed back to the caller
                        db.execute("ROLLBACK TO newscrawl_add")
                        error = _translate(exc) if isinstance(exc, sqlite3.Error) else exc
                        results.append(error)
                    db.execute("RELEASE newscrawl_add")
        except StoreError as exc:
            return [exc for _ in fns]
        self._added(sum(1 for r in results if not isinstance(r, Exception)))
        return results

    def _added(self, count: int) -> None:
        before = self._adds
        self._adds += count
        if self._adds // _PRUNE_EVERY == before // _PRUNE_EVERY:
            return
        # The adds are committed: a sweep that fails is tried again at the
        # next one, and is no reason to fail them.
        try:
            self.bound_outlet_counts()
            if self.window:
                self.prune()
        except StoreError as exc:
            logger.warning("Syndication store sweep put off: %s", exc)

    def bound_outlet_counts(self) -> int:
        """Forget the paragraphs counted once by each outlet that holds more
        than OUTLET_PARAGRAPH_LIMIT counts; returns how many were forgotten."""
        outlets, self._counted = self._counted, set()
        forgotten = 0
        try:
            with self._transaction() as db:
                for outlet in sorted(outlets):
                    (count,) = db.execute(
                        "SELECT count(*) FROM outlet_paragraphs WHERE outlet = ?", (outlet,)
                    ).fetchone()
                    if count > OUTLET_PARAGRAPH_LIMIT:
                        forgotten += db.execute(
                            "DELETE FROM outlet_paragraphs WHERE outlet = ? AND n < 2", (outlet,)
                        ).rowcount
        except StoreError:
            self._counted |= outlets
            raise
        return forgotten

    def prune(self, now: float | None = None) -> int:
        """Forget articles older than the retention window; returns how many."""
        if not self.window:
            return 0
        cutoff = (now if now is not None else self.clock()) - self.window
        with self._transaction() as db:
            refs = [r for (r,) in db.execute("SELECT ref FROM articles WHERE added < ?", (cutoff,))]
            for start in range(0, len(refs), _CHUNK):
                chunk = refs[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM postings WHERE ref IN ({marks})", chunk)
                db.execute(f"DELETE FROM articles WHERE ref IN ({marks})", chunk)
        return len(refs)

    def stats(self) -> dict[str, int]:
        count = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        page_size = self._db.execute("PRAGMA page_size").fetchone()[0]
        return {"articles": int(count), "bytes": int(pages * page_size)}

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


class _SQLiteSession(Session):
    def __init__(self, db: sqlite3.Connection, counted: set[str]) -> None:
        self.db = db
        self.counted = counted

    def find(self, article_id: str) -> StoredArticle | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else StoredArticle(*row)

    def candidates(
        self, shingles: np.ndarray, *, max_postings: int, limit: int
    ) -> list[tuple[int, int]]:
        keys = [int(k) for k in shingles.tolist()]
        per_key: dict[int, list[int]] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, ref in self.db.execute(
                f"SELECT key, ref FROM postings WHERE key IN ({marks})", chunk
            ):
                per_key.setdefault(key, []).append(ref)
        hits: dict[int, int] = {}
        for refs in per_key.values():
            if len(refs) <= max_postings:
                for ref in refs:
                    hits[ref] = hits.get(ref, 0) + 1
        return sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]

    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        if not refs:
            return []
        marks = ",".join("?" * len(refs))
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE ref IN ({marks})", list(refs)
        )
        return [StoredArticle(*row) for row in rows]

    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        keys = list(keys)
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, n in self.db.execute(
                f"SELECT key, n FROM outlet_paragraphs WHERE outlet = ? AND key IN ({marks})",
                [outlet, *chunk],
            ):
                counts[key] = n
        return counts

    def cluster_origin(self, cluster_id: str) -> ClusterOrigin | None:
        row = self.db.execute(
            "SELECT origin, origin_published FROM clusters WHERE cluster_id = ?", (cluster_id,)
        ).fetchone()
        return None if row is None or row[0] is None else ClusterOrigin(row[0], row[1])

    def insert(self, article: StoredArticle, keys: np.ndarray) -> None:
        cursor = self.db.execute(
            "INSERT INTO articles (article_id, cluster_id, outlet, duplicate_of, wire, added,"
            " n_shingles, level, hashes, paragraphs, numbers, continued, n_units, skipped,"
            " text_key, title_key, published, jaccard, containment, relation)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.article_id,
                article.cluster_id,
                article.outlet,
                article.duplicate_of,
                article.wire,
                article.added,
                article.n_shingles,
                article.level,
                article.hashes,
                article.paragraphs,
                article.numbers,
                article.continued,
                article.n_units,
                article.skipped,
                article.text_key,
                article.title_key,
                article.published,
                article.jaccard,
                article.containment,
                article.relation,
            ),
        )
        ref = cursor.lastrowid
        self.db.executemany(
            "INSERT OR IGNORE INTO postings (key, ref) VALUES (?, ?)",
            [(int(key), ref) for key in keys.tolist()],
        )

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        self.counted.add(outlet)
        self.db.executemany(
            "INSERT INTO outlet_paragraphs (outlet, key, n) VALUES (?, ?, 1)"
            " ON CONFLICT (outlet, key) DO UPDATE SET n = n + 1",
            [(outlet, key) for key in keys],
        )

    def set_cluster_origin(self, cluster_id: str, origin: ClusterOrigin) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO clusters (cluster_id, origin, origin_published)"
            " VALUES (?, ?, ?)",
            (cluster_id, origin.origin, origin.published),
        )

    def remove(self, article: StoredArticle) -> None:
        # Its postings stay until the retention sweep: a posting whose
        # article row is gone is left out by load().
        self.db.execute("DELETE FROM articles WHERE article_id = ?", (article.article_id,))
