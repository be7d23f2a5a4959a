"""A local feed storage whose every line reaches the file whole, or not at all.

Scrapy's :class:`~scrapy.extensions.feedexport.FileFeedStorage` writes through
an 8 KB buffer: a crawl killed with SIGKILL loses the lines still in the
buffer and may leave half a line at the end of the file, and a write that
fails (disk full, file too large) is only logged. This storage:

- hands each exported line to the OS at once (the JSON lines exporter writes
  one whole line per call), so a kill leaves only whole lines behind;
- when a write fails, cuts the file back to where the line began, stops the
  crawl (finish reason ``output_failed``, exit status non-zero, see
  :mod:`newscrawl.failures`) and counts each article not written under
  ``newscrawl/dropped/output_failed``;
- tells the record of collected articles whether an item's line is in the
  file (:func:`line_written`), so an article is marked collected only once it
  is;
- on a resumed ``JOBDIR`` job, appends even under ``-O``: the lines the
  interrupted run wrote are articles the record remembers as collected, and
  overwriting them would lose them for good;
- before appending, repairs a last line cut by a kill or power cut (counted
  under ``newscrawl/incremental/repaired_lines``).

It protects against the process being killed and the disk filling up, not
against a power cut: nothing is fsync'ed.

Enable it for local paths::

    FEED_STORAGES = {
        "": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
        "file": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
    }
"""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path
from typing import IO, Any, Self
from weakref import WeakKeyDictionary

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

from newscrawl.failures import crawl_failed

logger = logging.getLogger(__name__)

OUTPUT_FAILED = "output_failed"
# How far back from the end of a file to look for the last whole line.
TAIL_CHUNK = 64 * 1024

_FEED_FILES: WeakKeyDictionary[Crawler, list[str]] = WeakKeyDictionary()
_STORAGES: WeakKeyDictionary[Crawler, list[LineFlushingFileFeedStorage]] = WeakKeyDictionary()
_JOB_RESUMED: WeakKeyDictionary[Crawler, bool] = WeakKeyDictionary()


def local_feed_files(crawler: Crawler) -> list[str]:
    """The local files this crawl's flushing feed storages write to."""
    return list(_FEED_FILES.get(crawler, ()))


def _active_storages(crawler: Crawler) -> list[LineFlushingFileFeedStorage]:
    return [storage for storage in _STORAGES.get(crawler, ()) if not storage.stored]


def feed_offsets(crawler: Crawler) -> list[tuple[str, int]]:
    """``(path, size)`` of each open local feed file: where the next line will start, at most."""
    offsets: dict[str, int] = {}
    for storage in _active_storages(crawler):
        try:
            size = os.path.getsize(storage.path)
        except OSError:
            size = 0
        offsets[storage.path] = size
    return list(offsets.items())


def line_written(crawler: Crawler, url: str) -> bool | None:
    """Whether the line of the item at ``url`` is in every local feed file it went to.

    Called from an ``item_scraped`` handler connected after the feed
    exporter's, which has just written the item: the last line each storage
    wrote must be whole, flushed and hold ``url``. ``None`` when no flushing
    storage is in use, so nothing can be told.
    """
    storages = _active_storages(crawler)
    if not storages:
        return None
    needles = {json.dumps(url, ensure_ascii=flag).encode("utf-8") for flag in (False, True)}
    used = [storage for storage in storages if storage.opened or storage.error is not None]
    if not used:
        return False
    for storage in used:
        file = storage.file
        if storage.error is not None or file is None or file.error is not None:
            return False
        if not any(needle in file.last_line for needle in needles):
            return False
    return True


def job_resumed(crawler: Crawler) -> bool:
    """Whether ``JOBDIR`` holds a job an earlier run started (decided once, before it opens)."""
    resumed = _JOB_RESUMED.get(crawler)
    if resumed is None:
        jobdir = crawler.settings.get("JOBDIR")
        resumed = bool(jobdir) and Path(jobdir).is_dir() and any(Path(jobdir).iterdir())
        _JOB_RESUMED[crawler] = resumed
    return resumed


def repair_cut_line(path: Path) -> int:
    """Cut a last line that lacks its newline off ``path``; how many bytes were cut."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with open(path, "r+b") as feed:
        feed.seek(size - 1)
        if feed.read(1) == b"\n":
            return 0
        end = size
        keep = 0
        while end > 0:
            start = max(0, end - TAIL_CHUNK)
            feed.seek(start)
            chunk = feed.read(end - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        feed.truncate(keep)
    return size - keep


class LineFile(io.FileIO):
    """A file whose every ``write`` reaches the OS whole before it returns, or not at all.

    A failed write is undone (the file is cut back to where it began) and
    raises; every later write is refused, counted but not raised again (the
    first failure said it all, and stopped the crawl): lines after a gap
    would be lines without the ones the gap lost.
    """

    def __init__(self, path: str | Path, mode: str, storage: LineFlushingFileFeedStorage):
        super().__init__(path, mode)
        self.storage = storage
        self.error: OSError | None = None
        self.last_line = b""

    def write(self, data: Any) -> int:
        if self.error is not None:
            self.storage.count_drop()
            return len(data)
        view = memoryview(data).cast("B")
        start = self.seek(0, io.SEEK_END)
        written = 0
        try:
            while written < len(view):
                count = super().write(view[written:])
                if not count:
                    raise OSError(f"{self.name}: the write made no progress")
                written += count
        except OSError as exc:
            self.error = exc
            self.undo(start)
            self.storage.write_failed(exc)
            raise
        self.last_line = bytes(view)
        return written

    def undo(self, start: int) -> None:
        try:
            self.truncate(start)
            self.seek(start)
        except OSError as exc:
            logger.error(
                "Could not cut %s back to its last whole line (%s): the next run repairs it",
                self.name,
                exc,
            )


class LineFlushingFileFeedStorage(FileFeedStorage):
    """:class:`FileFeedStorage` that writes each exported line whole, or fails the crawl."""

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict[str, Any] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.path = os.path.abspath(self.path)
        self.crawler = crawler
        self.file: LineFile | None = None
        self.error: OSError | None = None
        self.opened = False
        self.stored = False
        # Scrapy also builds a storage from the raw URI template, only to check
        # that it is supported: that one never writes, so it is not a feed file.
        if crawler is not None:
            job_resumed(crawler)  # decided now, before the scheduler fills JOBDIR
            if "%(" not in self.path:
                _FEED_FILES.setdefault(crawler, []).append(self.path)
                _STORAGES.setdefault(crawler, []).append(self)

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        if self.error is not None:
            # Scrapy opens again for every item (and to store an empty feed):
            # refuse them quietly, the first failure was reported.
            return RefusingFile(self)
        path = Path(self.path)
        append = self.write_mode == "ab"
        if not append and self.crawler is not None and job_resumed(self.crawler):
            logger.warning(
                "JOBDIR resumes a job: appending to %s instead of overwriting it, "
                "which would lose the articles the earlier run wrote",
                path,
            )
            append = True
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if append:
                self.repair(path)
            self.file = LineFile(path, "ab" if append else "wb", self)
        except OSError as exc:
            self.error = exc
            self.write_failed(exc)
            raise
        self.opened = True
        return self.file

    def repair(self, path: Path) -> None:
        cut = repair_cut_line(path)
        if cut:
            logger.warning(
                "%s ended with a cut line (%d bytes, from an interrupted run): removed it; "
                "its article is fetched again",
                path,
                cut,
            )
            if self.crawler is not None:
                self.crawler.stats.inc_value("newscrawl/incremental/repaired_lines")

    def store(self, file: IO[bytes]) -> None:
        self.stored = True
        file.close()
        error = self.error or (self.file.error if self.file is not None else None)
        if error is not None:
            # Scrapy then logs "Error storing" and counts feedexport/failed_count.
            raise OSError(error.errno, f"{self.path} misses lines: {error}")

    def count_drop(self) -> None:
        if self.crawler is not None:
            self.crawler.stats.inc_value(f"newscrawl/dropped/{OUTPUT_FAILED}")

    def write_failed(self, exc: OSError) -> None:
        """A line could not be written: count it, and stop the crawl the first time."""
        self.count_drop()
        if self.crawler is None:
            return
        crawl_failed(
            self.crawler,
            OUTPUT_FAILED,
            f"Output {self.path} cannot be written ({exc}): the crawl stops; "
            f"articles not in the file are not marked collected and are fetched next run",
            stop=True,
        )


class RefusingFile(io.RawIOBase):
    """What a storage that could not open its file hands out: every line is a counted drop."""

    def __init__(self, storage: LineFlushingFileFeedStorage) -> None:
        super().__init__()
        self.storage = storage

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.storage.count_drop()
        return len(memoryview(data))
