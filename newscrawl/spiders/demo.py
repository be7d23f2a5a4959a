"""``scrapy crawl demo``: the whole job on a bundled offline snapshot.

The snapshot (``newscrawl/demo/snapshot/``) holds three small outlets, two of
them printing the same wire story with their own boilerplate around it. It is
served on 127.0.0.1 by an in-process server, so the demo needs no network and
exercises the same discovery as a real crawl: robots.txt and a news sitemap
index for one outlet, an RSS feed for another, paginated listing pages for the
third.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from newscrawl.demo.server import SiteServer, snapshot_pages
from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.outlets.jpost import JPostSpider
from newscrawl.spiders.outlets.zeenews import ZeeNewsSpider

LOCAL = ("127.0.0.1",)
# The two real outlet specs, pointed at the snapshot; a third, local outlet.
DEMO_OUTLETS = {
    "/zeenews/": replace(
        ZeeNewsSpider.outlet, domains=LOCAL, sitemaps=("{BASE}/robots.txt",), feeds=()
    ),
    "/jpost/": replace(
        JPostSpider.outlet, domains=LOCAL, sitemaps=(), feeds=("{BASE}/jpost/rss.xml",)
    ),
    "/gazette/": Outlet(
        name="Riverside Gazette",
        domains=LOCAL,
        listings=("{BASE}/gazette/news/",),
        article_urls=(r"/gazette/\d{4}/\d\d/[\w-]+\.html$",),
        listing_urls=(r"/gazette/news/page/\d+/$",),
        language="en",
    ),
}


class DemoSpider(NewsSpider):
    name = "demo"
    outlet = Outlet(
        name="",
        domains=LOCAL,
        article_urls=tuple(rule for o in DEMO_OUTLETS.values() for rule in o.article_urls),
        listing_urls=tuple(rule for o in DEMO_OUTLETS.values() for rule in o.listing_urls),
    )
    custom_settings = {
        # A local server needs no politeness delay.
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        # The demo shows the whole job every time it runs, and its server's
        # port (so every URL) changes between runs: it keeps no state, neither
        # a record of what an earlier run collected nor a lasting index.
        "NEWSCRAWL_INCREMENTAL": False,
        "NEWSCRAWL_SYNDICATION_STORE": "memory://",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.server = SiteServer(snapshot_pages())
        self.base_url = self.server.base_url
        self.outlets = {
            prefix: replace(
                outlet,
                sitemaps=self._based(outlet.sitemaps),
                feeds=self._based(outlet.feeds),
                listings=self._based(outlet.listings),
            )
            for prefix, outlet in DEMO_OUTLETS.items()
        }

    def _based(self, urls: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(url.replace("{BASE}", self.base_url) for url in urls)

    def outlet_for(self, url: str) -> Outlet | None:
        path = urlsplit(url).path
        return next((o for prefix, o in self.outlets.items() if path.startswith(prefix)), None)

    async def start(self) -> AsyncIterator[Any]:
        self.server.start()
        self.logger.info("Serving the demo snapshot at %s", self.base_url)
        for outlet in self.outlets.values():
            for request in self.source_requests(outlet):
                yield request

    def closed(self, reason: str) -> None:
        self.server.stop()
