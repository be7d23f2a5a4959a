"""The record of one crawl, shared by the middleware and the pipeline.

Both components of a crawler reach the same open record through
:func:`incremental_state`; it is opened on first use and closed when the
spider closes, after the feed exporter has written and closed its files.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings

from newscrawl.datadir import data_dir
from newscrawl.failures import crawl_failed
from newscrawl.incremental.record import (
    DEFAULT_RECORD_FILE,
    CollectedRecord,
    RecordError,
    open_record,
)

logger = logging.getLogger(__name__)

STATS_PREFIX = "newscrawl/incremental"
RECORD_FAILED = "record_store"


def redis_url(settings: BaseSettings) -> str | None:
    """``NEWSCRAWL_REDIS_URL``, from the settings or else the environment."""
    return settings.get("NEWSCRAWL_REDIS_URL") or os.environ.get("NEWSCRAWL_REDIS_URL") or None


def record_url(settings: BaseSettings) -> str:
    """Where the record lives: ``NEWSCRAWL_COLLECTED_STORE``, else Redis when
    distributed, else SQLite in the data folder."""
    configured = settings.get("NEWSCRAWL_COLLECTED_STORE")
    if configured:
        return str(configured)
    shared = redis_url(settings)
    if shared:
        return shared
    return f"sqlite:///{data_dir(settings) / DEFAULT_RECORD_FILE}"


@dataclass
class FetchNote:
    """What the middleware learnt about a fetched article, for the pipeline."""

    keys: list[str]
    lastmod: str | None
    refetch: bool = False


@dataclass
class IncrementalState:
    crawler: Crawler
    record: CollectedRecord | None
    refetch_modified: bool
    # Final response URL -> what its request knew; read by the pipeline.
    notes: dict[str, FetchNote] = field(default_factory=dict)
    # URLs counted as skipped/collected in this run: discovery and the
    # downloader middleware (a request queued by an earlier run) see the same
    # URL, and a resumed crawl must count it once.
    counted_collected: set[str] = field(default_factory=set)

    def close(self) -> None:
        if self.record is not None:
            record, self.record = self.record, None
            try:
                record.close()
            except RecordError as exc:
                self.store_failed(record.url, exc)

    def inc_stat(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/{key}", count)

    def count_collected(self, url: str) -> None:
        if url not in self.counted_collected:
            self.counted_collected.add(url)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/discovery/skipped/collected")

    def verdict(self, url: str, lastmod: str | None) -> str:
        """``new``, ``collected`` (skip it) or ``modified`` (collected, fetch again)."""
        if self.record is None:
            return "new"
        try:
            collected, recorded_lastmod = self.record.lookup(url)
        except RecordError as exc:
            self.store_failed(url, exc)
            return "new"
        if not collected:
            return "new"
        if self.refetch_modified and lastmod and str(lastmod) != (recorded_lastmod or ""):
            return "modified"
        return "collected"

    def store_failed(self, url: str, exc: Exception) -> None:
        """The record failed for ``url``: the item is kept, the failure counted and reported."""
        self.inc_stat("store_error")
        logger.debug("Record of %s failed: %s", url, exc)
        crawl_failed(
            self.crawler,
            RECORD_FAILED,
            f"Collected-articles record failed ({exc}): articles are still fetched and "
            f"written, but those it could not record may be fetched again next run",
        )


_STATES: WeakKeyDictionary[Crawler, IncrementalState] = WeakKeyDictionary()


def incremental_state(crawler: Crawler) -> IncrementalState | None:
    """The crawler's open record, or None when incremental runs are off."""
    settings = crawler.settings
    if not settings.getbool("NEWSCRAWL_INCREMENTAL"):
        return None
    state = _STATES.get(crawler)
    if state is not None:
        return state
    url = record_url(settings)
    timeout = settings.getfloat("NEWSCRAWL_COLLECTED_TIMEOUT")
    error: RecordError | None = None
    try:
        record: CollectedRecord | None = open_record(url, timeout=timeout)
        logger.info("Collected-articles record: %s (%d articles)", url, len(record))
    except RecordError as exc:
        # The crawl goes on, fetching everything, rather than not at all.
        error, record = exc, None
    state = IncrementalState(
        crawler,
        record,
        refetch_modified=settings.getbool("NEWSCRAWL_REFETCH_MODIFIED"),
    )
    if error is not None:
        state.store_failed(url, error)
    _STATES[crawler] = state
    crawler.signals.connect(_close_state, signal=signals.spider_closed)
    return state


def _close_state(spider: object) -> None:
    crawler = getattr(spider, "crawler", None)
    state = _STATES.pop(crawler, None) if crawler is not None else None
    if state is not None:
        state.close()
