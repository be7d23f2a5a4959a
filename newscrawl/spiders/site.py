"""``scrapy crawl site -a sitemap=URL`` (or ``feed=``/``start=``) for any site."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider, SpiderArgumentError


def site_domain(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class SiteSpider(NewsSpider):
    """Crawls a site that has no spider of its own.

    Extra arguments: ``outlet`` (the name written into items; by default the
    page's own site name) and ``article`` (a regular expression article URLs
    match; by default every sitemap and feed entry, and listing links that
    look like articles).
    """

    name = "site"

    def __init__(
        self, *args: Any, outlet: str | None = None, article: str | None = None, **kwargs: Any
    ) -> None:
        self._outlet_name = outlet or ""
        self._article_rule = (article,) if article else ()
        super().__init__(*args, **kwargs)

    def outlet_from_args(
        self,
        *,
        sitemaps: tuple[str, ...],
        feeds: tuple[str, ...],
        listings: tuple[str, ...],
        domains: tuple[str, ...],
    ) -> Outlet:
        sources = sitemaps + feeds + listings
        if not sources:
            raise SpiderArgumentError(
                "give the site with -a sitemap=URL, -a feed=URL or -a start=URL"
            )
        if not domains:
            domains = tuple(dict.fromkeys(site_domain(url) for url in sources))
            if "" in domains:
                # No host (a file: URL, a URL without scheme) would mean no
                # domain limit at all: every host the sitemap names.
                raise SpiderArgumentError("give the site's domains with -a domains=DOMAIN[,DOMAIN]")
        return Outlet(
            name=self._outlet_name,
            domains=domains,
            sitemaps=sitemaps,
            feeds=feeds,
            listings=listings,
            article_urls=self._article_rule,
        )
