"""Failures that make a crawl's exit status non-zero.

A crawl that loses articles, or cannot keep its promises about them, must not
end like one that did its job. Components report such a failure through
:func:`crawl_failed`: one clear ERROR line the first time, a count under
``newscrawl/failed/<reason>`` in the crawl's stats (and so in the stats
file), and, for failures that make going on pointless (an output that cannot
be written, a queue that is gone), the spider is closed with ``<reason>`` as
its finish reason.

``scrapy crawl`` exits 1 when any ``newscrawl/failed/*`` count is set, through
the project's own ``crawl`` command (:mod:`newscrawl.commands.crawl`,
``COMMANDS_MODULE = "newscrawl.commands"``). A project that runs newscrawl's
components without that setting sees the same stats keys and finish reasons.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

FAILED_PREFIX = "newscrawl/failed/"


def crawl_failed(crawler: Crawler, reason: str, message: str, *, stop: bool = False) -> bool:
    """Count a failure of the crawl; log ``message`` and maybe stop, the first time.

    Returns True the first time ``reason`` is reported in this crawl.
    """
    key = FAILED_PREFIX + reason
    first = not crawler.stats.get_value(key)
    crawler.stats.inc_value(key)
    if not first:
        return False
    logger.error("%s [%s]", message, key)
    if stop:
        stop_crawl(crawler, reason)
    return True


def stop_crawl(crawler: Crawler, reason: str) -> None:
    """Close the spider with ``reason`` as its finish reason, if it is running."""
    engine = crawler.engine
    if engine is None or engine.spider is None:
        return
    deferred_from_coro(engine.close_spider_async(reason=reason))


def failures(stats: Mapping[str, Any]) -> dict[str, int]:
    """The ``newscrawl/failed/*`` counts of a crawl's stats, by reason."""
    return {
        key.removeprefix(FAILED_PREFIX): int(value)
        for key, value in stats.items()
        if key.startswith(FAILED_PREFIX) and value
    }
