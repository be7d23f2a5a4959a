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

# Candidate lookup in one round trip: one ZRANGEBYSCORE per shingle sent
# through a client pipeline costs the client far more than Redis (packing
# and parsing ~250 commands per add). The script reads every posting list
# server-side and returns (ref, shared keys) pairs of the lists that are
# not too common (``max_postings``). It only reads, so it runs under the
# caller's WATCH. The shingles come as one space-separated argument, not as
# KEYS: encoding 250 arguments is most of the client's time (the store is
# for a standalone Redis, where a script may name keys it builds).
_CANDIDATES_LUA = """
local floor, max_postings, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local hits, order = {}, {}
for shingle in string.gmatch(ARGV[4], '%d+') do
    local key = prefix .. shingle
    -- ZCOUNT first: a boilerplate key's long list is never read out.
    local n = redis.call('ZCOUNT', key, floor, '+inf')
    if n > 0 and n <= max_postings then
        local refs = redis.call('ZRANGEBYSCORE', key, floor, '+inf')
        for j = 1, #refs do
            local ref = refs[j]
            local count = hits[ref]
            if count then
                hits[ref] = count + 1
            else
                hits[ref] = 1
                order[#order + 1] = ref
            end
        end
    end
end
local out = {}
for _, ref in ipairs(order) do
    out[#out + 1] = ref
    out[#out + 1] = hits[ref]
end
return out
"""
# The writes of one add, queued inside MULTI (so applied only if no watched
# posting list changed): number the article, store it, post it under its
# keys, trim postings older than the window. One command instead of ~100
# keeps the client's encoding cost down, and taking the number from the
# counter here saves a round trip.
# ARGV: prefix, window seconds (0: keep), floor, added, article id,
#       space-separated posting keys, then the document's field/value pairs.
_INSERT_LUA = """
local prefix, window, floor, added = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local ref = redis.call('INCR', prefix .. 'seq:ref')
local doc, id_key = prefix .. 'd:' .. ref, prefix .. 'a:' .. ARGV[5]
redis.call('HSET', doc, unpack(ARGV, 7))
redis.call('SET', id_key, ref)
for shingle in string.gmatch(ARGV[6], '%d+') do
    local key = prefix .. 'p:' .. shingle
    redis.call('ZADD', key, added, ref)
    if window > 0 then
        redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. floor)
        redis.call('EXPIRE', key, window)
    end
end
if window > 0 then
    redis.call('EXPIRE', doc, window)
    redis.call('EXPIRE', id_key, window)
end
return ref
"""
# ARGV: outlet hash key, window seconds (0: keep), space-separated paragraph keys.
_COUNT_LUA = """
local key, window = ARGV[1], tonumber(ARGV[2])
for paragraph in string.gmatch(ARGV[3], '%-?%d+') do
    redis.call('HINCRBY', key, paragraph, 1)
end
if window > 0 then
    redis.call('EXPIRE', key, window)
end
return 1
"""


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
            self._candidates_script = self.client.register_script(_CANDIDATES_LUA)
            self._load_scripts()
        except (redis.ConnectionError, redis.TimeoutError, ValueError) as exc:
            raise StoreUnavailable(f"redis store {url} unreachable: {exc}") from exc
        except redis.ResponseError as exc:
            raise StoreError(f"redis store {url} refused its Lua scripts: {exc}") from exc

    def _load_scripts(self) -> None:
        # Loaded up front and called by EVALSHA inside MULTI: a script call
        # through redis-py's Script object would cost a SCRIPT EXISTS per add.
        self.insert_sha = self.client.script_load(_INSERT_LUA)
        self.count_sha = self.client.script_load(_COUNT_LUA)

    def _key(self, kind: str, name: object) -> str:
        return f"{self.prefix}{kind}:{name}"

    def atomic(self, fn: Callable[[Session], T], *, watch: np.ndarray | None = None) -> T:
        redis = self._redis_module
        prefix = self._key("p", "")
        watched = [f"{prefix}{k}" for k in (watch.tolist() if watch is not None else [])]
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
                    except redis.exceptions.NoScriptError:
                        # The server lost its scripts (restart, SCRIPT FLUSH).
                        # The article and its postings are written by script
                        # calls, so none of them ran; a cluster origin SET may
                        # have, which is harmless (at worst it names a cluster
                        # id the retry does not use).
                        self._load_scripts()
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
        if not shingles.size:
            return []
        floor = self._floor()
        flat = self.store._candidates_script(
            keys=[],
            args=[
                repr(floor) if floor > float("-inf") else "-inf",
                max_postings,
                self.store._key("p", ""),
                " ".join(map(str, shingles.tolist())),
            ],
        )
        refs = [int(ref) for ref in flat[::2]]
        hits = dict(zip(refs, [int(n) for n in flat[1::2]], strict=True))
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
        window = int(store.window) if store.window else 0
        added = article.added or self.now
        fields: list[Any] = []
        for name in _FIELDS:
            value = getattr(article, name)
            fields += [name, "" if value is None else value]
        fields[fields.index("added") + 1] = repr(added)
        args = [
            store.prefix,
            window,
            repr(self._floor()) if window else "-inf",
            repr(added),
            article.article_id,
            " ".join(map(str, keys.tolist())),
            *fields,
        ]

        def write(pipe: Any) -> None:
            pipe.evalsha(store.insert_sha, 0, *args)

        self.writes.append(write)

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        store = self.store
        window = int(store.window) if store.window else 0
        args = [store._key("o", outlet), window, " ".join(map(str, keys))]

        def write(pipe: Any) -> None:
            pipe.evalsha(store.count_sha, 0, *args)

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
