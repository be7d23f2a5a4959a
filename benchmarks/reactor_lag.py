"""A Scrapy extension for the benchmarks: how long the reactor was kept busy.

Every ``INTERVAL`` seconds a timer is due; the lateness of each firing is how
long something on the reactor thread (a pipeline, a callback, extraction run
inline) held it beyond that. At close the extension writes the percentiles
and the worst lateness, in milliseconds, as JSON to ``REACTOR_LAG_FILE``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

INTERVAL = 0.01


class ReactorLag:
    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.lags: list[float] = []
        self.due = 0.0
        self.timer = task.LoopingCall(self.tick)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReactorLag:
        path = crawler.settings.get("REACTOR_LAG_FILE")
        if not path:
            raise NotConfigured("REACTOR_LAG_FILE is not set")
        extension = cls(path)
        crawler.signals.connect(extension.start, signal=signals.spider_opened)
        crawler.signals.connect(extension.stop, signal=signals.spider_closed)
        return extension

    def start(self) -> None:
        self.due = time.perf_counter() + INTERVAL
        self.timer.start(INTERVAL, now=False)

    def tick(self) -> None:
        now = time.perf_counter()
        self.lags.append(max(0.0, now - self.due))
        self.due = now + INTERVAL

    def stop(self) -> None:
        if self.timer.running:
            self.timer.stop()
        lags = sorted(self.lags) or [0.0]

        def at(share: float) -> float:
            return 1000 * lags[min(len(lags) - 1, int(share * len(lags)))]

        summary = {"p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": 1000 * lags[-1]}
        self.path.write_text(json.dumps(summary))
