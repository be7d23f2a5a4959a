"""The browser's memory, measured from the outside, and a guard on it.

scrapy-playwright's memory extension reports 0 bytes for the browser with
current Playwright, so this reads ``/proc`` itself: the Playwright driver is a
child of the crawl's process, and Chromium and its helpers descend from it.
Memory is the sum of the tree's PSS (proportional set size), which shares
the pages Chromium's forked processes have in common among them instead of
counting them once per process as RSS does; RSS where PSS cannot be read.

:class:`BrowserMemoryGuard` checks that sum every
``NEWSCRAWL_BROWSER_MEMORY_CHECK_INTERVAL`` seconds. Past
``NEWSCRAWL_BROWSER_MAX_MEMORY_MB`` it restarts the browser between pages
(the crawl pauses while the open pages finish) or, with
``NEWSCRAWL_BROWSER_MEMORY_ACTION = "close"``, or when a freshly restarted
browser is already over the limit, closes the spider with the finish reason
``browser_memory``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

PROC = Path("/proc")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
DRIVER_MARKS = ("playwright", "run-driver")
FINISH_REASON = "browser_memory"


def children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited while we looked
        # The command name in parentheses may hold spaces: split after it.
        fields = stat.rsplit(")", 1)[-1].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def descendants(pid: int, children: dict[int, list[int]] | None = None) -> list[int]:
    children = children if children is not None else children_by_parent()
    found, todo = [], list(children.get(pid, ()))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, ()))
    return found


def command_line(pid: int) -> str:
    try:
        return (
            (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def browser_pids(parent: int | None = None) -> list[int]:
    """The Playwright drivers started by ``parent`` (this process) and all they started."""
    parent = os.getpid() if parent is None else parent
    children = children_by_parent()
    pids: list[int] = []
    for pid in descendants(parent, children):
        cmdline = command_line(pid)
        if all(mark in cmdline for mark in DRIVER_MARKS):
            pids.append(pid)
            pids.extend(descendants(pid, children))
    return pids


def process_memory(pid: int) -> int:
    """One process's PSS in bytes (RSS where PSS is not readable); 0 once it is gone."""
    with suppress(OSError):
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    with suppress(OSError, IndexError, ValueError):
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_SIZE
    return 0


def memory_mb(pids: Iterable[int]) -> float:
    return sum(process_memory(pid) for pid in pids) / 1024 / 1024


def browser_memory_mb(parent: int | None = None) -> float:
    """Memory of the browser (driver, Chromium and its helpers) started by ``parent``."""
    return memory_mb(browser_pids(parent))


class BrowserMemoryGuard:
    """An extension that restarts the browser, or stops the crawl, when it grows too big."""

    def __init__(self, crawler: Crawler) -> None:
        if not PROC.is_dir():
            raise NotConfigured("no /proc to measure the browser's memory with")
        settings = crawler.settings
        self.crawler = crawler
        self.limit_mb = settings.getfloat("NEWSCRAWL_BROWSER_MAX_MEMORY_MB")
        self.interval = settings.getfloat("NEWSCRAWL_BROWSER_MEMORY_CHECK_INTERVAL")
        self.action = settings.get("NEWSCRAWL_BROWSER_MEMORY_ACTION")
        if self.action not in ("restart", "close"):
            raise ValueError(
                f"NEWSCRAWL_BROWSER_MEMORY_ACTION must be 'restart' or 'close', got {self.action!r}"
            )
        if self.interval <= 0:
            raise NotConfigured("NEWSCRAWL_BROWSER_MEMORY_CHECK_INTERVAL is 0: not measuring")
        # How long a restart waits for open pages to finish: their own timeouts.
        self.drain_timeout = 2 * settings.getfloat("DOWNLOAD_TIMEOUT", 30) + settings.getfloat(
            "NEWSCRAWL_BROWSER_WAIT_TIMEOUT"
        )
        self.restarted = False
        self.closing = False
        self._task: asyncio.Task[None] | None = None
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def engine_started(self) -> None:
        self._task = asyncio.get_event_loop().create_task(self.watch())

    def engine_stopped(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def watch(self) -> None:
        while not self.closing:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:
                logger.exception("Could not check the browser's memory")

    async def check(self) -> None:
        if not any(getattr(h, "browser", None) for h in self.handlers()):
            return  # no browser (yet, or again): the next rendered page starts one
        used = browser_memory_mb()
        stats = self.crawler.stats
        stats.max_value("newscrawl/browser/memory_max_mb", round(used))
        stats.set_value("newscrawl/browser/memory_mb", round(used))
        if not self.limit_mb or used <= self.limit_mb:
            self.restarted = False
            return
        if self.action == "close" or self.restarted:
            await self.close_spider(used)
        else:
            await self.restart_browser(used)

    async def restart_browser(self, used: float) -> None:
        """Restart between pages: pause the crawl, let open pages finish, then close."""
        logger.warning(
            "The browser uses %d MB, over NEWSCRAWL_BROWSER_MAX_MEMORY_MB=%d: restarting it",
            used,
            self.limit_mb,
        )
        self.restarted = True
        engine = self.crawler.engine
        engine.pause()
        try:
            deadline = asyncio.get_running_loop().time() + self.drain_timeout
            while self.open_pages() and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.05)
            # RenderMiddleware reads this count to re-queue pages still open now.
            self.crawler.stats.inc_value("newscrawl/browser/restarts")
            for handler in self.handlers():
                if (browser := getattr(handler, "browser", None)) is not None:
                    with suppress(Exception):  # already gone
                        await browser.close()
        finally:
            engine.unpause()

    async def close_spider(self, used: float) -> None:
        logger.error(
            "The browser uses %d MB, over NEWSCRAWL_BROWSER_MAX_MEMORY_MB=%d%s: closing the spider",
            used,
            self.limit_mb,
            " even after a restart" if self.restarted else "",
        )
        self.closing = True
        self.crawler.stats.set_value("newscrawl/browser/memory_limit_reached", 1)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            # Its own task: closing the spider stops the engine, which cancels
            # the watch() this runs in.
            self._closing_task = asyncio.ensure_future(
                engine.close_spider_async(reason=FINISH_REASON)
            )

    def handlers(self) -> list[Any]:
        """The crawl's playwright download handlers (one, shared by http and https)."""
        handlers = getattr(self.crawler.engine.downloader.handlers, "_handlers", {})
        found = []
        for handler in handlers.values():
            if hasattr(handler, "context_wrappers") and handler not in found:
                found.append(handler)
        return found

    def open_pages(self) -> int:
        return sum(
            len(wrapper.context.pages)
            for handler in self.handlers()
            for wrapper in list(handler.context_wrappers.values())
        )
