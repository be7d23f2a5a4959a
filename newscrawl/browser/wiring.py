"""Turning rendering on for one spider, and the requests that use it.

:func:`enable_rendering` runs from :meth:`NewsSpider.from_crawler`, before the
crawler's settings freeze, and only for a spider that renders something: the
download handler (and with it the Node driver and the browser) is never
installed for the others. Requests without ``meta["playwright"]`` still go
through Scrapy's own HTTP client: scrapy-playwright hands them on.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy_playwright.page import PageMethod

from newscrawl.addons import fill_newscrawl_defaults
from newscrawl.browser.abort import AD_AND_TRACKER_HOSTS, RequestBlocker
from newscrawl.browser.consent import ACTIONS
from newscrawl.browser.launch import launch_options
from newscrawl.browser.page import prepare_page

logger = logging.getLogger(__name__)

HANDLER = "newscrawl.browser.handler.SharedPlaywrightHandler"
MIDDLEWARE = "newscrawl.browser.middleware.RenderMiddleware"
MEMORY_GUARD = "newscrawl.browser.memory.BrowserMemoryGuard"
# Closest to the download handler: it sees every rendered response and error first.
MIDDLEWARE_ORDER = 950
MEMORY_GUARD_ORDER = 600


def set_default(settings: BaseSettings, name: str, value: Any) -> None:
    """Set ``name`` unless the project or the command line already did."""
    if settings.get(name) is None:
        settings.set(name, value, priority="spider")


def update_dict(settings: BaseSettings, name: str, values: dict[str, Any]) -> None:
    """Add entries to a dict setting, whoever set the rest of it."""
    merged = {**settings.getdict(name), **values}
    priority = max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["spider"])
    settings.set(name, merged, priority=priority)


def enable_rendering(settings: BaseSettings, spider: Spider) -> None:
    """Install the browser for ``spider``'s crawl; raises BrowserNotFound without one."""
    fill_newscrawl_defaults(settings)  # a project without newscrawl's settings or add-on
    action = settings.get("NEWSCRAWL_CONSENT_ACTION")
    if action not in ACTIONS:
        raise ValueError(f"NEWSCRAWL_CONSENT_ACTION must be one of {ACTIONS}, got {action!r}")
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", launch_options(settings), priority="spider")
    update_dict(settings, "DOWNLOAD_HANDLERS", {"http": HANDLER, "https": HANDLER})
    update_dict(settings, "DOWNLOADER_MIDDLEWARES", {MIDDLEWARE: MIDDLEWARE_ORDER})
    update_dict(settings, "EXTENSIONS", {MEMORY_GUARD: MEMORY_GUARD_ORDER})
    set_default(settings, "PLAYWRIGHT_BROWSER_TYPE", "chromium")
    set_default(
        settings,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT",
        settings.getint("NEWSCRAWL_BROWSER_CONCURRENCY"),
    )
    # Without this a page that never answers would hold its tab for Playwright's 30 s.
    set_default(
        settings,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT",
        settings.getfloat("DOWNLOAD_TIMEOUT", 30) * 1000,
    )
    set_default(
        settings,
        "PLAYWRIGHT_ABORT_REQUEST",
        RequestBlocker(
            settings.getlist("NEWSCRAWL_BROWSER_BLOCK_RESOURCES"),
            AD_AND_TRACKER_HOSTS | set(settings.getlist("NEWSCRAWL_BROWSER_BLOCK_HOSTS")),
        ),
    )
    logger.info(
        "Rendering enabled for spider %r: browser %s",
        spider.name,
        settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS").get("executable_path", "from Playwright"),
    )


def render_request(spider: Spider, url: str, **kwargs: Any) -> Request:
    """A request that renders ``url`` in the browser (kwargs as for Request)."""
    settings = spider.settings
    outlet = spider.outlet_for(url) if hasattr(spider, "outlet_for") else None
    meta = dict(kwargs.pop("meta", None) or {})
    meta.update(
        playwright=True,
        # The article is read after prepare_page's own capped wait, not at "load".
        playwright_page_goto_kwargs={"wait_until": "domcontentloaded"},
        playwright_page_methods=[
            PageMethod(
                prepare_page,
                wait_selector=outlet.wait_selector if outlet else None,
                wait_ms=1000 * settings.getfloat("NEWSCRAWL_BROWSER_WAIT_TIMEOUT"),
                consent_action=settings.get("NEWSCRAWL_CONSENT_ACTION"),
            )
        ],
    )
    return Request(url, meta=meta, **kwargs)
