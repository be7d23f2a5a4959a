"""scrapy-playwright's download handler, one instance for http and https.

Scrapy builds one handler per scheme, and each scrapy-playwright handler
starts its own Node driver (about 100 MB) and, on a mixed http/https crawl,
its own browser. Sharing one instance per crawler halves that and keeps one
browser for the memory guard to watch.
"""

from __future__ import annotations

import logging
from typing import Self
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.handler import logger as playwright_logger

_INSTANCES: WeakKeyDictionary[Crawler, SharedPlaywrightHandler] = WeakKeyDictionary()


class FailedPageTraceback(logging.Filter):
    """Drops the traceback scrapy-playwright logs for every page that failed.

    The failure reaches the spider's errback, which counts and logs it by
    reason; a page that timed out is bad input, not a bug to trace.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Closing page due to failed request"):
            record.exc_info = None
            record.exc_text = None
        return True


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        if not any(isinstance(f, FailedPageTraceback) for f in playwright_logger.filters):
            playwright_logger.addFilter(FailedPageTraceback())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if (handler := _INSTANCES.get(crawler)) is None:
            handler = _INSTANCES[crawler] = cls(crawler)
        return handler  # type: ignore[return-value]

    async def close(self) -> None:
        # Scrapy closes the handler of every scheme: the shared one once.
        if getattr(self, "_newscrawl_closed", False):
            return
        self._newscrawl_closed = True
        await super().close()
