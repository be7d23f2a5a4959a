"""``scrapy crawl article -a url=URL[,URL...]`` or ``-a urls_file=PATH``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider, SpiderArgumentError, split_arg


class ArticleSpider(NewsSpider):
    """Fetches the given article URLs (http, https or file) and nothing else."""

    name = "article"
    # Any site: the outlet's name comes from each page's own metadata.
    outlet = Outlet(name="", domains=())
    # The URLs are asked for by name: fetch them even if an earlier run had them.
    custom_settings = {"NEWSCRAWL_INCREMENTAL": False}

    def __init__(
        self, *args: Any, url: str | None = None, urls_file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        urls = list(split_arg(url))
        if urls_file:
            try:
                lines = Path(urls_file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise SpiderArgumentError(f"-a urls_file={urls_file}: {exc}") from None
            urls += [
                line.strip() for line in lines if line.strip() and not line.strip().startswith("#")
            ]
        if not urls:
            raise SpiderArgumentError(
                "give the articles with -a url=URL[,URL...] or -a urls_file=PATH"
            )
        self.urls = urls

    def outlet_for(self, url: str) -> Outlet | None:
        return None

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            if request := self.article_request(url, {}, "argument"):
                yield request
