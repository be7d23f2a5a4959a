"""The base spider: finds an outlet's articles and hands the pages on.

Discovery reads sitemaps (with their Google News fields), RSS and Atom feeds
and listing pages, keeps to the outlet's domains and URL rules, the time
window (``-a since=2d``) and the cap (``-a limit=N``), and yields one
:class:`~newscrawl.items.ArticlePage` per article. Everything after the
download (extraction, cleaning, validation) happens in the item pipelines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import cached_property
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, UsageError
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spidermiddlewares.referer import DefaultReferrerPolicy
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from newscrawl.addons import fill_newscrawl_defaults, fill_safe_defaults
from newscrawl.discovery.feeds import parse_feed
from newscrawl.discovery.frontier import Found, Frontier
from newscrawl.discovery.sitemaps import parse_sitemap, sitemap_body
from newscrawl.discovery.urls import (
    DEFAULT_PORTS,
    WEB_SCHEMES,
    UrlRules,
    compile_rules,
    strip_tracking,
)
from newscrawl.discovery.xml import XmlError
from newscrawl.extraction.dates import parse_since, published_before
from newscrawl.incremental.middleware import AlreadyCollected
from newscrawl.incremental.state import IncrementalState, incremental_state, redis_url
from newscrawl.items import ArticlePage
from newscrawl.outlet import Outlet
from newscrawl.shutdown import watch_forced_shutdown
from newscrawl.stats import PREFIX, count_drop

logger = logging.getLogger(__name__)

# Servers label HTML loosely: text/plain and a missing type are read as HTML,
# and extraction itself refuses what is not.
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# Scrapy turns -a NAME=VALUE into spider attributes; these would overwrite ours.
RESERVED_ARGUMENTS = frozenset(
    {
        "outlet",
        "rules",
        "render_rules",
        "allowed_domains",
        "counters",
        "state",
        "start_urls",
        "shutdown_watch",
    }
)
# Articles are fetched before further discovery so that items flow out early
# and the scheduler does not pile up pages waiting to be parsed.
ARTICLE_PRIORITY = 10
# Sources whose URLs a user typed (the article spider's -a url=): they may be
# file:// and on any host. Every URL discovery finds must pass the outlet's
# origin rule (UrlRules.refusal) instead.
USER_SOURCES = frozenset({"argument"})


class SpiderArgumentError(UsageError, ValueError):
    """A spider argument (``-a NAME=VALUE``) that cannot be used."""


def split_arg(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """A spider argument given as ``a,b,c`` (or already a sequence)."""
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(v.strip() for v in value if v and v.strip())


def same_site(first: str, then: str) -> bool:
    """Whether a redirect from ``first`` to ``then`` stays on one site.

    The same host, give or take ``www.`` or a subdomain (``example.com`` to
    ``www.example.com``, ``m.example.com`` to ``example.com``), and the same
    port, except the default ports of an http to https upgrade.
    """
    try:
        a, b = urlsplit(first), urlsplit(then)
        ports = (a.port or DEFAULT_PORTS.get(a.scheme)), (b.port or DEFAULT_PORTS.get(b.scheme))
    except ValueError:
        return False
    hosts = [(part.hostname or "").removeprefix("www.") for part in (a, b)]
    if not all(hosts):
        return False
    related = hosts[0] == hosts[1] or any(x.endswith(f".{y}") for x, y in (hosts, hosts[::-1]))
    default = set(DEFAULT_PORTS.values())
    return related and (ports[0] == ports[1] or set(ports) <= default)


def truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class NewsSpider(Spider):
    """Crawls one outlet, declared by the ``outlet`` class attribute.

    Spider arguments (``-a NAME=VALUE``), all optional:

    - ``since``: only articles published in this window: ``2d``, ``12h``,
      ``1w`` or a date such as ``2026-11-20``;
    - ``limit``: fetch at most this many articles;
    - ``sitemap``, ``feed``, ``start``: comma-separated URLs that replace the
      outlet's sitemaps, feeds and listing pages;
    - ``domains``: comma-separated domains that replace the outlet's;
    - ``render``: ``1`` to render the outlet's pages in a browser;
    - ``render_urls``: comma-separated regular expressions of URLs to render.
    """

    outlet: Outlet | None = None

    def __init__(
        self,
        *args: Any,
        since: str | None = None,
        limit: str | int | None = None,
        sitemap: str | None = None,
        feed: str | None = None,
        start: str | None = None,
        domains: str | None = None,
        render: str | None = None,
        render_urls: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Scrapy turns every -a into an attribute: one named like ours would
        # silently replace the outlet spec or the URL rules.
        clash = RESERVED_ARGUMENTS.intersection(kwargs)
        if clash:
            raise SpiderArgumentError(
                f"spider {self.name!r} takes no argument {', '.join(sorted(clash))}"
            )
        unknown = sorted(name for name in kwargs if not name.startswith("_"))
        if unknown:
            logger.warning("Spider %r does not use the arguments: %s", self.name, unknown)
        super().__init__(*args, **kwargs)
        self.outlet = self.outlet_from_args(
            sitemaps=split_arg(sitemap),
            feeds=split_arg(feed),
            listings=split_arg(start),
            domains=split_arg(domains),
        )
        try:
            self.since: datetime | None = parse_since(since) if since else None
        except ValueError as exc:
            raise SpiderArgumentError(f"-a since={since}: {exc}") from None
        try:
            self.limit: int | None = int(limit) if limit not in (None, "") else None
        except (TypeError, ValueError):
            raise SpiderArgumentError(f"-a limit={limit}: give a whole number") from None
        if self.limit is not None and self.limit < 0:
            raise SpiderArgumentError(f"-a limit={limit}: give 0 or more")
        self.render = truthy(render) if render is not None else bool(self.outlet.render)
        self.render_rules = compile_rules(split_arg(render_urls) or self.outlet.render_urls)
        self.rules = UrlRules(
            self.outlet.domains,
            article=self.outlet.article_urls,
            exclude=self.outlet.exclude_urls,
            listing=self.outlet.listing_urls,
        )
        for url in self.outlet.sitemaps + self.outlet.feeds + self.outlet.listings:
            self.rules.add_source(url)
        # Scrapy's OffsiteMiddleware reads this.
        self.allowed_domains = list(self.outlet.domains)
        self._requested_urls: set[str] = set()
        # Replaced in from_crawler by one that follows NEWSCRAWL_DISCOVERY_AHEAD.
        self.frontier = Frontier(0)
        # Domains are checked by self.rules: LinkExtractor's check trips on ports.
        self._link_extractor = LinkExtractor(unique=True, canonicalize=False)

    def outlet_from_args(
        self,
        *,
        sitemaps: tuple[str, ...],
        feeds: tuple[str, ...],
        listings: tuple[str, ...],
        domains: tuple[str, ...],
    ) -> Outlet:
        """The outlet to crawl: the declared one, with sources given as args."""
        if self.outlet is None:
            raise SpiderArgumentError(f"spider {self.name!r} declares no outlet")
        outlet = self.outlet
        changes: dict[str, Any] = {}
        if sitemaps or feeds or listings:
            changes.update(sitemaps=sitemaps, feeds=feeds, listings=listings)
        if domains:
            changes["domains"] = domains
        if changes:
            outlet = replace(outlet, **changes)
        return outlet

    # -- settings and components ------------------------------------------

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # In any project, with or without newscrawl's add-on: defaults and safety.
        fill_newscrawl_defaults(settings)
        fill_safe_defaults(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        try:
            spider = super().from_crawler(crawler, *args, **kwargs)
        except SpiderArgumentError as exc:
            # Scrapy logs an exception raised here with its whole traceback
            # and asyncio's "Task exception was never retrieved"; a wrong -a
            # deserves one line, and `scrapy crawl` exits 1 on SystemExit(str).
            raise SystemExit(f"scrapy crawl {cls.name}: {exc}") from None
        settings = crawler.settings
        spider.rules.schemes = frozenset(
            s.lower() for s in settings.getlist("NEWSCRAWL_DISCOVERY_SCHEMES") or WEB_SCHEMES
        )
        try:
            spider.rules.ports.update(int(p) for p in settings.getlist("NEWSCRAWL_DISCOVERY_PORTS"))
        except ValueError:
            raise SystemExit(
                f"NEWSCRAWL_DISCOVERY_PORTS: give port numbers, not "
                f"{settings.getlist('NEWSCRAWL_DISCOVERY_PORTS')}"
            ) from None
        # A second Ctrl-C stops Scrapy before the spider closes: say so.
        # (Held here: signal handlers are weak references.)
        spider.shutdown_watch = watch_forced_shutdown(crawler)
        crawler.signals.connect(spider.on_request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.on_request_dropped, signal=signals.request_dropped)
        spider.frontier = Frontier(discovery_ahead(settings))
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        if spider.render or spider.render_rules:
            # Only a spider that renders starts the browser: the handler is
            # installed here, before the settings freeze, never globally.
            from newscrawl.browser import enable_rendering

            enable_rendering(crawler.settings, spider)
        return spider

    @property
    def tracking_params(self) -> list[str]:
        return self.settings.getlist("NEWSCRAWL_TRACKING_PARAMS")

    def outlet_for(self, url: str) -> Outlet | None:
        """The outlet spec that governs ``url`` (multi-outlet spiders override)."""
        return self.outlet

    def inc_stat(self, key: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"{PREFIX}/{key}", count)

    @property
    def counters(self) -> dict[str, Any]:
        """Counts that a resumed crawl must remember.

        Scrapy's SpiderState extension gives the spider a ``state`` dict
        that JOBDIR saves and restores; without JOBDIR, a dict of our own.
        """
        state = getattr(self, "state", None)
        if state is None:
            state = self.__dict__.setdefault("_counters", {})
        return state

    @cached_property
    def incremental(self) -> IncrementalState | None:
        """The record of articles earlier runs collected; None when runs are not incremental."""
        return incremental_state(self.crawler)

    @property
    def limit_reached(self) -> bool:
        return self.limit is not None and self.counters.get("articles", 0) >= self.limit

    # -- start ------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self.source_requests(self.outlet):
            yield request

    def source_requests(self, outlet: Outlet) -> Iterator[Request]:
        """Requests for the outlet's sitemaps, feeds and listing pages."""
        if not (outlet.sitemaps or outlet.feeds or outlet.listings):
            logger.error(
                "Spider %r has no sitemap, feed or start page to crawl; "
                "give one with -a sitemap=URL, -a feed=URL or -a start=URL",
                self.name,
            )
        for url in outlet.sitemaps + outlet.feeds + outlet.listings:
            self.rules.add_source(url)
        for url in outlet.sitemaps:
            yield self.sitemap_request(url)
        for url in outlet.feeds:
            yield self.discovery_request(url, self.parse_feed, "feed")
        for url in outlet.listings:
            yield self.discovery_request(url, self.parse_listing, "listing")

    def discovery_request(
        self, url: str, callback: Callable[[Response], Iterable[Request]], kind: str, **meta: Any
    ) -> Request:
        return Request(
            url,
            callback=callback,
            errback=self.on_discovery_error,
            meta={"newscrawl_source": kind, **meta},
        )

    @property
    def sitemap_maxsize(self) -> int:
        return self.settings.getint("NEWSCRAWL_SITEMAP_MAXSIZE")

    def sitemap_request(self, url: str) -> Request:
        # A valid sitemap may hold 50,000 URLs in 50 MB, more than the cap
        # that suits an article page: sitemaps get their own (Scrapy honours
        # download_maxsize for the download and for its decompression).
        return self.discovery_request(
            url, self.parse_sitemap, "sitemap", download_maxsize=self.sitemap_maxsize
        )

    def follows(self, url: str, source: str) -> bool:
        """Whether discovery may follow ``url``; a URL it may not is counted by reason."""
        if source in USER_SOURCES:
            return True
        reason = self.rules.refusal(url)
        if reason is None:
            return True
        logger.debug("Not following %s found in a %s: %s", url, source, reason)
        self.inc_stat(f"discovery/skipped/{reason}")
        return False

    # -- discovery --------------------------------------------------------

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        if urlsplit(response.url).path.endswith("/robots.txt"):
            urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
            if not urls:
                self.drop_document(response.url, "robots_no_sitemap", "robots.txt lists no sitemap")
            for url in urls:
                if self.follows(url, "robots"):
                    yield self.sitemap_request(url)
            return
        try:
            body = sitemap_body(response.body, self.sitemap_maxsize)
            sitemap = parse_sitemap(body, response.url)
        except XmlError as exc:
            self.drop_document(response.url, f"sitemap_{exc.reason}", str(exc))
            return
        self.inc_stat(f"discovery/sitemap/{sitemap.kind}")
        if sitemap.without_loc:
            self.inc_stat("discovery/skipped/no_url", sitemap.without_loc)
        if sitemap.truncated:
            logger.warning(
                "Sitemap %s is truncated; using the entries before the cut", response.url
            )
            self.inc_stat("discovery/sitemap/truncated")
        for entry in sitemap.entries:
            if sitemap.kind == "sitemapindex":
                if self.limit_reached:
                    break
                if self.outside_window(entry.lastmod):
                    self.inc_stat("discovery/skipped/old_sitemap")
                    continue
                if self.follows(entry.loc, "sitemapindex"):
                    yield self.sitemap_request(entry.loc)
            else:
                date = entry.news_published or entry.lastmod
                yield from self.found(
                    Found(entry.loc, entry.hints(), "sitemap", date, *found_in(response))
                )
        yield from self.release()

    def parse_feed(self, response: Response) -> Iterator[Request]:
        try:
            entries = parse_feed(response.body, response.url)
        except XmlError as exc:
            self.drop_document(response.url, f"feed_{exc.reason}", str(exc))
            return
        self.inc_stat("discovery/feed")
        if entries.without_link:
            self.inc_stat("discovery/skipped/no_url", entries.without_link)
        for entry in entries:
            found = Found(entry.url, entry.hints(), "feed", entry.published, *found_in(response))
            yield from self.found(found)
        yield from self.release()

    def parse_listing(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, TextResponse) or not self.is_html(response):
            self.drop_document(response.url, "listing_not_html", "listing page is not HTML")
            return
        self.inc_stat("discovery/listing")
        links = [
            link.url
            for link in self._link_extractor.extract_links(response)
            if self.follows(link.url, "listing")
        ]
        next_pages = []
        for href in response.css('link[rel~="next"]::attr(href), a[rel~="next"]::attr(href)'):
            try:
                next_pages.append(response.urljoin(href.get()))
            except ValueError:  # a malformed link must not end the pagination
                self.inc_stat("discovery/skipped/bad_url")
        listings = [url for url in links if self.rules.is_listing(url)]
        further = set(next_pages).union(listings)
        for url in links:
            if self.rules.is_article(url):
                yield from self.found(Found(url, {}, "listing", None, *found_in(response)))
            elif url not in further:
                # Neither an article (a short slug, a tag or author page) nor
                # a listing to follow: counted, so a wrong rule shows.
                self.inc_stat("discovery/skipped/not_article")
        yield from self.release()
        depth = response.meta.get("listing_depth", 0)
        if self.limit_reached:
            if further:
                self.inc_stat("discovery/skipped/limit", len(further))
            return
        if depth >= self.settings.getint("NEWSCRAWL_LISTING_DEPTH"):
            if further:
                self.inc_stat("discovery/skipped/listing_depth", len(further))
            return
        for url in dict.fromkeys(next_pages + listings):
            if self.rules.is_excluded(url) or self.rules.is_article(url):
                continue
            if self.follows(url, "listing"):
                yield self.discovery_request(
                    url, self.parse_listing, "listing", listing_depth=depth + 1
                )

    def found(self, found: Found) -> Iterator[Request]:
        """An article URL discovery found: held in the frontier, or requested now."""
        if self.frontier.holding:
            self.frontier.hold(found)
        elif request := self.article_request(found.url, found.hints, found.source, date=found.date):
            yield request

    def release(self) -> Iterator[Request]:
        """Requests for held articles, as many as the frontier has room for.

        Yielded from a discovery document's callback, so Scrapy's spider
        middlewares give them their depth and Referer as usual.
        """
        for _, request in self._released():
            yield request

    def _released(self) -> Iterator[tuple[Found, Request]]:
        while (found := self.frontier.next_found()) is not None:
            if request := self.article_request(
                found.url, found.hints, found.source, date=found.date
            ):
                self.frontier.released()
                yield found, request

    def hand_on(self) -> int:
        """Schedule what the frontier has room for, from outside a discovery callback.

        An article's answer or Scrapy's idle signal is no discovery response:
        yielded from there, a request would take the article's depth plus one
        (and a chain of releases would soon pass DEPTH_LIMIT) and the
        article's URL as Referer. These requests go to the engine directly,
        with the depth and Referer of the document that listed them.
        """
        handed = 0
        for found, request in self._released():
            request.meta["depth"] = found.depth
            if found.listed_in and (referrer := listed_referrer(found.listed_in, request.url)):
                request.headers.setdefault(b"Referer", referrer)
            self.crawler.engine.crawl(request)
            handed += 1
        return handed

    def on_idle(self, spider: Spider) -> None:
        """Hand on the next held articles when Scrapy has nothing else to do."""
        if spider is not self or not len(self.frontier):
            return
        self.frontier.idle()
        if self.hand_on():
            raise DontCloseSpider

    def on_closed(self, spider: Spider, reason: str) -> None:
        """Say how many found articles a crawl that stopped early never requested."""
        if spider is not self or not len(self.frontier):
            return
        held = len(self.frontier)
        self.inc_stat("discovery/unrequested", held)
        logger.info(
            "The crawl stopped (%s) before requesting %d article(s) discovery had found; "
            "the next run finds them again",
            reason,
            held,
        )

    def outside_window(self, date: str | None) -> bool:
        return self.since is not None and published_before(date, self.since)

    def article_request(
        self, url: str, hints: dict[str, Any], source: str, *, date: str | None = None
    ) -> Request | None:
        """A request for an article page, or None when discovery skips it."""
        url = strip_tracking(url, self.tracking_params)
        if not self.follows(url, source):
            return None
        if not self.rules.is_article(url, trusted_source=source != "listing"):
            self.inc_stat("discovery/skipped/not_article")
            return None
        if url in self._requested_urls:
            self.inc_stat("discovery/skipped/seen")
            return None
        if self.outside_window(date):
            self.inc_stat("discovery/skipped/too_old")
            return None
        meta = {"newscrawl_hints": hints, "newscrawl_source": source, "newscrawl_article": True}
        if self.since is not None:  # the window and cap travel with the request
            meta["newscrawl_since"] = self.since.isoformat()
        if self.limit is not None:
            meta["newscrawl_limit"] = self.limit
        # Articles an earlier run collected are skipped here, before they count
        # against the limit, so a scheduled run's limit buys new articles.
        verdict = self.incremental.verdict(url, hints.get("lastmod")) if self.incremental else "new"
        if verdict == "collected":
            # Once per URL and run: a URL in two sitemaps, or in a feed and a
            # sitemap, is one collected article (a second sighting is "seen").
            self._requested_urls.add(url)
            self.incremental.count_collected(url)
            return None
        if verdict == "modified":
            meta["newscrawl_refetch"] = True
            self.inc_stat("discovery/refetched/modified")
        if self.limit_reached:
            self.inc_stat("discovery/skipped/limit")
            return None
        try:
            request = self.page_request(
                url,
                callback=self.parse_article,
                errback=self.on_article_error,
                meta=meta,
                priority=ARTICLE_PRIORITY,
            )
        except ValueError as exc:  # no scheme, bad port: skip it, keep the rest
            self.drop_page(url, "bad_url", str(exc))
            return None
        self._requested_urls.add(url)
        self.counters["articles"] = self.counters.get("articles", 0) + 1
        self.inc_stat(f"discovery/articles/{source}")
        return request

    def wants_rendering(self, url: str) -> bool:
        return self.render or any(rule.search(url) for rule in self.render_rules)

    def page_request(self, url: str, **kwargs: Any) -> Request:
        """A request for an HTML page, through the browser when it needs one."""
        if self.wants_rendering(url):
            from newscrawl.browser import render_request

            return render_request(self, url, **kwargs)
        return Request(url, **kwargs)

    # -- articles ---------------------------------------------------------

    @staticmethod
    def is_html(response: Response) -> bool:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        return content_type.split(";")[0].strip().lower() in HTML_TYPES

    def parse_article(self, response: Response) -> Iterator[ArticlePage]:
        self.frontier.answered()
        self.hand_on()
        if not self.is_html(response):
            self.drop_page(response.url, "not_html", "response is not an HTML page")
            return
        if not response.body.strip():
            self.drop_page(response.url, "empty", "empty response body")
            return
        yield ArticlePage.from_response(response, outlet=self.outlet_for(response.url))

    # -- redirects --------------------------------------------------------

    def on_request_scheduled(self, request: Request, spider: Spider) -> None:
        """Refuse a redirect off the outlet's origin, counted, unless the user allows it.

        Redirected requests pass through the scheduler again; this runs
        before it (and before Scrapy's offsite check, which knows only host
        names and drops requests without a count of ours).
        """
        redirected_from = request.meta.get("redirect_urls")
        if spider is not self or not redirected_from or "newscrawl_source" not in request.meta:
            return
        source = request.meta["newscrawl_source"]
        if source in USER_SOURCES:
            offsite = not same_site(redirected_from[0], request.url)
        else:
            offsite = self.rules.refusal(request.url) is not None
        if not offsite:
            return
        if self.settings.getbool("NEWSCRAWL_FOLLOW_OFFSITE_REDIRECTS"):
            request.meta["allow_offsite"] = True
            self.inc_stat("redirects/offsite_followed")
            return
        self.drop_redirect(
            request,
            "offsite_redirect",
            f"redirected from {redirected_from[0]} to another site "
            "(NEWSCRAWL_FOLLOW_OFFSITE_REDIRECTS allows it)",
        )
        raise IgnoreRequest(f"offsite redirect to {request.url}")

    def on_request_dropped(self, request: Request, spider: Spider) -> None:
        """Count a redirect the duplicate filter refused: a loop, or a page already fetched."""
        redirected_from = request.meta.get("redirect_urls")
        if spider is not self or not redirected_from or "newscrawl_source" not in request.meta:
            return
        if request.url in redirected_from:
            self.drop_redirect(request, "redirect_loop", "redirects back to itself")
        else:
            self.drop_redirect(
                request, "redirect_duplicate", "redirects to a page this crawl already requested"
            )

    def drop_redirect(self, request: Request, reason: str, message: str) -> None:
        first = request.meta["redirect_urls"][0]
        if request.meta.get("newscrawl_article"):
            self.drop_page(first, reason, f"{message} ({request.url})")
        else:
            self.drop_document(first, reason, f"{message} ({request.url})")

    # -- failures ---------------------------------------------------------

    def drop_page(self, url: str, reason: str, message: str) -> None:
        logger.warning("Dropped article %s (%s): %s", url, reason, message)
        count_drop(self.crawler.stats, reason)

    def drop_document(self, url: str, reason: str, message: str) -> None:
        logger.warning("Ignored discovery document %s (%s): %s", url, reason, message)
        count_drop(self.crawler.stats, reason)

    def on_article_error(self, failure: Failure) -> None:
        self.frontier.answered()
        self.hand_on()
        if failure.check(AlreadyCollected):
            # Skipped, not dropped (counted as discovery/skipped/collected), and
            # never fetched: it does not use up the limit.
            self.counters["articles"] = self.counters.get("articles", 1) - 1
        else:
            request = failure.request
            self.drop_page(request.url, failure_reason(failure), failure.getErrorMessage())

    def on_discovery_error(self, failure: Failure) -> None:
        request = failure.request
        kind = request.meta.get("newscrawl_source", "discovery")
        self.drop_document(
            request.url, f"{kind}_{failure_reason(failure)}", failure.getErrorMessage()
        )


# Failure reasons by exception class name, so that Twisted's exceptions and
# the ones newer Scrapy versions raise in their place map to one stats key.
FAILURE_REASONS = {
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "DNSLookupError": "dns_error",
    "CannotResolveHostError": "dns_error",
    "ConnectionRefusedError": "connection_refused",
    "DownloadConnectionRefusedError": "connection_refused",
    "ConnectionLost": "connection_lost",
    "ResponseNeverReceived": "no_response",
    "ResponseDataLossError": "data_loss",
    "_DataLoss": "data_loss",
    "DownloadCancelledError": "cancelled",
    "IgnoreRequest": "ignored",
}


def discovery_ahead(settings: BaseSettings) -> int:
    """How many unanswered article requests the frontier lets into Scrapy's scheduler.

    0 (no frontier) when the scheduler's queue is not in this process's memory:
    on disk under JOBDIR, or in Redis for a distributed crawl, where holding
    requests back would only lose them to a kill.
    """
    # The environment too: the Redis profile add-on copies NEWSCRAWL_REDIS_URL
    # from there only after the spider is built.
    if settings.get("JOBDIR") or redis_url(settings):
        return 0
    return max(0, settings.getint("NEWSCRAWL_DISCOVERY_AHEAD"))


def found_in(response: Response) -> tuple[str, int]:
    """The URL and depth a request for an article listed in ``response`` gets."""
    meta = response.request.meta if response.request is not None else {}
    return response.url, meta.get("depth", 0) + 1


def listed_referrer(listed_in: str, url: str) -> str | None:
    """The Referer of a request for ``url`` found in ``listed_in``, by Scrapy's
    default policy (none from https to http, nor from a non-web document)."""
    return _REFERRER_POLICY.referrer(listed_in, url)


_REFERRER_POLICY = DefaultReferrerPolicy()


def failure_reason(failure: Failure) -> str:
    """A short stats key for why a request failed."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
        return "robots_forbidden"
    if failure.check(IgnoreRequest) and "max redirections" in str(failure.value):
        return "too_many_redirects"
    for cls in type(failure.value).__mro__:
        if cls.__name__ in FAILURE_REASONS:
            return FAILURE_REASONS[cls.__name__]
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", type(failure.value).__name__)
    return "_".join(word.lower() for word in words) or "error"
