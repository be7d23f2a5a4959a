"""A local feed storage that hands each line to the OS as soon as it is exported.

Scrapy's :class:`~scrapy.extensions.feedexport.FileFeedStorage` writes through
an 8 KB buffer: a crawl killed with SIGKILL loses the lines still in the
buffer and may leave half a line at the end of the file. This storage
flushes after every write, and the JSON lines exporter writes one whole line
per call, so a kill leaves only whole lines behind. (It protects against the
process being killed, not against a power cut: nothing is fsync'ed.)

It also tells the record of collected articles which local files the crawl
writes to (:func:`local_feed_files`), so that an entry is marked collected
only once its line is in one of them.

Enable it for local paths::

    FEED_STORAGES = {
        "": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
        "file": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
    }
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any, Self
from weakref import WeakKeyDictionary

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

_FEED_FILES: WeakKeyDictionary[Crawler, list[str]] = WeakKeyDictionary()


def local_feed_files(crawler: Crawler) -> list[str]:
    """The local files this crawl's flushing feed storages write to."""
    return list(_FEED_FILES.get(crawler, ()))


def feed_offsets(crawler: Crawler) -> list[tuple[str, int]]:
    """``(path, size)`` of each local feed file: where the next line will start, at most."""
    offsets = []
    for path in local_feed_files(crawler):
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        offsets.append((path, size))
    return offsets


class LineFlushingFile(io.BufferedWriter):
    """A binary file whose every ``write`` reaches the OS before it returns."""

    def write(self, data: Any) -> int:
        written = super().write(data)
        self.flush()
        return written


class LineFlushingFileFeedStorage(FileFeedStorage):
    """:class:`FileFeedStorage` that flushes each exported line."""

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict[str, Any] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.path = os.path.abspath(self.path)
        # Scrapy also builds a storage from the raw URI template, only to check
        # that it is supported: that one never writes, so it is not a feed file.
        if crawler is not None and "%(" not in self.path:
            _FEED_FILES.setdefault(crawler, []).append(self.path)

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = io.FileIO(path, self.write_mode.replace("b", ""))
        return LineFlushingFile(raw)
