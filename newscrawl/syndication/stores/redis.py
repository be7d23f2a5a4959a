"""``redis://HOST:PORT/DB``: one index shared by crawls on many machines.

An add is an optimistic transaction: the adder WATCHes the posting keys of
every shingle it looks up, reads, then writes in MULTI/EXEC. If another
machine posted a copy of the same story under one of those keys meanwhile,
EXEC fails and the add is retried, and then finds that copy: two copies
added at the same moment end in one cluster.

Every key expires after the retention window (``window``, e.g. 7 days):
an article's key a window after its add, the posting keys of a generation
(a quarter window of adds) a window after the generation's last add, so
memory stays bounded by the articles of one window and a quarter. The key
layout, compact enough for about 1.5 KB per article, is described below.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import struct
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np

from ..errors import StoreBusy, StoreError, StoreFull, StoreUnavailable
from .base import ClusterOrigin, Session, Store, StoredArticle

T = TypeVar("T")

_RETRIES = 50

# -- Key layout ---------------------------------------------------------------
# Memory is the limit of a shared index, so few keys per article and small
# encodings (Redis keeps a hash of up to 128 short fields as one packed
# listpack, a few bytes per field; a key of its own costs ~60 bytes):
#
#   d:REF                 the article, one packed binary string (see _encode)
#   a:BUCKET              hash: 8-byte hash of an article id -> REF
#   p:GEN:BUCKET          hash: low bits of a shingle -> its postings, REFs
#                         packed as little-endian uint32
#   P:GEN:SHINGLE         the postings of a shingle too common for a hash field
#   o:BUCKET              hash: 8-byte hash of (outlet, paragraph key) -> count
#   c:BUCKET              hash: cluster id -> "origin<TAB>published"
#
# Postings of the articles added in one *generation* (a quarter of the
# retention window) share keys that expire together a window after it ends,
# so memory is bounded by one window without trimming lists one by one.
_POSTING_SHIFT = 12  # 2**20 posting buckets: ~32 fields each at 1M articles
_ID_BUCKETS = 1 << 15
_OUTLET_BUCKETS = 1 << 17
_CLUSTER_BUCKETS = 1 << 16
# A posting field holds at most this many refs (60 bytes, under the 64-byte
# listpack value limit); more move to a P: key of their own, marked "+".
_FIELD_REFS = 15
# A P: key stops growing here: a shingle this common is skipped as boilerplate.
_SPILL_REFS = 1024
_GENERATIONS_PER_WINDOW = 4

_RELATIONS = (None, "same", "contains", "contained_in")
_HEADER = struct.Struct("<ddqIIBHddBHHHH")


def _text(value: str | None) -> bytes:
    if value is None:
        return b"\xff\xff"
    raw = value.encode("utf-8")[:65000]
    return struct.pack("<H", len(raw)) + raw


def _encode(article: StoredArticle) -> bytes:
    """The article as one binary string: fixed header, texts, arrays."""
    nan = float("nan")
    header = _HEADER.pack(
        article.added,
        nan if article.published is None else article.published,
        article.text_key,
        article.title_key,
        article.n_shingles,
        article.level,
        article.n_units,
        nan if article.jaccard is None else article.jaccard,
        nan if article.containment is None else article.containment,
        _RELATIONS.index(article.relation) if article.relation in _RELATIONS else 0,
        len(article.hashes) // 4,
        len(article.numbers) // 4,
        len(article.continued),
        len(article.skipped),
    )
    texts = b"".join(
        _text(v)
        for v in (
            article.article_id,
            article.cluster_id,
            article.outlet,
            article.duplicate_of,
            article.wire,
        )
    )
    return b"".join(
        (
            header,
            texts,
            article.hashes,
            article.paragraphs,
            article.numbers,
            article.continued,
            article.skipped,
        )
    )


def _decode(blob: bytes, ref: int) -> StoredArticle:
    (
        added,
        published,
        text_key,
        title_key,
        n_shingles,
        level,
        n_units,
        jaccard,
        containment,
        relation,
        n_hashes,
        n_numbers,
        n_continued,
        n_skipped,
    ) = _HEADER.unpack_from(blob)
    at = _HEADER.size
    texts: list[str | None] = []
    for _ in range(5):
        (size,) = struct.unpack_from("<H", blob, at)
        at += 2
        if size == 0xFFFF:
            texts.append(None)
        else:
            texts.append(blob[at : at + size].decode("utf-8"))
            at += size
    parts = []
    for size in (4 * n_hashes, n_hashes, 4 * n_numbers, n_continued, n_skipped):
        parts.append(blob[at : at + size])
        at += size
    article_id, cluster_id, outlet, duplicate_of, wire = texts
    return StoredArticle(
        article_id=article_id or "",
        cluster_id=cluster_id or "",
        outlet=outlet,
        duplicate_of=duplicate_of,
        wire=wire,
        added=added,
        n_shingles=n_shingles,
        level=level,
        hashes=parts[0],
        paragraphs=parts[1],
        numbers=parts[2],
        continued=parts[3],
        n_units=n_units,
        skipped=parts[4],
        text_key=text_key,
        title_key=title_key,
        published=None if math.isnan(published) else published,
        jaccard=None if math.isnan(jaccard) else jaccard,
        containment=None if math.isnan(containment) else containment,
        relation=_RELATIONS[relation] if relation < len(_RELATIONS) else None,
        ref=ref,
    )


def _hash8(*parts: object) -> bytes:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()


def _bucket(digest: bytes, buckets: int) -> int:
    return int.from_bytes(digest[:4], "little") % buckets


# Candidate lookup in one round trip, server-side: for each shingle, in
# each live generation, read its posting field (or its P: key when the
# field says "+"), skip lists longer than ``max_postings``, count the shared
# shingles per ref. It only reads, so it runs under the caller's WATCH.
# ARGV: prefix, max_postings, space-separated generations, shingles.
_CANDIDATES_LUA = """
local prefix, max_postings = ARGV[1], tonumber(ARGV[2])
local gens = {}
for gen in string.gmatch(ARGV[3], '%d+') do gens[#gens + 1] = gen end
local hits, order = {}, {}
for shingle in string.gmatch(ARGV[4], '%d+') do
    local value = tonumber(shingle)
    local bucket = string.format('%d', math.floor(value / __BUCKET_SIZE__))
    local field = string.format('%d', value % __BUCKET_SIZE__)
    for _, gen in ipairs(gens) do
        local refs = redis.call('HGET', prefix .. 'p:' .. gen .. ':' .. bucket, field)
        if refs == '+' then
            refs = redis.call('GET', prefix .. 'P:' .. gen .. ':' .. shingle)
        end
        if refs and #refs >= 4 and #refs / 4 <= max_postings then
            for at = 1, #refs - 3, 4 do
                local ref = struct.unpack('<I4', refs, at)
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
end
local out = {}
for _, ref in ipairs(order) do
    out[#out + 1] = ref
    out[#out + 1] = hits[ref]
end
return out
"""
# The writes of one add, queued inside MULTI (so applied only if no watched
# posting bucket changed): number the article, store it, map its id, post
# it under its keys.
# ARGV: prefix, generation, expiry seconds (0: keep), id bucket, id field,
#       space-separated posting keys, the packed article.
_INSERT_LUA = """
local prefix, gen, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
local ref = redis.call('INCR', prefix .. 'seq:ref')
local doc, id_key = prefix .. 'd:' .. ref, prefix .. 'a:' .. ARGV[4]
redis.call('SET', doc, ARGV[7])
redis.call('HSET', id_key, ARGV[5], ref)
local packed = struct.pack('<I4', ref)
for shingle in string.gmatch(ARGV[6], '%d+') do
    local value = tonumber(shingle)
    local bucket = string.format('%d', math.floor(value / __BUCKET_SIZE__))
    local key = prefix .. 'p:' .. gen .. ':' .. bucket
    local field = string.format('%d', value % __BUCKET_SIZE__)
    local refs = redis.call('HGET', key, field)
    if refs == '+' then
        local spill = prefix .. 'P:' .. gen .. ':' .. shingle
        if redis.call('STRLEN', spill) < 4 * __SPILL_REFS__ then
            redis.call('APPEND', spill, packed)
        end
        if ttl > 0 then redis.call('EXPIRE', spill, ttl) end
    elseif not refs then
        redis.call('HSET', key, field, packed)
    elseif #refs >= 4 * __FIELD_REFS__ then
        local spill = prefix .. 'P:' .. gen .. ':' .. shingle
        redis.call('SET', spill, refs .. packed)
        redis.call('HSET', key, field, '+')
        if ttl > 0 then redis.call('EXPIRE', spill, ttl) end
    else
        redis.call('HSET', key, field, refs .. packed)
    end
    if ttl > 0 then redis.call('EXPIRE', key, ttl) end
end
if ttl > 0 then
    redis.call('EXPIRE', doc, ttl)
    redis.call('EXPIRE', id_key, ttl)
end
return ref
"""
# ARGV: expiry seconds (0: keep), then bucket key / field pairs to count.
_COUNT_LUA = """
local ttl = tonumber(ARGV[1])
for at = 2, #ARGV - 1, 2 do
    redis.call('HINCRBY', ARGV[at], ARGV[at + 1], 1)
    if ttl > 0 then redis.call('EXPIRE', ARGV[at], ttl) end
end
return 1
"""
# ARGV: bucket key / field pairs; returns their values.
_COUNTS_LUA = """
local out = {}
for at = 1, #ARGV - 1, 2 do
    out[#out + 1] = redis.call('HGET', ARGV[at], ARGV[at + 1]) or false
end
return out
"""


def _script(source: str) -> str:
    return (
        source.replace("__BUCKET_SIZE__", str(1 << _POSTING_SHIFT))
        .replace("__FIELD_REFS__", str(_FIELD_REFS))
        .replace("__SPILL_REFS__", str(_SPILL_REFS))
    )


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
            self._candidates_script = self.client.register_script(_script(_CANDIDATES_LUA))
            self._counts_script = self.client.register_script(_COUNTS_LUA)
            self._load_scripts()
        except (redis.ConnectionError, redis.TimeoutError, ValueError) as exc:
            raise StoreUnavailable(f"redis store {url} unreachable: {exc}") from exc
        except redis.ResponseError as exc:
            raise StoreError(f"redis store {url} refused its Lua scripts: {exc}") from exc

    def _load_scripts(self) -> None:
        # Loaded up front and called by EVALSHA inside MULTI: a script call
        # through redis-py's Script object would cost a SCRIPT EXISTS per add.
        self.insert_sha = self.client.script_load(_script(_INSERT_LUA))
        self.count_sha = self.client.script_load(_COUNT_LUA)

    def _key(self, kind: str, name: object) -> str:
        return f"{self.prefix}{kind}:{name}"

    # -- generations of posting keys -------------------------------------------

    def generation_seconds(self) -> float | None:
        return self.window / _GENERATIONS_PER_WINDOW if self.window else None

    def generation(self, now: float) -> int:
        seconds = self.generation_seconds()
        return int(now // seconds) if seconds else 0

    def live_generations(self, now: float) -> list[int]:
        """The generations that may hold articles younger than the window."""
        if not self.window:
            return [0]
        return list(range(self.generation(now - self.window), self.generation(now) + 1))

    def ttl(self) -> int:
        """Seconds a generation's keys live after their last write (0: forever)."""
        seconds = self.generation_seconds()
        return int(self.window + seconds) + 1 if self.window and seconds else 0

    def posting_bucket(self, generation: int, shingle: int) -> str:
        return self._key("p", f"{generation}:{shingle >> _POSTING_SHIFT}")

    def id_slot(self, article_id: str) -> tuple[str, bytes]:
        digest = _hash8("id", article_id)
        return self._key("a", _bucket(digest, _ID_BUCKETS)), digest

    def outlet_slot(self, outlet: str, key: int) -> tuple[str, bytes]:
        digest = _hash8("outlet", outlet, key)
        return self._key("o", _bucket(digest, _OUTLET_BUCKETS)), digest

    def cluster_slot(self, cluster_id: str) -> str:
        return self._key("c", _bucket(_hash8("cluster", cluster_id), _CLUSTER_BUCKETS))

    def atomic(self, fn: Callable[[Session], T], *, watch: np.ndarray | None = None) -> T:
        redis = self._redis_module
        try:
            for _ in range(_RETRIES):
                with self.client.pipeline(transaction=True) as pipe:
                    session = _RedisSession(self)
                    if watch is not None and watch.size:
                        # Only the current generation is written to.
                        generation = self.generation(session.now)
                        buckets = np.unique(watch >> np.uint32(_POSTING_SHIFT)).tolist()
                        pipe.watch(*(self._key("p", f"{generation}:{b}") for b in buckets))
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
                        # calls, so none of them ran; a cluster origin HSET
                        # may have, which is harmless (at worst it names a
                        # cluster id the retry does not use).
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
        for _ in self.client.scan_iter(match=self._key("d", "*"), count=10_000):
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
        key, field = self.store.id_slot(article_id)
        ref = self.client.hget(key, field)
        if ref is None:
            return None
        found = self.load([int(ref)])
        # Two ids whose 8-byte hashes collide: the stored one is another article.
        return found[0] if found and found[0].article_id == article_id else None

    def candidates(
        self, shingles: np.ndarray, *, max_postings: int, limit: int
    ) -> list[tuple[int, int]]:
        if not shingles.size:
            return []
        flat = self.store._candidates_script(
            keys=[],
            args=[
                self.store.prefix,
                max_postings,
                " ".join(map(str, self.store.live_generations(self.now))),
                " ".join(map(str, shingles.tolist())),
            ],
        )
        refs = [int(ref) for ref in flat[::2]]
        hits = dict(zip(refs, [int(n) for n in flat[1::2]], strict=True))
        return sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]

    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        if not refs:
            return []
        blobs = self.client.mget([self.store._key("d", ref) for ref in refs])
        floor = self._floor()
        found = []
        for ref, blob in zip(refs, blobs, strict=True):
            if blob is None:
                continue
            article = _decode(blob, ref)
            if article.added >= floor:
                found.append(article)
        return found

    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        keys = list(keys)
        if not keys:
            return {}
        args: list[Any] = []
        for key in keys:
            args.extend(self.store.outlet_slot(outlet, key))
        values = self.store._counts_script(keys=[], args=args)
        return {k: int(v) for k, v in zip(keys, values, strict=True) if v}

    def cluster_origin(self, cluster_id: str) -> ClusterOrigin | None:
        value = self.client.hget(self.store.cluster_slot(cluster_id), cluster_id)
        if not value:
            return None
        origin, _, published = value.decode().partition("\t")
        return ClusterOrigin(origin, float(published) if published else None)

    def insert(self, article: StoredArticle, keys: np.ndarray) -> None:
        store = self.store
        article = dataclasses.replace(article, added=article.added or self.now)
        id_key, id_field = store.id_slot(article.article_id)
        args = [
            store.prefix,
            store.generation(self.now),
            store.ttl(),
            id_key.removeprefix(store._key("a", "")),
            id_field,
            " ".join(map(str, keys.tolist())),
            _encode(article),
        ]

        def write(pipe: Any) -> None:
            pipe.evalsha(store.insert_sha, 0, *args)

        self.writes.append(write)

    def remove(self, article: StoredArticle) -> None:
        store = self.store
        id_key, id_field = store.id_slot(article.article_id)
        doc = store._key("d", article.ref)

        def write(pipe: Any) -> None:
            # Its postings stay until their generation expires; load() skips them.
            pipe.delete(doc)
            pipe.hdel(id_key, id_field)

        self.writes.append(write)

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        store = self.store
        args: list[Any] = [int(store.window) if store.window else 0]
        for key in keys:
            args.extend(store.outlet_slot(outlet, key))

        def write(pipe: Any) -> None:
            pipe.evalsha(store.count_sha, 0, *args)

        self.writes.append(write)

    def set_cluster_origin(self, cluster_id: str, origin: ClusterOrigin) -> None:
        key = self.store.cluster_slot(cluster_id)
        window = int(self.store.window) if self.store.window else None
        published = "" if origin.published is None else repr(origin.published)
        value = f"{origin.origin}\t{published}"

        def write(pipe: Any) -> None:
            pipe.hset(key, cluster_id, value)
            if window:
                pipe.expire(key, window)

        self.writes.append(write)

    def flush(self, pipe: Any) -> None:
        for write in self.writes:
            write(pipe)
