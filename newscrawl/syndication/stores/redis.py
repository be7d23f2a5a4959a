"""``redis://HOST:PORT/DB``: one index shared by crawls on many machines.

An add is an optimistic transaction: the adder WATCHes the posting keys of
every shingle it looks up, reads, then writes in MULTI/EXEC. If another
machine posted a copy of the same story under one of those keys meanwhile,
EXEC fails and the add is retried, and then finds that copy: two copies
added at the same moment end in one cluster.

Every key expires after the retention window (``window``, e.g. 7 days), and
postings older than the window are trimmed when their key is written, so
memory stays bounded by the articles of one window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np

from ..errors import StoreBusy, StoreError, StoreFull, StoreUnavailable
from .base import Session, Store, StoredArticle

T = TypeVar("T")

_FIELDS = (
    "article_id",
    "cluster_id",
    "outlet",
    "duplicate_of",
    "wire",
    "added",
    "n_shingles",
    "level",
    "hashes",
    "paragraphs",
    "numbers",
)
_TEXT_FIELDS = {"article_id", "cluster_id", "outlet", "duplicate_of", "wire"}
_RETRIES = 50


class RedisStore(Store):
    """An index in a Redis database (keys under ``prefix``)."""

    def __init__(
        self,
        url: str,
        *,
        window: float | str | None = None,
        timeout: float = 5.0,
        prefix: str = "newscrawl:syn:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        import redis

        from . import parse_window

        self._redis_module = redis
        self.url = url
        self.window = parse_window(window)
        self.prefix = prefix
        self.clock = clock
        try:
            self.client = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=timeout
            )
            self.client.ping()
        except (redis.ConnectionError, redis.TimeoutError, ValueError) as exc:
            raise StoreUnavailable(f"redis store {url} unreachable: {exc}") from exc

    def _key(self, kind: str, name: object) -> str:
        return f"{self.prefix}{kind}:{name}"

    def atomic(self, fn: Callable[[Session], T], *, watch: np.ndarray | None = None) -> T:
        redis = self._redis_module
        watched = [self._key("p", int(k)) for k in (watch if watch is not None else [])]
        try:
            for _ in range(_RETRIES):
                with self.client.pipeline(transaction=True) as pipe:
                    if watched:
                        pipe.watch(*watched)
                    session = _RedisSession(self)
                    result = fn(session)
                    pipe.multi()
                    session.flush(pipe)
                    try:
                        pipe.execute()
                    except redis.WatchError:
                        continue
                    return result
            raise StoreBusy(f"redis store {self.url}: add kept conflicting, gave up")
        except redis.ResponseError as exc:
            if "OOM" in str(exc) or "maxmemory" in str(exc):
                raise StoreFull(f"redis store {self.url} is full: {exc}") from exc
            raise StoreError(f"redis store {self.url}: {exc}") from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailable(f"redis store {self.url} unreachable: {exc}") from exc

    def stats(self) -> dict[str, int]:
        info = self.client.info("memory")
        articles = 0
        for _ in self.client.scan_iter(match=self._key("a", "*"), count=1000):
            articles += 1
        return {"articles": articles, "bytes": int(info.get("used_memory", 0))}

    def close(self) -> None:
        self.client.close()


class _RedisSession(Session):
    def __init__(self, store: RedisStore) -> None:
        self.store = store
        self.client = store.client
        self.now = store.clock()
        self.writes: list[Callable[[Any], None]] = []

    def _floor(self) -> float:
        return self.now - self.store.window if self.store.window else float("-inf")

    def find(self, article_id: str) -> StoredArticle | None:
        ref = self.client.get(self.store._key("a", article_id))
        if ref is None:
            return None
        found = self.load([int(ref)])
        return found[0] if found else None

    def candidates(
        self, shingles: np.ndarray, *, max_postings: int, limit: int
    ) -> list[tuple[int, int]]:
        key = self.store._key
        floor = self._floor()
        pipe = self.client.pipeline(transaction=False)
        for shingle in shingles.tolist():
            pipe.zrangebyscore(key("p", shingle), floor, "+inf")
        hits: dict[int, int] = {}
        for refs in pipe.execute():
            if refs and len(refs) <= max_postings:
                for raw in refs:
                    ref = int(raw)
                    hits[ref] = hits.get(ref, 0) + 1
        return sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]

    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        pipe = self.client.pipeline(transaction=False)
        for ref in refs:
            pipe.hmget(self.store._key("d", ref), _FIELDS)
        found = []
        for ref, values in zip(refs, pipe.execute(), strict=True):
            if values[0] is None:
                continue
            data = dict(zip(_FIELDS, values, strict=True))
            for name in _TEXT_FIELDS:
                data[name] = data[name].decode() if data[name] else None
            data["added"] = float(data["added"])
            data["n_shingles"] = int(data["n_shingles"])
            data["level"] = int(data["level"])
            found.append(StoredArticle(**data, ref=ref))
        return found

    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        keys = list(keys)
        if not keys:
            return {}
        values = self.client.hmget(self.store._key("o", outlet), keys)
        return {k: int(v) for k, v in zip(keys, values, strict=True) if v is not None}

    def cluster_origin(self, cluster_id: str) -> str | None:
        value = self.client.get(self.store._key("c", cluster_id))
        return value.decode() if value else None

    def insert(self, article: StoredArticle, keys: np.ndarray) -> None:
        store = self.store
        ref = int(self.client.incr(store._key("seq", "ref")))
        window = int(store.window) if store.window else None
        added = article.added or self.now
        mapping = {
            name: ("" if getattr(article, name) is None else getattr(article, name))
            for name in _FIELDS
        }
        mapping["added"] = repr(added)
        floor = self._floor()
        posting_keys = [store._key("p", int(k)) for k in keys.tolist()]

        def write(pipe: Any) -> None:
            doc_key = store._key("d", ref)
            id_key = store._key("a", article.article_id)
            pipe.hset(doc_key, mapping=mapping)
            pipe.set(id_key, ref)
            for posting in posting_keys:
                pipe.zadd(posting, {ref: added})
                if window:
                    pipe.zremrangebyscore(posting, "-inf", f"({floor}")
                    pipe.expire(posting, window)
            if window:
                pipe.expire(doc_key, window)
                pipe.expire(id_key, window)

        self.writes.append(write)

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        key = self.store._key("o", outlet)
        window = int(self.store.window) if self.store.window else None
        keys = list(keys)

        def write(pipe: Any) -> None:
            for paragraph in keys:
                pipe.hincrby(key, paragraph, 1)
            if window:
                pipe.expire(key, window)

        self.writes.append(write)

    def set_cluster_origin(self, cluster_id: str, origin: str) -> None:
        key = self.store._key("c", cluster_id)
        window = int(self.store.window) if self.store.window else None

        def write(pipe: Any) -> None:
            pipe.set(key, origin, ex=window)

        self.writes.append(write)

    def flush(self, pipe: Any) -> None:
        for write in self.writes:
            write(pipe)
