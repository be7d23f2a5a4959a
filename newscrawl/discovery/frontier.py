"""Article URLs that discovery found but has not yet handed to Scrapy.

The sitemaps of a big outlet list tens of thousands of articles. Handed to
Scrapy's in-memory scheduler at once, each one becomes a ``Request`` that
waits there for its turn, a few kilobytes apiece, so a crawl's memory grows
with its sitemaps rather than with its concurrency. The frontier keeps what
discovery found as small records and lets the spider hand the scheduler only
``ahead`` article requests more than have been answered.

The count of requests in flight can drift: a request that the duplicate
filter or a middleware drops gets no answer. When Scrapy finds nothing left
to do (``spider_idle``) nothing is in flight by definition, so the spider
resets the count there and hands on the next batch: whatever is held is
always crawled, at worst a batch at a time.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Found:
    """An article URL as discovery found it, before any check of the spider's."""

    url: str
    hints: dict[str, Any]
    source: str
    date: str | None
    # The document that listed it, and the depth its request gets: released
    # later, from another callback, the request still reads as listed there.
    listed_in: str | None = None
    depth: int = 1


class Frontier:
    """Found articles in discovery order, released ``ahead`` requests at a time."""

    def __init__(self, ahead: int) -> None:
        self.ahead = ahead
        self._held: deque[Found] = deque()
        self._released = 0
        self._answered = 0

    @property
    def holding(self) -> bool:
        """Whether found articles wait here (``ahead`` > 0) or go straight on."""
        return self.ahead > 0

    def __len__(self) -> int:
        return len(self._held)

    def hold(self, found: Found) -> None:
        self._held.append(found)

    def next_found(self) -> Found | None:
        """The next found article, if fewer than ``ahead`` requests are unanswered."""
        if not self._held or self._released - self._answered >= self.ahead:
            return None
        return self._held.popleft()

    def released(self) -> None:
        """A found article became a request handed to Scrapy."""
        self._released += 1

    def answered(self) -> None:
        """An article request got its response or its failure.

        Requests made without the frontier (URLs given by hand) are answered
        too; they never make room beyond ``ahead``.
        """
        self._answered = min(self._answered + 1, self._released)

    def idle(self) -> None:
        """Scrapy has nothing in flight: every released request is settled."""
        self._answered = self._released
