"""Item pipeline that adds every cleaned article to the syndication index.

It fills ``item["syndication"]`` with :meth:`Match.to_dict` and counts each
outcome in the crawl stats as ``newscrawl/syndication/<outcome>``:
``new_cluster``, ``linked``, ``already_indexed`` (same id, same text: the
first record again), ``text_changed`` (same id, new text: entry replaced),
``skipped_empty``,
``skipped_disabled``, ``store_error``. A store that is locked, full or
unreachable never loses the item: it is passed on without a verdict.

The add runs in one worker thread of its own: most of its time is SQLite or
Redis I/O and numpy work, which release the GIL, and the reactor stays free
to download meanwhile. One thread, because adds are serialised anyway (one
index, one transaction at a time): a shared pool would park a thread per
waiting item on the lock, each with its own malloc arena, which costs CPU in
lock hand-offs and lets the crawl's memory grow with its length.

Adds are committed in batches (group commit): the articles that reach the
pipeline within ``NEWSCRAWL_SYNDICATION_BATCH_WAIT`` seconds of each other,
up to ``NEWSCRAWL_SYNDICATION_BATCH_SIZE``, are added in one transaction. An
item leaves the pipeline only after its batch is committed, so an article in
the feed always has its entry in the index, as with one commit per add.
``newscrawl/syndication_commits`` counts the batches (kept apart from the
outcomes, which count articles).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from ..items import Article, credit_checked
from ..syndication import AddRequest, StoreError, SyndicationError, SyndicationIndex
from ..syndication.match import Match
from .batching import BatchWorker
from .offload import wait_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

DEFAULT_STORE_FILE = "syndication.sqlite3"


def default_store_url(settings: Any = None) -> str:
    """sqlite:/// in the data folder (NEWSCRAWL_DATA_DIR, else ``.scrapy/newscrawl``)."""
    from scrapy.settings import Settings

    from ..datadir import data_dir

    return f"sqlite:///{data_dir(settings or Settings()) / DEFAULT_STORE_FILE}"


class SyndicationPipeline:
    """Fill ``syndication`` on each article (settings: NEWSCRAWL_SYNDICATION_*)."""

    def __init__(
        self,
        crawler: Crawler,
        *,
        store_url: str | None,
        window: str | float | None = None,
        enabled: bool = True,
        thresholds: dict[str, Any] | None = None,
        timeout: float = 30.0,
        batch_size: int = 1,
        batch_wait: float = 0.0,
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.store_url = store_url
        self.window = window
        self.enabled = enabled
        self.thresholds = thresholds or {}
        self.timeout = timeout
        self.batch_size = max(1, batch_size)
        self.batch_wait = max(0.0, batch_wait)
        self.index: SyndicationIndex | None = None
        self._worker: BatchWorker[AddRequest] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        settings = crawler.settings
        thresholds = {}
        for name, setting in (
            ("containment", "NEWSCRAWL_SYNDICATION_CONTAINMENT"),
            ("max_postings", "NEWSCRAWL_SYNDICATION_MAX_POSTINGS"),
        ):
            if settings.get(setting) is not None:
                thresholds[name] = settings.getfloat(setting)
        if "max_postings" in thresholds:
            thresholds["max_postings"] = int(thresholds["max_postings"])
        return cls(
            crawler,
            store_url=settings.get("NEWSCRAWL_SYNDICATION_STORE") or None,
            window=settings.get("NEWSCRAWL_SYNDICATION_WINDOW") or None,
            enabled=settings.getbool("NEWSCRAWL_SYNDICATION_ENABLED"),
            thresholds=thresholds,
            timeout=settings.getfloat("NEWSCRAWL_SYNDICATION_TIMEOUT"),
            batch_size=settings.getint("NEWSCRAWL_SYNDICATION_BATCH_SIZE"),
            batch_wait=settings.getfloat("NEWSCRAWL_SYNDICATION_BATCH_WAIT"),
        )

    def _inc(self, outcome: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/syndication/{outcome}")

    def open_spider(self) -> None:
        if not self.enabled:
            return
        url = self.store_url or default_store_url(self.crawler.settings)
        try:
            self.index = SyndicationIndex.open(
                url, window=self.window, timeout=self.timeout, **self.thresholds
            )
        except SyndicationError as exc:
            # The crawl goes on without syndication rather than not at all.
            logger.error("Syndication store %s unusable, detection is off: %s", url, exc)
            self._inc("store_error")
            self.index = None
            return
        self._worker = BatchWorker(
            self._add_batch,
            max_size=self.batch_size,
            max_wait=self.batch_wait,
            name="newscrawl-syndication",
        )

    def close_spider(self) -> None:
        if self._worker is not None:
            # Every item waited for its add, so no batch is waiting at close.
            self._worker.close()
            if self.stats is not None and self._worker.batches:
                self.stats.set_value("newscrawl/syndication_commits", self._worker.batches)
            self._worker = None
        if self.index is not None:
            self.index.close()
            self.index = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item  # someone else's item passes untouched, whatever its fields
        adapter = ItemAdapter(item)
        if self.index is None or self._worker is None:
            self._inc("skipped_disabled")
            return item
        text = adapter.get("text") or ""
        article_id = adapter.get("canonical_url") or adapter.get("url")
        if not text.strip() or not article_id:
            self._inc("skipped_empty")
            return item
        request = AddRequest(
            article_id=article_id,
            text=text,
            outlet=adapter.get("outlet"),
            published=adapter.get("published"),
            title=adapter.get("title"),
            url=adapter.get("url"),
            # "" tells the index that the extraction pipeline searched this
            # text and found no credit; None has the index search it.
            wire=adapter.get("wire") or ("" if credit_checked(item) else None),
        )
        try:
            match = await wait_for(self._worker.submit(request))
        except StoreError as exc:
            logger.warning("Syndication store error, item kept without a verdict: %s", exc)
            self._inc("store_error")
            return item
        except (ValueError, TypeError) as exc:
            logger.warning("Syndication skipped %s: %s", article_id, exc)
            self._inc("skipped_bad_input")
            return item
        if "syndication" in adapter.field_names() or isinstance(item, dict):
            adapter["syndication"] = match.to_dict()
        reason = match.evidence.get("reason")
        if match.index_state == "text_changed":
            # The page was crawled before with another text; counted besides
            # its verdict below.
            self._inc("text_changed")
        if reason == "already_indexed":
            self._inc("already_indexed")
        elif match.duplicate_of:
            self._inc("linked")
        elif reason == "too_short":
            self._inc("skipped_short")
        else:
            self._inc("new_cluster")
        return item

    def _add_batch(self, requests: Sequence[AddRequest]) -> list[Match | Exception]:
        # Only the batch worker calls this, one batch at a time, and
        # close_spider joins the worker before it closes the index.
        if self.index is None:
            raise StoreError("syndication index closed")
        return self.index.add_many(requests)
