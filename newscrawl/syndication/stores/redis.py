"""``redis://HOST:PORT/DB``: one index shared by crawls on many machines.

An add is an optimistic transaction: the candidate lookup also reads the
article counter (``seq:ref``), and the add's writes are one Lua script that
first checks, atomically, whether any article was posted since under one of
the shingles looked up (a posting list whose last ref is newer than the
counter read). If one was, nothing is written and the add is retried, and
then finds that copy: two copies added at the same moment end in one
cluster. This is the check a WATCH of the posting buckets made, exact to the
shingle instead of the bucket, and a single read of the counter when no
other add ran meanwhile (a WATCH of an add's ~250 buckets cost the server
more than the rest of the add).

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
#   o:BUCKET              hash: 8-byte hash of (outlet, paragraph key) -> count;
#                         past _OUTLET_FIELDS fields, those counted once go
#   c:BUCKET              hash: cluster id -> "origin<TAB>published"
#
# Postings of the articles added in one *generation* (a quarter of the
# retention window) share keys that expire together a window after it ends,
# so memory is bounded by one window without trimming lists one by one.
_POSTING_SHIFT = 12  # 2**20 posting buckets: ~32 fields each at 1M articles
_ID_BUCKETS = 1 << 15
_OUTLET_BUCKETS = 1 << 17
_CLUSTER_BUCKETS = 1 << 16
# An o: bucket forgets its keys counted once when it holds more than this
# many: the paragraph counts stay bounded (about 15M keys in all, as the
# memory and SQLite stores keep about OUTLET_PARAGRAPH_LIMIT per outlet), and
# a bucket stays under Redis's 128 fields of a compact listpack.
_OUTLET_FIELDS = 120
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


# Where a shingle's postings are: its bucket (the hash p:GEN:BUCKET in each
# generation) and its field there. Prepended to the scripts that read or write
# postings; computed once per shingle, outside the loop over generations.
_POSTING_SLOT_LUA = """
local function posting_slot(shingle)
    local value = tonumber(shingle)
    return string.format('%d', math.floor(value / __BUCKET_SIZE__)),
        string.format('%d', value % __BUCKET_SIZE__)
end
"""
# Candidate lookup and load in one round trip, server-side: for each
# shingle, in each live generation, read its posting field (or its P: key
# when the field says "+"), skip lists longer than ``max_postings``, count
# the shared shingles per ref; then the ``limit`` refs sharing most (the
# latest first among equals) with their packed articles, and the article
# counter as it was at the lookup, for the commit's conflict check.
# ARGV: prefix, max_postings, space-separated generations, shingles, limit.
# Returns: counter, n, n refs, n counts, n articles (false if gone).
_CANDIDATES_LUA = """
local prefix, max_postings, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[5])
local gens = {}
for gen in string.gmatch(ARGV[3], '%d+') do gens[#gens + 1] = gen end
local hits, order = {}, {}
for shingle in string.gmatch(ARGV[4], '%d+') do
    local bucket, field = posting_slot(shingle)
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
table.sort(order, function(a, b)
    if hits[a] ~= hits[b] then return hits[a] > hits[b] end
    return a > b
end)
local n = math.min(#order, limit)
local out = {redis.call('GET', prefix .. 'seq:ref') or '0', n}
for i = 1, n do out[#out + 1] = order[i] end
for i = 1, n do out[#out + 1] = hits[order[i]] end
for i = 1, n do out[#out + 1] = redis.call('GET', prefix .. 'd:' .. order[i]) end
return out
"""
# The writes of one add, applied only if no article was posted under a
# shingle the add looked up since it read the counter; returns the new
# article's ref, or -1 (nothing written) on such a conflict. Refs are
# appended in increasing order, so a list's last ref says whether it grew.
# ARGV: prefix, counter read ('' when nothing was looked up), space-separated
# live generations and looked-up shingles, then the writes, each an op
# letter and its arguments:
#   R ref id_key id_field                 forget an article
#   O key cluster_id value expiry         cluster origin (expiry 0: keep)
#   I gen expiry id_bucket id_field posting_keys packed_article
#   C expiry n key1 field1 ... keyn fieldn   paragraph counts (a bucket that
#                                           grows past __OUTLET_FIELDS__
#                                           fields forgets its counts of 1)
_COMMIT_LUA = """
local prefix, seen = ARGV[1], ARGV[2]
if seen ~= '' then
    seen = tonumber(seen)
    if tonumber(redis.call('GET', prefix .. 'seq:ref') or '0') > seen then
        local gens = {}
        for gen in string.gmatch(ARGV[3], '%d+') do gens[#gens + 1] = gen end
        for shingle in string.gmatch(ARGV[4], '%d+') do
            local bucket, field = posting_slot(shingle)
            for _, gen in ipairs(gens) do
                local refs = redis.call('HGET', prefix .. 'p:' .. gen .. ':' .. bucket, field)
                if refs == '+' then
                    refs = redis.call('GETRANGE', prefix .. 'P:' .. gen .. ':' .. shingle, -4, -1)
                end
                if refs and #refs >= 4 and struct.unpack('<I4', refs, #refs - 3) > seen then
                    return -1
                end
            end
        end
    end
end
local ref = 0
local at = 5
while at <= #ARGV do
    local op = ARGV[at]
    if op == 'R' then
        redis.call('DEL', prefix .. 'd:' .. ARGV[at + 1])
        redis.call('HDEL', ARGV[at + 2], ARGV[at + 3])
        at = at + 4
    elseif op == 'O' then
        redis.call('HSET', ARGV[at + 1], ARGV[at + 2], ARGV[at + 3])
        local expiry = tonumber(ARGV[at + 4])
        if expiry > 0 then redis.call('EXPIRE', ARGV[at + 1], expiry) end
        at = at + 5
    elseif op == 'C' then
        local expiry, n = tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
        for i = at + 3, at + 1 + 2 * n, 2 do
            local bucket = ARGV[i]
            if redis.call('HINCRBY', bucket, ARGV[i + 1], 1) == 1
                    and redis.call('HLEN', bucket) > __OUTLET_FIELDS__ then
                local fields = redis.call('HGETALL', bucket)
                for f = 1, #fields, 2 do
                    if fields[f + 1] == '1' then redis.call('HDEL', bucket, fields[f]) end
                end
            end
            if expiry > 0 then redis.call('EXPIRE', bucket, expiry) end
        end
        at = at + 3 + 2 * n
    elseif op == 'I' then
        local gen, ttl = ARGV[at + 1], tonumber(ARGV[at + 2])
        ref = redis.call('INCR', prefix .. 'seq:ref')
        local doc, id_key = prefix .. 'd:' .. ref, prefix .. 'a:' .. ARGV[at + 3]
        redis.call('SET', doc, ARGV[at + 6])
        redis.call('HSET', id_key, ARGV[at + 4], ref)
        local packed = struct.pack('<I4', ref)
        for shingle in string.gmatch(ARGV[at + 5], '%d+') do
            local bucket, field = posting_slot(shingle)
            local key = prefix .. 'p:' .. gen .. ':' .. bucket
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
        at = at + 7
    else
        return redis.error_reply('unknown commit op ' .. tostring(op))
    end
end
return ref
"""
# ARGV: bucket key / field pairs; returns their values.
_COUNTS_LUA = """
local out = {}
for at = 1, #ARGV - 1, 2 do
    out[#out + 1] = redis.call('HGET', ARGV[at], ARGV[at + 1]) or false
end
return out
"""
# What the commit script returns when another add posted under a looked-up shingle.
_CONFLICT = -1


def _script(source: str) -> str:
    """A script that reads or writes postings, with its helper and constants."""
    return (
        (_POSTING_SLOT_LUA + source)
        .replace("__BUCKET_SIZE__", str(1 << _POSTING_SHIFT))
        .replace("__FIELD_REFS__", str(_FIELD_REFS))
        .replace("__SPILL_REFS__", str(_SPILL_REFS))
        .replace("__OUTLET_FIELDS__", str(_OUTLET_FIELDS))
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
        # Loaded up front and called by EVALSHA: the commit must know whether
        # its script ran, which redis-py's Script object (reloading and
        # calling again on NoScriptError) would hide.
        self.commit_sha = self.client.script_load(_script(_COMMIT_LUA))

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

    def atomic(self, fn: Callable[[Session], T]) -> T:
        redis = self._redis_module
        try:
            for _ in range(_RETRIES):
                session = _RedisSession(self)
                result = fn(session)
                try:
                    committed = session.commit()
                except redis.exceptions.NoScriptError:
                    # The server lost its scripts (restart, SCRIPT FLUSH):
                    # the commit script did not run, nothing was written.
                    self._load_scripts()
                    continue
                if committed != _CONFLICT:
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
        # The commit script's arguments after its header: the writes, in order.
        self.writes: list[Any] = []
        # Set by candidates(): the article counter then, the shingles looked
        # up, and the packed articles read with them.
        self.seen: int | None = None
        self.looked_up = ""
        self.generations = " ".join(map(str, store.live_generations(self.now)))
        self.fetched: dict[int, bytes | None] = {}

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
        looked_up = " ".join(map(str, shingles.tolist()))
        flat = self.store._candidates_script(
            keys=[],
            args=[self.store.prefix, max_postings, self.generations, looked_up, limit],
        )
        if self.seen is None:
            # The first lookup's counter: a conflict since then is a conflict since any later one.
            self.seen = int(flat[0])
        self.looked_up = f"{self.looked_up} {looked_up}" if self.looked_up else looked_up
        n = int(flat[1])
        refs = [int(ref) for ref in flat[2 : 2 + n]]
        counts = [int(count) for count in flat[2 + n : 2 + 2 * n]]
        self.fetched.update(zip(refs, flat[2 + 2 * n : 2 + 3 * n], strict=True))
        return list(zip(refs, counts, strict=True))

    def load(self, refs: Sequence[int]) -> list[StoredArticle]:
        if not refs:
            return []
        fetched = self.fetched
        missing = [ref for ref in refs if ref not in fetched]
        if missing:
            blobs = self.client.mget([self.store._key("d", ref) for ref in missing])
            fetched.update(zip(missing, blobs, strict=True))
        floor = self._floor()
        found = []
        for ref in refs:
            blob = fetched[ref]
            if blob is None:
                continue
            article = _decode(blob, ref)
            if article.added >= floor:
                found.append(article)
        return found

    def paragraph_counts(self, outlet: str, keys: Sequence[int]) -> dict[int, int]:
        return self.paragraph_counts_of([(outlet, keys)])[0]

    def paragraph_counts_of(
        self, requests: Sequence[tuple[str, Sequence[int]]]
    ) -> list[dict[int, int]]:
        args: list[Any] = []
        for outlet, keys in requests:
            for key in keys:
                args.extend(self.store.outlet_slot(outlet, key))
        values = self.store._counts_script(keys=[], args=args) if args else []
        out = []
        at = 0
        for _, keys in requests:
            mine = values[at : at + len(keys)]
            out.append({k: int(v) for k, v in zip(keys, mine, strict=True) if v})
            at += len(keys)
        return out

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
        self.writes += [
            "I",
            store.generation(self.now),
            store.ttl(),
            id_key.removeprefix(store._key("a", "")),
            id_field,
            " ".join(map(str, keys.tolist())),
            _encode(article),
        ]

    def remove(self, article: StoredArticle) -> None:
        # Its postings stay until their generation expires; load() skips them.
        id_key, id_field = self.store.id_slot(article.article_id)
        self.writes += ["R", article.ref, id_key, id_field]

    def count_paragraphs(self, outlet: str, keys: Iterable[int]) -> None:
        store = self.store
        slots: list[Any] = []
        for key in keys:
            slots.extend(store.outlet_slot(outlet, key))
        expiry = int(store.window) if store.window else 0
        self.writes += ["C", expiry, len(slots) // 2, *slots]

    def set_cluster_origin(self, cluster_id: str, origin: ClusterOrigin) -> None:
        key = self.store.cluster_slot(cluster_id)
        expiry = int(self.store.window) if self.store.window else 0
        published = "" if origin.published is None else repr(origin.published)
        self.writes += ["O", key, cluster_id, f"{origin.origin}\t{published}", expiry]

    def commit(self) -> int:
        """Run the writes in one script call: the new article's ref, 0 when
        none was inserted, or ``_CONFLICT`` (nothing written)."""
        if not self.writes:
            return 0
        seen = "" if self.seen is None else self.seen
        header = [self.store.prefix, seen, self.generations, self.looked_up]
        return int(self.client.evalsha(self.store.commit_sha, 0, *header, *self.writes))
