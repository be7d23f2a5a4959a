"""Item pipeline: record each article that made it to the output.

Place it after validation (and after syndication, so the record never holds
an article the output lacks)::

    ITEM_PIPELINES = {"newscrawl.incremental.RecordCollectedPipeline": 900}

An article is recorded under its URL, its canonical URL and the URL first
requested, with the sitemap ``lastmod`` its request carried. Recording waits
for the feed exporter: the entry is written *pending* before the item leaves
the pipelines and confirmed once the exporter has written its line whole to
every local feed file (Scrapy calls ``item_scraped`` handlers in the order
they connected, the exporter's first; :func:`~.feeds.line_written` checks the
line). An item whose line could not be written is forgotten, so the next run
fetches it again. A record that fails (locked, full, unreachable) never costs
the item: it is written anyway, counted under
``newscrawl/incremental/store_error`` and the crawl's exit status is
non-zero (:mod:`newscrawl.failures`). See :mod:`newscrawl.incremental.record`
for what a kill in between leaves behind, and :mod:`newscrawl.incremental.feeds`
for the storage that makes each line reach the file at once.

An article whose canonical URL an earlier run collected under another URL
(the mobile page of a story already taken) is dropped as ``collected``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task

from newscrawl.incremental.feeds import feed_offsets, line_written
from newscrawl.incremental.record import CONFIRM_DELAY, RecordError
from newscrawl.incremental.state import FetchNote, IncrementalState, incremental_state
from newscrawl.items import Article
from newscrawl.pipelines import drop_item

logger = logging.getLogger(__name__)


class RecordCollectedPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state: IncrementalState | None = incremental_state(crawler)
        # The exporter connected first, so this runs after the line is written.
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        self.pending: dict[str, Entry] = {}
        # Held confirmations reach the record within CONFIRM_DELAY even when
        # no further article comes to carry them (see record.py).
        self.flusher = task.LoopingCall(self.flush)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        if self.state is not None and self.state.record is not None:
            self.flusher.start(CONFIRM_DELAY, now=False)

    def close_spider(self) -> None:
        if self.flusher.running:
            self.flusher.stop()

    def flush(self) -> None:
        state = self.state
        if state is None or state.record is None:
            return
        try:
            state.record.flush()
        except RecordError as exc:
            state.store_failed(state.record.url, exc)

    def process_item(self, item: Any) -> Any:
        state = self.state
        if state is None or state.record is None or not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        url = adapter.get("url")
        if not url:
            return item
        note = state.notes.pop(url, None) or FetchNote(keys=[url], lastmod=None)
        canonical = adapter.get("canonical_url")
        keys = list(dict.fromkeys([*note.keys, canonical] if canonical else note.keys))
        entry = Entry(keys, note.lastmod)
        try:
            if canonical and canonical not in note.keys and not note.refetch:
                collected, _ = state.record.lookup(canonical)
                if collected:
                    raise drop_item(
                        self.crawler, "collected", f"canonical URL {canonical} collected already"
                    )
            feeds = feed_offsets(self.crawler) if state.record.supports_pending else []
            if feeds:
                state.record.add_pending(url, keys, note.lastmod, feeds)
                entry.pending = True
        except RecordError as exc:
            # The item is kept: a store that fails never loses an article.
            state.store_failed(url, exc)
        self.pending[url] = entry
        return item

    def item_scraped(self, item: Any) -> None:
        state = self.state
        if state is None or state.record is None:
            return
        url = ItemAdapter(item).get("url")
        entry = self.pending.pop(url, None) if url else None
        if entry is None:
            return
        written = line_written(self.crawler, url)
        try:
            if written is False:
                # The output failed (see feeds.py): not collected, fetched next run.
                if entry.pending:
                    state.record.forget(url)
                state.inc_stat("not_recorded/not_written")
                return
            if entry.pending:
                state.record.confirm(url)
            else:
                state.record.add(entry.keys, entry.lastmod)
        except RecordError as exc:
            state.store_failed(url, exc)
            return
        state.inc_stat("recorded")


@dataclass
class Entry:
    """What the pipeline keeps about an item between its pipeline pass and its export."""

    keys: list[str]
    lastmod: str | None
    # Written to the record as pending, to be confirmed once its line is written.
    pending: bool = False
