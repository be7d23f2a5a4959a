"""Log lines that name the article, not its whole text."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy import logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


def _url(item: Any) -> str:
    try:
        return str(ItemAdapter(item).get("url") or "?")
    except TypeError:
        return "?"


class NewsLogFormatter(logformatter.LogFormatter):
    """Scrapy's formatter, with items shown by URL: article texts are long."""

    def scraped(self, item: Any, response: Response | Failure | None, spider: Any) -> dict:
        return {
            "level": logging.DEBUG,
            "msg": "Scraped %(url)s",
            "args": {"url": _url(item)},
        }

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Any
    ) -> dict:
        return {
            "level": getattr(exception, "log_level", None) or logging.INFO,
            "msg": "Dropped %(url)s: %(exception)s",
            "args": {"url": _url(item), "exception": exception},
        }
