"""Extraction and cleaning: from a fetched page to a clean :class:`Article`.

Extraction is CPU work, and Scrapy runs pipelines on its one reactor thread:
with ``NEWSCRAWL_EXTRACTION_WORKERS`` above 0 it runs in a process pool, so
downloads go on while pages are cleaned.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler

from newscrawl.discovery.urls import strip_tracking
from newscrawl.extraction import Extraction, extract
from newscrawl.extraction.dates import has_offset, parse_date, parse_since, published_before
from newscrawl.extraction.metadata import normalize_language
from newscrawl.extraction.repetition import OutletMemory
from newscrawl.items import Article, ArticlePage, mark_credit_checked, utc_now
from newscrawl.outlet import Outlet
from newscrawl.outletmap import OutletMap
from newscrawl.pipelines import drop_item
from newscrawl.pipelines.offload import in_thread, wait_for
from newscrawl.wire import detect_wire

logger = logging.getLogger(__name__)


@dataclass
class PageResult:
    extraction: Extraction
    wire: str | None


def extract_page(
    body: bytes,
    url: str,
    outlet: Outlet | None,
    content_type: str | None,
    disabled_kinds: Collection[str],
    repeated: Collection[int],
) -> PageResult:
    """Everything CPU-heavy about one page; runs in a worker process when asked."""
    extraction = extract(
        body,
        url,
        outlet=outlet,
        content_type=content_type,
        disabled_kinds=disabled_kinds,
        repeated=repeated,
    )
    wire = None
    if extraction.ok:
        wire = extraction.wire or detect_wire(
            extraction.text,
            byline=extraction.byline,
            authors=extraction.authors,
            title=extraction.title,
        )
    return PageResult(extraction, wire)


class ExtractionPipeline:
    """Turns each :class:`ArticlePage` into an :class:`Article`.

    Other items pass through untouched. The outlet spec is the page's own
    (``ArticlePage.spec``), else ``NEWSCRAWL_OUTLETS``'s for its domain, else
    none (generic cleaning); no spider attribute is read. Pages with no usable
    text, pages that declare themselves something other than an article, and
    pages outside their request's window or limit are dropped with their
    reason counted under ``newscrawl/dropped/<reason>``; every block that
    cleaning removed is counted under ``newscrawl/removed/<kind>``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.workers = settings.getint("NEWSCRAWL_EXTRACTION_WORKERS")
        self.disabled_kinds = frozenset(settings.getlist("NEWSCRAWL_CLEANING_DISABLED_KINDS"))
        self.tracking_params = settings.getlist("NEWSCRAWL_TRACKING_PARAMS")
        self.outlets = OutletMap(settings.getdict("NEWSCRAWL_OUTLETS"))
        self.outlet_memory = OutletMemory()
        self.pool: ProcessPoolExecutor | None = None
        # Articles passed on so far, against each page's limit.
        self.accepted = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if self.workers > 0:
            self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            # Forking a process that runs a reactor and threads is unsafe.
            mp_context=multiprocessing.get_context("spawn"),
            # Ctrl-C is the crawl's to handle (a graceful stop); a worker that
            # took it too would fail its page with KeyboardInterrupt.
            initializer=signal.signal,
            initargs=(signal.SIGINT, signal.SIG_IGN),
        )

    async def close_spider(self) -> None:
        if self.pool is not None:
            pool, self.pool = self.pool, None
            # Waiting for the workers to exit must not block the reactor.
            await in_thread(pool.shutdown, True, cancel_futures=True)

    async def _extract_in_pool(self, args: tuple[Any, ...]) -> PageResult:
        assert self.pool is not None
        try:
            return await wait_for(self.pool.submit(extract_page, *args))
        except BrokenProcessPool:
            # A worker died (killed for memory, crashed in C): without a new
            # pool every later page would fail. Retry the page once.
            logger.error("An extraction worker died; starting a new pool")
            self.crawler.stats.inc_value("newscrawl/extraction/pool_restarts")
            broken, self.pool = self.pool, self._new_pool()
            broken.shutdown(wait=False, cancel_futures=True)
            return await wait_for(self.pool.submit(extract_page, *args))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage):
            return item
        outlet = item.spec or self.outlets.outlet_for(item.url)
        if outlet is not None and not item.outlet:
            item.outlet = outlet.name or None
        memory_key = item.outlet or urlsplit(item.url).hostname or ""
        args = (
            item.body,
            item.url,
            outlet,
            item.content_type,
            self.disabled_kinds,
            self.outlet_memory.repeated(memory_key),
        )
        try:
            if self.pool is not None:
                result = await self._extract_in_pool(args)
            else:
                result = extract_page(*args)
        except Exception as exc:
            # extract() reports bad pages through .error; reaching here is a bug.
            logger.exception("Extraction failed on %s", item.url)
            raise drop_item(self.crawler, "extraction_error", repr(exc)) from exc
        extraction = result.extraction
        self.outlet_memory.observe(memory_key, extraction)
        if not extraction.ok:
            raise drop_item(self.crawler, extraction.error or "no_text", "no article text")
        if (
            extraction.is_article is False
            and not extraction.published
            and item.source != "argument"
        ):
            raise drop_item(
                self.crawler, "not_article", f"page declares itself {extraction.page_type!r}"
            )
        article = self.build_article(item, extraction, result.wire, outlet)
        mark_credit_checked(article, extraction.title)  # as extract_page searched it
        self.check_window_and_limit(item, article)
        stats = self.crawler.stats
        stats.inc_value("newscrawl/extracted")
        for kind, count in extraction.removed_counts().items():
            stats.inc_value(f"newscrawl/removed/{kind}", count)
        return article

    def check_window_and_limit(self, page: ArticlePage, article: Article) -> None:
        """Drop what the page's request puts outside the crawl's window or cap.

        Discovery already skips what sitemaps and feeds date outside the window,
        and stops at the limit; this catches articles found on listing pages,
        whose date is known only once the page is read, and is the last word on
        the limit. Articles with no date are kept.
        """
        if page.since:
            try:
                since = parse_since(page.since)
            except ValueError as exc:
                raise drop_item(self.crawler, "bad_since", str(exc)) from exc
            if published_before(article.published, since):
                raise drop_item(self.crawler, "too_old", f"published {article.published}")
        if page.limit is not None and self.accepted >= page.limit:
            raise drop_item(self.crawler, "limit", f"limit of {page.limit} articles reached")
        self.accepted += 1

    def build_article(
        self, page: ArticlePage, extraction: Extraction, wire: str | None, outlet: Outlet | None
    ) -> Article:
        """The article, preferring what the page says over what discovery guessed."""
        hints = page.hints or {}
        host = (urlsplit(page.url).hostname or "").removeprefix("www.") or None
        # Discovery's dates, like the page's, keep local time rather than a guessed UTC.
        published = extraction.published or parse_date(hints.get("published"), default_tz=None)
        return Article(
            url=page.url,
            canonical_url=strip_tracking(
                extraction.canonical_url or page.url, self.tracking_params
            ),
            outlet=page.outlet or extraction.site_name or host,
            title=extraction.title or hints.get("title"),
            text=extraction.text,
            authors=extraction.authors or list(hints.get("authors") or []),
            published=published,
            published_offset_known=has_offset(published),
            modified=extraction.modified or parse_date(hints.get("lastmod"), default_tz=None),
            language=extraction.language
            or normalize_language(hints.get("language"))
            or (outlet.language if outlet else None),
            section=extraction.section,
            tags=extraction.tags or list(hints.get("tags") or []),
            wire=wire,
            removed=extraction.removed,
            fetched_at=page.fetched_at or utc_now(),
            rendered=page.rendered,
            consent=page.consent,
        )
