"""Incremental runs and resume: a record of the articles already collected.

A scheduled run reads sitemaps, feeds and listings again but fetches only the
articles no earlier run collected (and, with ``NEWSCRAWL_REFETCH_MODIFIED``,
those whose sitemap ``lastmod`` changed). The record is SQLite in
``NEWSCRAWL_DATA_DIR`` by default, Redis when ``NEWSCRAWL_REDIS_URL`` is set.

Components (see each module for where to place it):

- :class:`SkipCollectedMiddleware`, a downloader middleware;
- :class:`RecordCollectedPipeline`, an item pipeline;
- :class:`LineFlushingFileFeedStorage`, a feed storage for local files;
- :class:`RunDupeFilter`, the duplicate filter that makes JOBDIR resume
  survive SIGKILL.
"""

from newscrawl.incremental.feeds import LineFlushingFileFeedStorage
from newscrawl.incremental.middleware import AlreadyCollected, SkipCollectedMiddleware
from newscrawl.incremental.pipeline import RecordCollectedPipeline
from newscrawl.incremental.record import CollectedRecord, RecordError, open_record
from newscrawl.incremental.resume import RunDupeFilter

__all__ = [
    "AlreadyCollected",
    "CollectedRecord",
    "LineFlushingFileFeedStorage",
    "RecordCollectedPipeline",
    "RecordError",
    "RunDupeFilter",
    "SkipCollectedMiddleware",
    "open_record",
]
