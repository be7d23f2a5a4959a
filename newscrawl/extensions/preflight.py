"""Settings checked before a crawl starts: one clear line and a non-zero exit.

A setting that cannot work (an unknown kind in
``NEWSCRAWL_CLEANING_DISABLED_KINDS``, a store URL of no known scheme, a Redis
that does not answer) would otherwise surface mid-crawl as a traceback, or
quietly switch a feature off. This extension runs when the crawler is built,
before any request, pipeline or store: it logs the problem in one line and
raises :class:`SettingsError`, which makes ``scrapy crawl`` exit with status 1.

Scrapy hands that exception to asyncio, whose "Task exception was never
retrieved" report would print the traceback again; :class:`QuietSettingsError`
(a logging filter on the ``asyncio`` logger) drops that report for this
exception only, since the line above already said it all.
"""

from __future__ import annotations

import logging
from typing import NoReturn, Self
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

from newscrawl.extraction.kinds import KINDS
from newscrawl.incremental.state import redis_url

logger = logging.getLogger(__name__)

# Seconds to wait for a Redis to answer PING before the crawl is refused: a
# Redis on the network answers in milliseconds; a dead host must not hang us.
REDIS_PING_TIMEOUT = 3.0
REDIS_SCHEMES = ("redis", "rediss", "unix")
SYNDICATION_SCHEMES = ("memory", "sqlite", *REDIS_SCHEMES)
RECORD_SCHEMES = ("sqlite", *REDIS_SCHEMES)


class SettingsError(Exception):
    """A setting that cannot work; the message says which and why."""


class QuietSettingsError(logging.Filter):
    """Drops asyncio's unretrieved-exception report of a :class:`SettingsError`."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, SettingsError)


def install_quiet_filter() -> None:
    asyncio_logger = logging.getLogger("asyncio")
    if not any(isinstance(f, QuietSettingsError) for f in asyncio_logger.filters):
        asyncio_logger.addFilter(QuietSettingsError())


def refuse(error: SettingsError, log: logging.Logger = logger) -> NoReturn:
    """Log ``error`` in one line and raise it: ``scrapy crawl`` exits 1, without a traceback.

    For any check made while the crawler is built (settings, spider arguments).
    """
    log.error("%s", error)
    install_quiet_filter()
    raise error


def check_kinds(settings: BaseSettings) -> None:
    unknown = [k for k in settings.getlist("NEWSCRAWL_CLEANING_DISABLED_KINDS") if k not in KINDS]
    if unknown:
        raise SettingsError(
            f"NEWSCRAWL_CLEANING_DISABLED_KINDS: unknown cleaning kind"
            f"{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the kinds are: {', '.join(sorted(KINDS))}"
        )


def check_store_url(name: str, url: str, schemes: tuple[str, ...]) -> str:
    """The scheme of ``url``; raises SettingsError for a URL no store can open."""
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    if scheme not in schemes:
        examples = {
            "memory": "memory://",
            "sqlite": "sqlite:///PATH",
            "redis": "redis://HOST:PORT/DB",
        }
        shown = ", ".join(examples[s] for s in schemes if s in examples)
        raise SettingsError(f"{name}={url!r} is not a store URL; use {shown}")
    if scheme == "sqlite" and not url.split("://", 1)[1].lstrip("/"):
        raise SettingsError(f"{name}={url!r} names no file; use sqlite:///PATH")
    return scheme


def ping_redis(name: str, url: str, timeout: float = REDIS_PING_TIMEOUT) -> None:
    try:
        import redis
    except ImportError:
        raise SettingsError(
            f"{name} is a Redis URL but redis is not installed: "
            "pip install 'newscrawl[distributed]'"
        ) from None
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError) as exc:
        raise SettingsError(f"cannot reach the Redis of {name} at {url}: {exc}") from None


def check_stores(settings: BaseSettings) -> None:
    urls: list[tuple[str, str, tuple[str, ...]]] = []
    if shared := redis_url(settings):
        urls.append(("NEWSCRAWL_REDIS_URL", str(shared), REDIS_SCHEMES))
    if settings.getbool("NEWSCRAWL_SYNDICATION_ENABLED") and (
        store := settings.get("NEWSCRAWL_SYNDICATION_STORE")
    ):
        urls.append(("NEWSCRAWL_SYNDICATION_STORE", str(store), SYNDICATION_SCHEMES))
    if settings.getbool("NEWSCRAWL_INCREMENTAL") and (
        record := settings.get("NEWSCRAWL_COLLECTED_STORE")
    ):
        urls.append(("NEWSCRAWL_COLLECTED_STORE", str(record), RECORD_SCHEMES))
    pinged: set[str] = set()
    for name, url, schemes in urls:
        if check_store_url(name, url, schemes) in REDIS_SCHEMES and url not in pinged:
            ping_redis(name, url)
            pinged.add(url)


def check_settings(settings: BaseSettings) -> None:
    """Raise :class:`SettingsError` for the first setting that cannot work."""
    check_kinds(settings)
    check_stores(settings)


class SettingsCheck:
    """Scrapy extension: :func:`check_settings` when the crawler is built."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        try:
            check_settings(crawler.settings)
        except SettingsError as exc:
            refuse(exc)
        # Nothing to do while the crawl runs.
        raise NotConfigured
