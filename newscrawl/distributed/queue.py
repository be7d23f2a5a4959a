"""The shared request queue: scrapy-redis's priority queue, popped by a claim.

A worker that pops a request also marks itself busy, in one Lua script, so
another worker that finds the queue empty can tell whether the crawl is over
or a busy worker may still add requests (see :mod:`.scheduler`).

Requests are stored as JSON, never pickled: scrapy-redis's default serializer
unpickles what it pops, so anyone who could write one key of the shared Redis
would run code in every worker. :class:`JsonRequestSerializer` (handed to
scrapy-redis's queue, which takes any object with ``loads`` and ``dumps``)
writes the URL, method, headers, body, priority, flags, the callback and
errback by name, and only the meta keys newscrawl and Scrapy's redirect and
size handling own. Anything else popped (a pickle, foreign JSON, a callback
that is not one of the spider's parse or error methods) is refused, logged
and counted as ``newscrawl/dropped/queue_refused``.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue

from newscrawl.discovery.urls import WEB_SCHEMES
from newscrawl.stats import count_drop

# The article spider's hand-given URLs (as in newscrawl.spiders.base).
USER_SOURCES = frozenset({"argument"})

logger = logging.getLogger(__name__)

# Pop the best-scored request and mark the worker busy until now + ttl.
POP_AND_CLAIM = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0)
if #found == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local now = redis.call('TIME')
redis.call('HSET', KEYS[2], ARGV[1], tonumber(now[1]) + tonumber(ARGV[2]))
return found[1]
"""

# Marks our format, so that a foreign JSON document is refused as such.
FORMAT = "newscrawl-request/1"
# Meta keys a queued request keeps: newscrawl's own, and those Scrapy's
# redirect, retry, depth and size handling read back.
SCRAPY_META = frozenset(
    {
        "depth",
        "download_maxsize",
        "download_warnsize",
        "download_timeout",
        "dont_redirect",
        "redirect_times",
        "redirect_ttl",
        "redirect_urls",
        "redirect_reasons",
        "retry_times",
        "allow_offsite",
        "handle_httpstatus_list",
    }
)
OWN_META_PREFIX = "newscrawl_"
# Set on a request that goes through the browser.
RENDER_FLAG = "newscrawl_render"
# Spider methods a queued request may name as its callback or errback.
CALLBACK_PREFIXES = ("parse", "on_")
# Refuse to let one queued entry grow a worker without bound.
MAX_ENTRY_BYTES = 1024 * 1024


class RefusedRequest(ValueError):
    """A queue entry that is not a request of ours; it is never run."""


def _kept_meta(meta: dict[str, Any]) -> dict[str, Any]:
    kept = {}
    for key, value in meta.items():
        if not (key in SCRAPY_META or key.startswith(OWN_META_PREFIX)):
            continue
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue  # a value of ours that JSON cannot hold stays behind
        kept[key] = value
    return kept


class JsonRequestSerializer:
    """``loads``/``dumps`` for scrapy-redis's queues: Request dicts as JSON, checked."""

    def dumps(self, request: dict[str, Any]) -> bytes:
        headers = {
            key.decode("latin-1"): [value.decode("latin-1") for value in values]
            for key, values in (request.get("headers") or {}).items()
        }
        document = {
            "format": FORMAT,
            "url": request["url"],
            "method": request.get("method", "GET"),
            "headers": headers,
            "body": base64.b64encode(request.get("body") or b"").decode("ascii"),
            "encoding": request.get("encoding", "utf-8"),
            "priority": int(request.get("priority", 0)),
            "dont_filter": bool(request.get("dont_filter", False)),
            "flags": [str(flag) for flag in request.get("flags") or ()],
            "callback": request.get("callback"),
            "errback": request.get("errback"),
            "meta": _kept_meta(request.get("meta") or {}),
        }
        if (request.get("meta") or {}).get("playwright"):
            # The browser's page methods hold functions: the worker that pops
            # the request builds them again (ClaimingPriorityQueue.pop).
            document["meta"][RENDER_FLAG] = True
        return json.dumps(document, separators=(",", ":")).encode("utf-8")

    def loads(self, data: bytes) -> dict[str, Any]:
        """A Request dict, or :class:`RefusedRequest`; never evaluates or imports anything."""
        if len(data) > MAX_ENTRY_BYTES:
            raise RefusedRequest(f"entry of {len(data)} bytes")
        try:
            document = json.loads(data)
        except (UnicodeDecodeError, ValueError):
            raise RefusedRequest("not a JSON request (a pickle or other bytes)") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise RefusedRequest("JSON that is not a newscrawl request")
        try:
            url = document["url"]
            headers = {
                str(key): [str(value) for value in values]
                for key, values in dict(document.get("headers") or {}).items()
            }
            body = base64.b64decode(document.get("body") or "", validate=True)
            fields = {
                "url": str(url),
                "method": str(document.get("method") or "GET"),
                "headers": headers,
                "body": body,
                "encoding": str(document.get("encoding") or "utf-8"),
                "priority": int(document.get("priority") or 0),
                "dont_filter": bool(document.get("dont_filter")),
                "flags": [str(flag) for flag in document.get("flags") or ()],
                "meta": _kept_meta(dict(document.get("meta") or {})),
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise RefusedRequest(f"malformed request: {exc}") from None
        for name in ("callback", "errback"):
            method = document.get(name)
            if method is None:
                continue
            if not isinstance(method, str) or not method.startswith(CALLBACK_PREFIXES):
                raise RefusedRequest(f"{name} {method!r} is not a parse or error method")
            fields[name] = method
        return fields


class ClaimingPriorityQueue(PriorityQueue):
    """scrapy-redis's sorted-set queue whose pop also claims the work for a worker."""

    def __init__(
        self, server: Any, spider: Any, key: str, workers_key: str, worker: str, ttl: int
    ) -> None:
        super().__init__(server, spider, key, serializer=JsonRequestSerializer())
        self.workers_key = workers_key
        self.worker = worker
        self.ttl = ttl
        self._pop = server.register_script(POP_AND_CLAIM)

    def pop(self, timeout: int = 0) -> Request | None:
        # Never blocks: a blocking pop would stall the reactor.
        while True:
            data = self._pop(keys=[self.key, self.workers_key], args=[self.worker, self.ttl])
            if not data:
                return None
            try:
                request = self._decode_request(data)
            except (RefusedRequest, ValueError) as exc:
                # A refused entry is gone from the queue; the next one may be good.
                self.refuse(data, exc)
                continue
            if reason := self.off_limits(request):
                self.refuse(data, RefusedRequest(reason))
                continue
            if request.meta.pop(RENDER_FLAG, False):
                request = self.rendered(request)
            return request

    def off_limits(self, request: Request) -> str | None:
        """Why a well-formed entry must still not be fetched, or None.

        Someone else may have written it: the shared queue never carries a
        local file, and an article that discovery found must be on the
        outlet's origin (its sources, given by the outlet, may be elsewhere).
        """
        scheme = request.url.split(":", 1)[0].lower()
        if scheme not in WEB_SCHEMES:
            return f"a {scheme}: URL"
        rules = getattr(self.spider, "rules", None)
        if (
            rules is None
            or request.meta.get("newscrawl_source") in USER_SOURCES
            or not request.meta.get("newscrawl_article")
        ):
            return None
        reason = rules.refusal(request.url)
        return f"an article off the outlet's origin ({reason})" if reason else None

    def rendered(self, request: Request) -> Request:
        from newscrawl.browser import render_request

        return render_request(
            self.spider,
            request.url,
            callback=request.callback,
            errback=request.errback,
            meta=request.meta,
            priority=request.priority,
            dont_filter=request.dont_filter,
            flags=request.flags,
        )

    def refuse(self, data: bytes, reason: Exception) -> None:
        logger.error(
            "Refused an entry of the shared queue %s (%s); is someone else writing to this "
            "Redis? See the README on securing it. First bytes: %r",
            self.key,
            reason,
            bytes(data[:40]),
        )
        stats = getattr(getattr(self.spider, "crawler", None), "stats", None)
        if stats is not None:
            count_drop(stats, "queue_refused")
