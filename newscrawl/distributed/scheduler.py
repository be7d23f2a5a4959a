"""A scheduler whose queue and duplicate filter live in Redis, shared by workers.

It stands in for ``scrapy_redis.scheduler.Scheduler``, which does not fit a
crawl that several workers start and finish together: it flushes the shared
queue and fingerprints as soon as any one worker closes, and lets a worker
close while another is still parsing a page that will add requests. Here:

- every worker runs the spider's ``start()``; the shared filter keeps one
  copy of each request, so the first worker up seeds the crawl;
- a request is marked seen and queued in one step (a Lua script): never seen
  but not queued, which would lose it for the rest of the crawl;
- a worker that pops a request is marked busy for ``NEWSCRAWL_REDIS_WORKER_TTL``
  seconds, and keeps renewing the mark until it is idle again, however long
  its pages take: a worker never declares the crawl over while another holds
  unfinished work (only a killed worker's mark lapses);
- a worker with nothing to do stays open while the queue has requests or
  another worker is busy, polling every ``NEWSCRAWL_REDIS_IDLE_POLL`` seconds;
- when the queue is empty and no worker is busy the crawl is over: the
  worker that sees it first deletes the fingerprints, so the next scheduled
  crawl starts afresh (the record of collected articles remembers what was
  taken). A crawl stopped early (SIGTERM) keeps its queue and fingerprints
  and resumes when workers start again.

Outages. A Redis that stops answering is retried with backoff for
``NEWSCRAWL_REDIS_RETRY_TIMEOUT`` seconds; meanwhile new requests wait in the
worker's memory, the reactor stays free (SIGTERM works), and once Redis is
back they are queued. If it does not come back, the crawl stops with finish
reason ``redis_unavailable`` and a non-zero exit (see :mod:`newscrawl.failures`).

A Redis that restarts without persistence comes back empty: the queue, the
fingerprints and the busy marks are gone, and the crawl would "finish" with
articles missing. Each crawl writes an epoch key when it starts; a worker
that finds it gone or changed stops with finish reason ``redis_queue_lost``
and a non-zero exit. Run Redis with persistence (``appendonly yes``) for a
crawl to survive a Redis restart.

Keys: ``newscrawl:<spider>[:<NEWSCRAWL_REDIS_CRAWL>]:requests|seen|workers|epoch``.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newscrawl.distributed.dupefilter import RedisDupeFilter
from newscrawl.distributed.queue import ClaimingPriorityQueue
from newscrawl.failures import crawl_failed
from newscrawl.incremental.state import redis_url

logger = logging.getLogger(__name__)

UNAVAILABLE = "redis_unavailable"
QUEUE_LOST = "redis_queue_lost"
# Every Redis call runs on the reactor thread: a Redis that hangs must not
# hold it for long, or the crawl stops answering signals.
SOCKET_TIMEOUT = 5.0
# How often the worker looks after its busy mark, its epoch and an outage.
TICK = 1.0
# Backoff between probes of a Redis that stopped answering.
FIRST_RETRY, MAX_RETRY = 0.5, 8.0

# 1 when queued, 0 when seen already, -1 when the crawl's epoch is gone.
SEEN_AND_PUSH = """
if redis.call('GET', KEYS[3]) ~= ARGV[5] then return -1 end
if ARGV[4] == '0' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# Join the crawl: its epoch, a new one when none runs (or the last one is over).
JOIN = """
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, 5) ~= 'done:' then return current end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
"""

# Renew the worker's busy mark (ARGV[2] == '1'); 0 when the crawl is over,
# -1 when the epoch is gone.
RENEW = """
local epoch = redis.call('GET', KEYS[2])
if epoch == 'done:' .. ARGV[3] then return 0 end
if epoch ~= ARGV[3] then return -1 end
if ARGV[2] == '1' then
  local now = redis.call('TIME')
  redis.call('HSET', KEYS[1], ARGV[1], tonumber(now[1]) + tonumber(ARGV[4]))
end
return 1
"""

# Mark the worker idle; 1 when the crawl is over (queue empty, nobody busy),
# -1 when the epoch is gone (Redis lost the crawl).
IDLE_AND_DONE = """
local epoch = redis.call('GET', KEYS[4])
if epoch == 'done:' .. ARGV[2] then return 1 end
if epoch ~= ARGV[2] then return -1 end
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local now = tonumber(redis.call('TIME')[1])
local entries = redis.call('HGETALL', KEYS[2])
local busy = 0
for i = 1, #entries, 2 do
  if tonumber(entries[i + 1]) > now then
    busy = busy + 1
  else
    redis.call('HDEL', KEYS[2], entries[i])
  end
end
if busy > 0 then return 0 end
redis.call('DEL', KEYS[3])
redis.call('SET', KEYS[4], 'done:' .. ARGV[2])
return 1
"""


def crawl_key(settings: Any, spider_name: str) -> str:
    crawl = settings.get("NEWSCRAWL_REDIS_CRAWL") or ""
    return f"newscrawl:{spider_name}" + (f":{crawl}" if crawl else "")


class RedisScheduler:
    """Scrapy scheduler (``SCHEDULER``) backed by scrapy-redis's queue and filter."""

    def __init__(self, crawler: Crawler, url: str) -> None:
        import redis

        self.crawler = crawler
        self.url = url
        settings = crawler.settings
        self.ttl = max(1, settings.getint("NEWSCRAWL_REDIS_WORKER_TTL"))
        self.idle_poll = max(0.05, settings.getfloat("NEWSCRAWL_REDIS_IDLE_POLL"))
        self.retry_timeout = max(0.0, settings.getfloat("NEWSCRAWL_REDIS_RETRY_TIMEOUT"))
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.errors = (redis.RedisError, OSError)
        self.server = redis.Redis.from_url(
            url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT
        )
        self.server.ping()  # fail at start, with a clear error, not mid-crawl
        self._seen_and_push = self.server.register_script(SEEN_AND_PUSH)
        self._join = self.server.register_script(JOIN)
        self._renew = self.server.register_script(RENEW)
        self._idle_and_done = self.server.register_script(IDLE_AND_DONE)
        self.queue: ClaimingPriorityQueue | None = None
        self.df: RedisDupeFilter | None = None
        self.spider: Spider | None = None
        self.epoch = ""
        self.done = False
        # Requests this worker made but could not queue yet (Redis away).
        self.outbox: list[Request] = []
        # From the first pop until the worker is idle again: it may add requests.
        self.busy = False
        self.outage_since: float | None = None
        self.next_probe = 0.0
        self.retry_delay = FIRST_RETRY
        self.failed: str | None = None
        self.last_renewal = 0.0
        self.ticker: Any = None
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = redis_url(crawler.settings)
        if not url:
            raise NotConfigured("RedisScheduler needs NEWSCRAWL_REDIS_URL")
        return cls(crawler, url)

    # -- BaseScheduler interface -------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        base = crawl_key(self.crawler.settings, spider.name)
        self.base = base
        self.keys = {name: f"{base}:{name}" for name in ("requests", "workers", "seen", "epoch")}
        self.queue = ClaimingPriorityQueue(
            self.server,
            spider,
            self.keys["requests"],
            workers_key=self.keys["workers"],
            worker=self.worker,
            ttl=self.ttl,
        )
        self.df = RedisDupeFilter(
            self.server,
            self.keys["seen"],
            self.crawler.request_fingerprinter,
            debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )
        self.epoch = self._join(keys=[self.keys["epoch"]], args=[uuid.uuid4().hex]).decode()
        pending = len(self.queue)
        logger.info(
            "Worker %s joined crawl %s (epoch %s) on %s (%d requests queued)",
            self.worker,
            base,
            self.epoch,
            self.url.split("@")[-1],
            pending,
        )
        self.ticker = create_looping_call(self.tick)
        self.ticker.start(TICK, now=False)

    def close(self, reason: str) -> None:
        if self.ticker is not None and self.ticker.running:
            self.ticker.stop()
        if self.outbox:
            self.flush_outbox()
        if self.outbox:
            crawl_failed(
                self.crawler,
                UNAVAILABLE,
                f"{len(self.outbox)} requests of crawl {self.base} could not be queued in "
                f"Redis and are lost for this crawl",
            )
        try:
            self.server.hdel(self.keys["workers"], self.worker)
        except self.errors as exc:
            logger.warning("Could not mark worker %s gone: %s", self.worker, exc)
        finally:
            self.server.close()

    def has_pending_requests(self) -> bool:
        if self.queue is None:
            return False
        if self.outbox or self.outage_since is not None:
            return True  # not idle while requests wait for Redis
        try:
            return len(self.queue) > 0
        except self.errors as exc:
            self.outage_begins("reading the queue length", exc)
            return True

    def enqueue_request(self, request: Request) -> bool:
        assert self.queue is not None and self.df is not None
        if self.outage_since is not None or self.outbox:
            self.hold(request)  # in order, behind those already waiting
            return True
        try:
            return self.push(request)
        except self.errors as exc:
            self.outage_begins("queueing a request", exc)
            self.hold(request)
            return True

    def hold(self, request: Request) -> None:
        if not self.outbox:
            logger.info("Holding new requests in memory until Redis answers")
        self.outbox.append(request)
        self.crawler.stats.inc_value("newscrawl/redis/held")

    def push(self, request: Request) -> bool:
        """Mark ``request`` seen and queue it, in one step; False when seen already."""
        assert self.queue is not None and self.df is not None
        fingerprint = self.df.request_fingerprint(request)
        result = self._seen_and_push(
            keys=[self.keys["seen"], self.keys["requests"], self.keys["epoch"]],
            args=[
                fingerprint,
                -request.priority,
                self.queue._encode_request(request),
                int(request.dont_filter),
                self.epoch,
            ],
        )
        if result == -1:
            self.queue_lost()
            return False
        if result == 0:
            if self.df.debug:
                logger.debug("Filtered duplicate request: %s", request)
            self.crawler.stats.inc_value("dupefilter/filtered")
            return False
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.queue is None or self.outage_since is not None or self.failed:
            return None
        try:
            request = self.queue.pop()
        except self.errors as exc:
            self.outage_begins("taking a request", exc)
            return None
        if request is not None:
            self.busy = True
            self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def __len__(self) -> int:
        if self.queue is None or self.outage_since is not None:
            return len(self.outbox)
        try:
            return len(self.queue) + len(self.outbox)
        except self.errors:
            return len(self.outbox)

    # -- outages and lost queues -------------------------------------------

    def outage_begins(self, what: str, exc: Exception) -> None:
        if self.outage_since is not None:
            return
        self.outage_since = time.monotonic()
        self.retry_delay = FIRST_RETRY
        self.next_probe = self.outage_since + self.retry_delay
        self.crawler.stats.inc_value("newscrawl/redis/outages")
        logger.warning(
            "Redis %s stopped answering while %s (%s): retrying for up to %.0f s",
            self.url.split("@")[-1],
            what,
            exc,
            self.retry_timeout,
        )

    def probe(self) -> None:
        """Try Redis again; queue what waited once it answers, give up after the timeout."""
        assert self.outage_since is not None
        now = time.monotonic()
        if now < self.next_probe:
            return
        try:
            self.server.ping()
        except self.errors:
            if now - self.outage_since >= self.retry_timeout:
                self.give_up()
                return
            self.retry_delay = min(MAX_RETRY, self.retry_delay * 2)
            self.next_probe = now + self.retry_delay
            return
        logger.info(
            "Redis answers again after %.1f s: queueing %d waiting requests",
            now - self.outage_since,
            len(self.outbox),
        )
        self.outage_since = None
        self.renew()
        self.flush_outbox()

    def flush_outbox(self) -> None:
        while self.outbox and self.outage_since is None and not self.failed:
            request = self.outbox[0]
            try:
                self.push(request)
            except self.errors as exc:
                self.outage_begins("queueing a request", exc)
                return
            self.outbox.pop(0)

    def give_up(self) -> None:
        self.failed = UNAVAILABLE
        crawl_failed(
            self.crawler,
            UNAVAILABLE,
            f"Redis {self.url.split('@')[-1]} did not answer for {self.retry_timeout:.0f} s: "
            f"the crawl stops ({len(self.outbox)} requests not queued)",
            stop=True,
        )

    def queue_lost(self) -> None:
        if self.failed == QUEUE_LOST:
            return
        self.failed = QUEUE_LOST
        crawl_failed(
            self.crawler,
            QUEUE_LOST,
            f"Redis lost crawl {self.base}: its epoch key {self.keys['epoch']} is gone or "
            f"changed (a restart without persistence?), and with it the queued requests; "
            f"the crawl stops. Run Redis with appendonly yes",
            stop=True,
        )

    def renew(self) -> None:
        """Renew this worker's busy mark while it works, and check the crawl's epoch."""
        result = self._renew(
            keys=[self.keys["workers"], self.keys["epoch"]],
            args=[self.worker, int(self.busy or bool(self.outbox)), self.epoch, self.ttl],
        )
        self.last_renewal = time.monotonic()
        if result == -1:
            self.queue_lost()

    def tick(self) -> None:
        if self.failed or self.done:
            return
        if self.outage_since is not None:
            self.probe()
            return
        if self.outbox:
            self.flush_outbox()
        # Renew well before the mark lapses: a third of the TTL.
        if time.monotonic() - self.last_renewal >= self.ttl / 3:
            try:
                self.renew()
            except self.errors as exc:
                self.outage_begins("renewing the busy mark", exc)

    # -- closing together ---------------------------------------------------

    def spider_idle(self) -> None:
        """Close only when the whole crawl is over, not when this worker's share is."""
        if self.done or self.queue is None:
            return
        if self.failed:
            raise CloseSpider(self.failed)
        if self.outage_since is not None or self.outbox:
            raise DontCloseSpider  # requests still wait for Redis
        try:
            result = self._idle_and_done(
                keys=[
                    self.keys["requests"],
                    self.keys["workers"],
                    self.keys["seen"],
                    self.keys["epoch"],
                ],
                args=[self.worker, self.epoch],
            )
        except self.errors as exc:
            self.outage_begins("checking whether the crawl is over", exc)
            raise DontCloseSpider from None
        if result == -1:
            self.queue_lost()
            raise CloseSpider(QUEUE_LOST)
        self.busy = False
        if result == 1:
            self.done = True
            logger.info("Crawl %s is over: no request queued, no worker busy", self.base)
            return
        # The engine looks again only every 5 s by itself; a worker waiting
        # for the others' requests should pick them up sooner.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule(self.idle_poll)
        raise DontCloseSpider
