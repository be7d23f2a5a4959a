"""Downloader middleware: do not fetch articles collected by an earlier run.

Only article requests (``meta["newscrawl_article"]``) are checked: sitemaps,
feeds and listing pages are read again on every run, that is how new
articles are found. A collected article is skipped and counted under
``newscrawl/discovery/skipped/collected``; with ``NEWSCRAWL_REFETCH_MODIFIED``
it is fetched again when its sitemap ``lastmod`` differs from the one it was
collected with (counted under ``newscrawl/discovery/refetched/modified``).

Place it before RobotsTxtMiddleware, so a skipped article costs nothing::

    DOWNLOADER_MIDDLEWARES = {"newscrawl.incremental.SkipCollectedMiddleware": 75}
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from newscrawl.incremental.state import FetchNote, IncrementalState, incremental_state

logger = logging.getLogger(__name__)


class AlreadyCollected(IgnoreRequest):
    """The article was collected by an earlier run: not an error."""


class SkipCollectedMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state: IncrementalState | None = incremental_state(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def inc_stat(self, key: str) -> None:
        self.crawler.stats.inc_value(f"newscrawl/discovery/{key}")

    def process_request(self, request: Request) -> None:
        state = self.state
        if state is None or not request.meta.get("newscrawl_article"):
            return
        if request.meta.get("newscrawl_refetch"):
            return  # discovery already looked it up and wants it again
        hint = (request.meta.get("newscrawl_hints") or {}).get("lastmod")
        verdict = state.verdict(request.url, hint)
        if verdict == "modified":
            request.meta["newscrawl_refetch"] = True
            self.inc_stat("refetched/modified")
        elif verdict == "collected":
            state.count_collected(request.url)
            raise AlreadyCollected(f"{request.url} was collected by an earlier run")

    def process_response(self, request: Request, response: Response) -> Response:
        state = self.state
        if state is not None and request.meta.get("newscrawl_article"):
            keys = [response.url, request.url, *request.meta.get("redirect_urls", ())]
            hint = (request.meta.get("newscrawl_hints") or {}).get("lastmod")
            state.notes[response.url] = FetchNote(
                keys=list(dict.fromkeys(keys)),
                lastmod=str(hint) if hint else None,
                refetch=bool(request.meta.get("newscrawl_refetch")),
            )
        return response
