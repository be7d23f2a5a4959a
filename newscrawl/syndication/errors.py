"""Exceptions raised by the syndication index."""

from __future__ import annotations


class SyndicationError(Exception):
    """Base class of every error the syndication index raises on purpose."""


class StoreError(SyndicationError):
    """The store cannot serve this add: locked, full, unreachable or corrupt.

    The pipeline catches it, counts a skip and keeps the item.
    """


class StoreUnavailable(StoreError):
    """The store cannot be reached (redis down, sqlite file not writable)."""


class StoreBusy(StoreError):
    """The store stayed locked by another process longer than the timeout."""


class StoreFull(StoreError):
    """The store refused a write because it is out of space or memory."""


class BadStoreURL(SyndicationError, ValueError):
    """The store URL has an unknown scheme or is malformed."""
