"""Outlet specs: what newscrawl needs to know about one publisher.

An outlet is data, not code. Its spider (see ``newscrawl/spiders/outlets/``)
declares one :class:`Outlet` and inherits all discovery, extraction and
cleaning from :class:`newscrawl.spiders.base.NewsSpider`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outlet:
    """A publisher and the places its articles are found.

    URL rules are regular expressions searched (not matched) against the full
    URL. With no ``article_urls`` every same-domain link found in sitemaps and
    feeds is an article, and on listing pages any link that looks like one
    (a long path that is not a listing).
    """

    name: str
    domains: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    exclude_urls: tuple[str, ...] = ()
    # Links on listing pages to follow as further listings (pagination, sections).
    listing_urls: tuple[str, ...] = ()
    # Extraction overrides: where the article body is, and blocks to drop first.
    content_selector: str | None = None
    drop_selectors: tuple[str, ...] = ()
    language: str | None = None
    # The zone the outlet writes local times in ("Europe/Riga", or "+02:00"),
    # for page dates written without an offset. None: such dates keep no offset.
    timezone: str | None = None
    # Browser rendering (scrapy-playwright) for pages that need JavaScript.
    render: bool = False
    # URLs to render even when ``render`` is off (regular expressions).
    render_urls: tuple[str, ...] = ()
    # What to wait for before the rendered page is read; None: network idle, capped.
    wait_selector: str | None = None
