"""A scheduler whose queue and duplicate filter live in Redis, shared by workers.

It stands in for ``scrapy_redis.scheduler.Scheduler``, which does not fit a
crawl that several workers start and finish together: it flushes the shared
queue and fingerprints as soon as any one worker closes, and lets a worker
close while another is still parsing a page that will add requests. Here:

- every worker runs the spider's ``start()``; the shared filter keeps one
  copy of each request, so the first worker up seeds the crawl;
- a worker that pops a request is marked busy (for ``NEWSCRAWL_REDIS_WORKER_TTL``
  seconds, renewed by every pop);
- a worker with nothing to do stays open while the queue has requests or
  another worker is busy, polling every ``NEWSCRAWL_REDIS_IDLE_POLL`` seconds;
- when the queue is empty and no worker is busy the crawl is over: the
  worker that sees it first deletes the fingerprints, so the next scheduled
  crawl starts afresh (the record of collected articles remembers what was
  taken). A crawl stopped early (SIGTERM) keeps its queue and fingerprints
  and resumes when workers start again.

Keys: ``newscrawl:<spider>[:<NEWSCRAWL_REDIS_CRAWL>]:requests|seen|workers``.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from newscrawl.distributed.dupefilter import RedisDupeFilter
from newscrawl.distributed.queue import ClaimingPriorityQueue
from newscrawl.incremental.state import redis_url

logger = logging.getLogger(__name__)

# Mark the worker idle; 1 when the crawl is over (queue empty, nobody busy).
IDLE_AND_DONE = """
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
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
        self.server.ping()  # fail at start, with a clear error, not mid-crawl
        self._idle_and_done = self.server.register_script(IDLE_AND_DONE)
        self.queue: ClaimingPriorityQueue | None = None
        self.df: RedisDupeFilter | None = None
        self.spider: Spider | None = None
        self.done = False
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
        self.keys = {name: f"{base}:{name}" for name in ("requests", "workers", "seen")}
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
        pending = len(self.queue)
        logger.info(
            "Worker %s joined crawl %s on %s (%d requests queued)",
            self.worker,
            base,
            self.url.split("@")[-1],
            pending,
        )

    def close(self, reason: str) -> None:
        try:
            self.server.hdel(self.keys["workers"], self.worker)
        finally:
            self.server.close()

    def has_pending_requests(self) -> bool:
        return self.queue is not None and len(self.queue) > 0

    def enqueue_request(self, request: Request) -> bool:
        assert self.queue is not None and self.df is not None
        if not request.dont_filter and self.df.request_seen(request):
            self.crawler.stats.inc_value("dupefilter/filtered")
            return False
        self.queue.push(request)
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.queue is None:
            return None
        request = self.queue.pop()
        if request is not None:
            self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def __len__(self) -> int:
        return len(self.queue) if self.queue is not None else 0

    # -- closing together ---------------------------------------------------

    def spider_idle(self) -> None:
        """Close only when the whole crawl is over, not when this worker's share is."""
        if self.done or self.queue is None:
            return
        if self._idle_and_done(
            keys=[self.keys["requests"], self.keys["workers"], self.keys["seen"]],
            args=[self.worker],
        ):
            self.done = True
            logger.info(
                "Crawl %s is over: no request queued, no worker busy",
                self.keys["seen"].removesuffix(":seen"),
            )
            return
        # The engine looks again only every 5 s by itself; a worker waiting
        # for the others' requests should pick them up sooner.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule(self.idle_poll)
        raise DontCloseSpider
