"""Log lines that name the article, not its whole text."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


def _url(item: Any) -> str:
    try:
        return str(ItemAdapter(item).get("url") or "?")
    except TypeError:
        return repr(item)[:200]


class NewsLogFormatter(logformatter.LogFormatter):
    """Scrapy's formatter, with items shown by URL: article texts are long.

    Levels, and a DropItem's own ``log_level``, stay Scrapy's; only the
    message changes.
    """

    def scraped(self, item: Any, response: Response | Failure | None, spider: Any) -> dict:
        result = dict(super().scraped(item, response, spider))
        result.update(msg="Scraped %(url)s", args={"url": _url(item)})
        return result

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Any
    ) -> dict:
        result = dict(super().dropped(item, exception, response, spider))
        result.update(
            msg="Dropped %(url)s: %(exception)s", args={"url": _url(item), "exception": exception}
        )
        return result

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Any
    ) -> dict:
        result = dict(super().item_error(item, exception, response, spider))
        result.update(msg="Error processing %(url)s", args={"url": _url(item)})
        return result
