"""A warning for each unsafe Scrapy setting a crawl runs with.

newscrawl's add-on and spiders set Telnet and remote control off, robots.txt
obeyed and a response size cap wherever nobody chose otherwise
(:func:`newscrawl.addons.fill_safe_defaults`). A project's own choice is kept,
not overridden: this extension names each unsafe one once, when the crawl
starts, and counts it under ``newscrawl/unsafe_settings``.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

from newscrawl.defaults import MAX_RESPONSE_BYTES

logger = logging.getLogger(__name__)


def unsafe_settings(settings: BaseSettings) -> list[str]:
    """Why each unsafe setting in ``settings`` is unsafe, one line each."""
    problems = []
    if settings.getbool("TELNETCONSOLE_ENABLED"):
        problems.append("TELNETCONSOLE_ENABLED is on: the Telnet console listens on a port")
    if settings.getbool("REMOTE_CONTROL_ENABLED"):
        problems.append("REMOTE_CONTROL_ENABLED is on: the remote-control server listens on a port")
    if not settings.getbool("ROBOTSTXT_OBEY"):
        problems.append("ROBOTSTXT_OBEY is off: robots.txt rules are not followed")
    cap = settings.getint("DOWNLOAD_MAXSIZE")
    if cap <= 0 or cap > MAX_RESPONSE_BYTES:
        shown = "no cap" if cap <= 0 else f"{cap} bytes"
        problems.append(
            f"DOWNLOAD_MAXSIZE is {shown}, above newscrawl's {MAX_RESPONSE_BYTES}: "
            "a hostile or runaway response can fill memory"
        )
    return problems


class UnsafeSettingsWarning:
    """Extension: logs each of :func:`unsafe_settings` once; off when there are none."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        problems = unsafe_settings(crawler.settings)
        if not problems:
            raise NotConfigured
        for problem in problems:
            logger.warning("Unsafe setting kept as the project chose it: %s", problem)
        crawler.stats.set_value("newscrawl/unsafe_settings", len(problems))
        return cls(problems)
