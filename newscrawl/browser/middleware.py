"""The downloader middleware around rendered requests.

- Spreads rendered pages over browser contexts of at most
  ``NEWSCRAWL_BROWSER_PAGES_PER_CONTEXT`` pages each and closes a context once
  its last page is done: an incognito context keeps its HTTP cache, cookies
  and storage in memory, so a long crawl in one context grows without bound.
- Puts the consent wall that :func:`newscrawl.browser.page.prepare_page`
  handled into ``response.meta["newscrawl_consent"]`` for the item.
- Turns a crashed tab into a :class:`PageCrashed` failure, so the spider
  counts it as ``dropped/page_crashed`` rather than a generic error.
- Sends a page that failed because the memory guard restarted the browser
  under it back to the scheduler, once: a restart must not lose pages.

It sits closest to the download handler, so every rendered request it sent
on comes back through its ``process_response`` or ``process_exception``.
"""

from __future__ import annotations

import logging
from collections import Counter
from contextlib import suppress
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.browser.page import RenderOutcome

logger = logging.getLogger(__name__)

CONTEXT_PREFIX = "newscrawl"
RESTARTS_STAT = "newscrawl/browser/restarts"


class PageCrashed(Exception):
    """The browser tab rendering the page crashed (out of memory, or a bug)."""


def render_outcome(request: Request) -> RenderOutcome | None:
    for method in request.meta.get("playwright_page_methods") or ():
        if isinstance(getattr(method, "result", None), RenderOutcome):
            return method.result
    return None


def is_crash(exc: BaseException) -> bool:
    message = str(exc).lower()
    return type(exc).__module__.startswith("playwright") and "crash" in message


class RenderMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pages_per_context = max(
            1, crawler.settings.getint("NEWSCRAWL_BROWSER_PAGES_PER_CONTEXT")
        )
        self.generation = 0
        self.started_in_generation = 0
        self.in_flight: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def current_context(self) -> str:
        return f"{CONTEXT_PREFIX}-{self.generation}"

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("playwright"):
            return
        if self.started_in_generation >= self.pages_per_context:
            self.generation += 1
            self.started_in_generation = 0
        self.started_in_generation += 1
        # Always reassigned: a retried request must not reopen a closed context.
        request.meta["playwright_context"] = self.current_context
        request.meta["newscrawl_context"] = self.current_context
        request.meta["newscrawl_browser_restarts"] = self.restarts
        self.in_flight[self.current_context] += 1

    @property
    def restarts(self) -> int:
        """How often the memory guard restarted the browser so far."""
        return self.crawler.stats.get_value(RESTARTS_STAT, 0)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if request.meta.get("newscrawl_context"):
            outcome = render_outcome(request)
            if outcome is not None:
                request.meta["newscrawl_consent"] = outcome.consent
                stats = self.crawler.stats
                stats.inc_value(f"newscrawl/browser/wait/{outcome.waited}")
                if outcome.consent:
                    stats.inc_value(f"newscrawl/browser/consent/{outcome.consent}")
            stats = self.crawler.stats
            stats.inc_value("newscrawl/browser/rendered")
            await self.page_done(request)
        return response

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        if not request.meta.get("newscrawl_context"):
            return None
        await self.page_done(request)
        restarted = request.meta.get("newscrawl_browser_restarts", self.restarts) != self.restarts
        if restarted and not request.meta.get("newscrawl_retried_after_restart"):
            logger.info("Rendering %s again: the browser was restarted under it", request.url)
            self.crawler.stats.inc_value("newscrawl/browser/retried_after_restart")
            retry = request.replace(dont_filter=True)
            retry.meta["newscrawl_retried_after_restart"] = True
            return retry
        if is_crash(exception):
            self.crawler.stats.inc_value("newscrawl/browser/crashed")
            raise PageCrashed(f"the browser tab crashed: {exception}") from exception
        return None

    async def page_done(self, request: Request) -> None:
        name = request.meta.pop("newscrawl_context")
        self.in_flight[name] -= 1
        if self.in_flight[name] <= 0 and name != self.current_context:
            del self.in_flight[name]
            await self.close_context(request, name)

    async def close_context(self, request: Request, name: str) -> None:
        handler = self.playwright_handler(request)
        wrappers: dict[str, Any] = getattr(handler, "context_wrappers", {})
        if wrapper := wrappers.get(name):
            logger.debug("Closing browser context %s: it rendered its share of pages", name)
            with suppress(Exception):  # already gone with its browser
                await wrapper.context.close()
            self.crawler.stats.inc_value("newscrawl/browser/contexts_closed")

    def playwright_handler(self, request: Request) -> Any:
        handlers = self.crawler.engine.downloader.handlers
        scheme = request.url.split(":", 1)[0].lower()
        if hasattr(handlers, "_get_handler"):
            return handlers._get_handler(scheme)
        return getattr(handlers, "_handlers", {}).get(scheme)
