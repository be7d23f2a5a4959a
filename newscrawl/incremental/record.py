"""The record of articles already collected, by URL, kept between runs.

Two backends, chosen by URL like the syndication stores:

- ``sqlite:///PATH``: one machine; the default, in ``NEWSCRAWL_DATA_DIR``;
- ``redis://HOST:PORT/DB``: shared by every worker of a distributed crawl.

Each key (an article's URL, its canonical URL, the URL first requested) maps
to the sitemap ``lastmod`` the article had when it was collected, so a later
run can fetch it again when the sitemap says it changed.

The SQLite record also keeps *pending* entries: an article about to be
written to a local feed file, with the file and the byte offset it will be
written after. A crawl killed between the two writes leaves the entry
pending; the next run opens the record, looks for the article's line in that
file, and keeps the entry if the line is there, or forgets it if not. So an
article is never both lost from the output and marked collected, and never
written twice: the guarantee a resumed crawl needs.

Confirmations are amortised: a confirmed article is held in memory and its
rows are updated in the transaction that writes the next pending entry, so an
article costs one commit, not two. Held confirmations are written at the
latest :data:`CONFIRM_DELAY` seconds after the first of them (at the next
confirmation or :meth:`SQLiteRecord.flush`), and at close. A kill before they
are written leaves their entries pending, which the next run settles from the
feed files as above; until then another process sharing the record sees those
articles as not yet collected, which is the safe side.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote

logger = logging.getLogger(__name__)

DEFAULT_RECORD_FILE = "collected.sqlite3"

#: Held confirmations are written at most this many seconds after the first.
CONFIRM_DELAY = 1.0
#: ...or once this many are held, whichever comes first.
CONFIRM_BATCH = 200


class RecordError(Exception):
    """The record cannot be opened or used (locked, full, unreachable)."""


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors (locked, disk full, I/O) into :class:`RecordError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise RecordError(f"{path}: {exc}") from exc


class CollectedRecord(ABC):
    """What every backend offers. Keys are URLs; values the sitemap lastmod.

    A backend that ``supports_pending`` can mark an article before its line
    is exported and confirm it after, so that a kill in between is detected
    on the next run; the others record an article once its line is written.
    """

    url: str = ""
    supports_pending = False

    @abstractmethod
    def lookup(self, key: str) -> tuple[bool, str | None]:
        """``(collected, lastmod)`` for ``key``."""

    @abstractmethod
    def add(self, keys: Iterable[str], lastmod: str | None = None) -> None:
        """Mark ``keys`` collected."""

    def add_pending(
        self,
        item_url: str,
        keys: Iterable[str],
        lastmod: str | None,
        feeds: list[tuple[str, int]],
    ) -> None:
        """Mark ``keys`` as about to be written after ``offset`` in each feed file."""
        raise TypeError(f"{type(self).__name__} does not support pending entries")

    def confirm(self, item_url: str) -> None:
        """The pending entries of ``item_url`` were written: mark them collected."""
        raise TypeError(f"{type(self).__name__} does not support pending entries")

    def flush(self) -> None:  # noqa: B027 - most backends hold nothing back
        """Write what the backend holds in memory (nothing, unless it batches)."""

    def forget(self, item_url: str) -> None:
        """The line of ``item_url`` could not be written: drop its pending entries."""
        raise TypeError(f"{type(self).__name__} does not support pending entries")

    @abstractmethod
    def __len__(self) -> int:
        """How many keys are recorded as collected."""

    @abstractmethod
    def close(self) -> None:
        """Release the backend's connection."""


class SQLiteRecord(CollectedRecord):
    """The record in one SQLite file (WAL mode: readers never wait for the writer)."""

    supports_pending = True

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The reactor thread and pipeline threads both use it; the lock
            # serialises them, SQLite's own checks would only refuse.
            self.db = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            # A kill of the process loses nothing that was committed with
            # synchronous=NORMAL; only a power cut could.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS collected ("
                " key TEXT PRIMARY KEY, lastmod TEXT, collected_at REAL,"
                " pending_item TEXT, pending_feeds TEXT, pending_lastmod TEXT)"
            )
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS collected_pending ON collected(pending_item)"
                " WHERE pending_item IS NOT NULL"
            )
            self.db.commit()
        except sqlite3.Error as exc:
            raise RecordError(f"cannot open the record {self.path}: {exc}") from exc
        self.lock = threading.Lock()
        # Confirmed item URLs whose rows are still pending (see the module
        # docstring), in order, and when the first of them was held.
        self._held: dict[str, None] = {}
        self._held_since = 0.0
        with sqlite_errors(self.path):
            self.resolve_pending()

    def lookup(self, key: str) -> tuple[bool, str | None]:
        with self.lock, sqlite_errors(self.path):
            row = self.db.execute(
                "SELECT lastmod, pending_item, pending_lastmod FROM collected WHERE key = ?",
                (key,),
            ).fetchone()
        if row is None:
            return (False, None)
        lastmod, pending_item, pending_lastmod = row
        if pending_item is None:
            return (True, lastmod)
        if pending_item in self._held:
            return (True, pending_lastmod)
        return (False, None)

    def add(self, keys: Iterable[str], lastmod: str | None = None) -> None:
        now = time.time()
        rows = [(key, lastmod, now) for key in dict.fromkeys(keys) if key]
        with self.lock, sqlite_errors(self.path), self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO collected (key, lastmod, collected_at) VALUES (?, ?, ?)",
                rows,
            )

    def add_pending(
        self,
        item_url: str,
        keys: Iterable[str],
        lastmod: str | None,
        feeds: list[tuple[str, int]],
    ) -> None:
        now = time.time()
        where = json.dumps(feeds)
        rows = [(key, now, item_url, where, lastmod) for key in dict.fromkeys(keys) if key]
        with self.lock, sqlite_errors(self.path):
            with self.db:
                # Held confirmations first: the same key may be pending again.
                self._confirm(list(self._held))
                self._insert_pending(rows)
            self._held.clear()

    def _insert_pending(self, rows: list[tuple[Any, ...]]) -> None:
        # An article fetched again (its lastmod changed) keeps its old
        # lastmod until its new line is confirmed written.
        self.db.executemany(
            "INSERT INTO collected"
            " (key, collected_at, pending_item, pending_feeds, pending_lastmod)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
            " collected_at = excluded.collected_at, pending_item = excluded.pending_item,"
            " pending_feeds = excluded.pending_feeds,"
            " pending_lastmod = excluded.pending_lastmod",
            rows,
        )

    def confirm(self, item_url: str) -> None:
        with self.lock:
            now = time.monotonic()
            if not self._held:
                self._held_since = now
            self._held[item_url] = None
            if len(self._held) >= CONFIRM_BATCH or now - self._held_since >= CONFIRM_DELAY:
                self._write_held()

    def flush(self) -> None:
        with self.lock:
            if self._held:
                self._write_held()

    def _write_held(self) -> None:
        with sqlite_errors(self.path), self.db:
            self._confirm(list(self._held))
        self._held.clear()

    def forget(self, item_url: str) -> None:
        with self.lock, sqlite_errors(self.path), self.db:
            self._forget([item_url])

    def _forget(self, item_urls: list[str]) -> None:
        # A refetched article's row goes too: it is fetched again next run,
        # which loses nothing and writes nothing twice.
        self.db.executemany(
            "DELETE FROM collected WHERE pending_item = ?", [(url,) for url in item_urls]
        )

    def _confirm(self, item_urls: list[str]) -> None:
        self.db.executemany(
            "UPDATE collected SET lastmod = pending_lastmod, pending_item = NULL,"
            " pending_feeds = NULL, pending_lastmod = NULL WHERE pending_item = ?",
            [(url,) for url in item_urls],
        )

    def __len__(self) -> int:
        self.flush()
        with self.lock, sqlite_errors(self.path):
            (count,) = self.db.execute(
                "SELECT COUNT(*) FROM collected WHERE pending_item IS NULL"
            ).fetchone()
        return count

    def resolve_pending(self) -> None:
        """Settle the entries a killed crawl left pending, from its feed files."""
        rows = self.db.execute(
            "SELECT DISTINCT pending_item, pending_feeds FROM collected"
            " WHERE pending_item IS NOT NULL"
        ).fetchall()
        if not rows:
            return
        written: dict[tuple[str, int], set[str]] = {}
        confirmed, forgotten = [], []
        for item_url, feeds_json in rows:
            try:
                feeds = [(str(path), int(offset)) for path, offset in json.loads(feeds_json)]
            except (TypeError, ValueError):
                feeds = []
            found = bool(feeds)
            for feed in feeds:
                if feed not in written:
                    written[feed] = set(urls_written_after(*feed))
                found = found and item_url in written[feed]
            (confirmed if found else forgotten).append(item_url)
        with sqlite_errors(self.path), self.db:
            self._confirm(confirmed)
            self._forget(forgotten)
        for path in sorted({path for path, _ in written}):
            if ends_with_cut_line(path):
                # Repaired when a crawl appends to it again (see feeds.py); a
                # file no crawl reopens keeps it, so say which one it is.
                logger.warning(
                    "%s ends with a cut line left by an interrupted crawl: that article "
                    "is fetched again; remove the line before reading the file",
                    path,
                )
        logger.info(
            "Collected-articles record: %d pending entries of an interrupted crawl found "
            "in its output, %d not found (they will be fetched again)",
            len(confirmed),
            len(forgotten),
        )

    def close(self) -> None:
        """Write the held confirmations and close; :class:`RecordError` if they fail.

        The connection is closed either way; entries not confirmed stay
        pending and are settled from the feed files by the next run.
        """
        try:
            self.flush()
        finally:
            with self.lock:
                try:
                    self.db.close()
                except sqlite3.Error as exc:
                    logger.warning("Closing the record %s failed: %s", self.path, exc)


def ends_with_cut_line(path: str) -> bool:
    """Whether ``path`` ends in a line without its newline."""
    try:
        with open(path, "rb") as feed:
            if feed.seek(0, 2) == 0:
                return False
            feed.seek(-1, 2)
            return feed.read(1) != b"\n"
    except OSError:
        return False


def urls_written_after(path: str, offset: int) -> Iterator[str]:
    """The ``url`` of every complete JSON line of ``path`` from ``offset`` on."""
    try:
        with open(path, "rb") as feed:
            feed.seek(offset)
            for line in feed:
                if not line.endswith(b"\n"):
                    return  # a line cut by the kill was never written whole
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                if isinstance(item, dict) and isinstance(item.get("url"), str):
                    yield item["url"]
    except OSError:
        return


class RedisRecord(CollectedRecord):
    """The record in one Redis hash (key -> lastmod), shared by every worker."""

    def __init__(self, url: str, *, key: str = "newscrawl:collected", timeout: float = 5.0):
        import redis

        self.url = url
        self.key = key
        self._errors = (redis.RedisError, OSError)
        try:
            self.redis = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=timeout
            )
            self.redis.ping()
        except self._errors as exc:
            raise RecordError(f"cannot reach the record at {url}: {exc}") from exc

    def lookup(self, key: str) -> tuple[bool, str | None]:
        try:
            value = self.redis.hget(self.key, key)
        except self._errors as exc:
            raise RecordError(str(exc)) from exc
        if value is None:
            return (False, None)
        return (True, value.decode("utf-8") or None)

    def add(self, keys: Iterable[str], lastmod: str | None = None) -> None:
        mapping = {key: lastmod or "" for key in keys if key}
        if not mapping:
            return
        try:
            self.redis.hset(self.key, mapping=mapping)
        except self._errors as exc:
            raise RecordError(str(exc)) from exc

    def __len__(self) -> int:
        try:
            return int(self.redis.hlen(self.key))
        except self._errors as exc:
            raise RecordError(str(exc)) from exc

    def close(self) -> None:
        self.redis.close()


def open_record(url: str, **options: Any) -> CollectedRecord:
    """The record at ``url``: ``sqlite:///PATH`` or ``redis://HOST:PORT/DB``."""
    if not isinstance(url, str) or "://" not in url:
        raise RecordError(f"not a record URL: {url!r} (sqlite:///PATH or redis://HOST:PORT/DB)")
    scheme, rest = url.split("://", 1)
    scheme = scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as SQLAlchemy.
        if not rest.startswith("/") or len(rest) < 2:
            raise RecordError(f"a SQLite record needs a file path: sqlite:///PATH, not {url!r}")
        return SQLiteRecord(unquote(rest[1:]), **options)
    if scheme in ("redis", "rediss", "unix"):
        return RedisRecord(url, **options)
    raise RecordError(f"unknown record scheme {scheme!r} in {url!r}")
