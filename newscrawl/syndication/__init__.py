"""Crawl-time syndication detection: which story an article belongs to and what it copies.

>>> index = SyndicationIndex.open("memory://")
>>> match = index.add("https://a.example/1", text, outlet="a.example")
>>> match.to_dict()["cluster_id"]
"""

from __future__ import annotations

from .errors import (
    BadStoreURL,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreUnavailable,
    SyndicationError,
)
from .index import AddRequest, SyndicationIndex, Thresholds, open_index
from .match import Match

__all__ = [
    "AddRequest",
    "BadStoreURL",
    "Match",
    "StoreBusy",
    "StoreError",
    "StoreFull",
    "StoreUnavailable",
    "SyndicationError",
    "SyndicationIndex",
    "Thresholds",
    "open_index",
]
