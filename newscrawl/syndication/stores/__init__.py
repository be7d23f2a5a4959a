"""Syndication stores, chosen by URL: ``memory://``, ``sqlite:///PATH``, ``redis://HOST:PORT/DB``."""

from __future__ import annotations

from typing import Any

from ..errors import BadStoreURL
from .base import ClusterOrigin, Session, Store, StoredArticle

__all__ = [
    "ClusterOrigin",
    "Session",
    "Store",
    "StoredArticle",
    "open_store",
    "parse_window",
]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_window(value: str | float | int | None) -> float | None:
    """Seconds from '7d', '12h', '30m', '3600' or a number; None/''/0 means keep forever."""
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    text = str(value).strip().lower()
    unit = _UNITS.get(text[-1:])
    number = text[:-1] if unit else text
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        raise BadStoreURL(f"bad retention window {value!r}: use e.g. '7d', '12h', '3600'") from None
    return seconds if seconds > 0 else None


def open_store(url: str, **options: Any) -> Store:
    """The store for ``url``. Options: ``window`` (retention), ``timeout`` (seconds)."""
    if not isinstance(url, str) or "://" not in url:
        raise BadStoreURL(f"not a store URL: {url!r} (memory://, sqlite:///PATH, redis://HOST)")
    scheme = url.split("://", 1)[0].lower()
    if scheme == "memory":
        from .memory import MemoryStore

        return MemoryStore(url, **options)
    if scheme == "sqlite":
        from .sqlite import SQLiteStore

        return SQLiteStore(url, **options)
    if scheme in ("redis", "rediss", "unix"):
        from .redis import RedisStore

        return RedisStore(url, **options)
    raise BadStoreURL(f"unknown store scheme {scheme!r} in {url!r}")
