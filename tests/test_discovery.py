"""Discovery in isolation: URLs, sitemaps, feeds, untrusted XML, the spider's filters."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy.http import TextResponse, XmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newscrawl.demo.server import Page, SiteServer
from newscrawl.discovery.feeds import parse_feed
from newscrawl.discovery.sitemaps import parse_sitemap, sitemap_body
from newscrawl.discovery.urls import UrlRules, looks_like_article, strip_tracking
from newscrawl.discovery.xml import XmlError
from newscrawl.incremental.middleware import AlreadyCollected
from newscrawl.outlet import Outlet
from newscrawl.spiders.base import (
    NewsSpider,
    SpiderArgumentError,
    discovery_ahead,
    listed_referrer,
)
from newscrawl.spiders.site import SiteSpider

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example/world/2026/11/22/summit-ends-without-deal</loc>
    <lastmod>2026-11-22T10:00:00Z</lastmod>
    <news:news>
      <news:publication>
        <news:name>Example News</news:name><news:language>de</news:language>
      </news:publication>
      <news:publication_date>2026-11-22T09:30:00+01:00</news:publication_date>
      <news:title>Gipfel endet ohne Einigung</news:title>
      <news:keywords>Gipfel, Klima</news:keywords>
    </news:news>
  </url>
  <url><loc>/relative/path-to-a-story</loc></url>
</urlset>"""


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://Example.COM:443/a/b?utm_source=x&id=7&fbclid=1#top",
            "https://example.com/a/b?id=7",
        ),
        ("http://example.com:8080/x?gclid=1", "http://example.com:8080/x"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/p?b=2&a=1&mc_cid=9", "https://example.com/p?b=2&a=1"),
        ("file:///tmp/page.html", "file:///tmp/page.html"),
        ("http://[::1]:8080/a?x=1", "http://[::1]:8080/a?x=1"),
        ("https://e.com/p?q=caf%E9&id&a=%20b", "https://e.com/p?q=caf%E9&id&a=%20b"),
        ("https://user:pw@E.com:443/x", "https://user:pw@e.com/x"),
        ("https://e.com:99999/x", "https://e.com:99999/x"),
    ],
)
def test_strip_tracking_strips_tracking_and_fragment(url, canonical):
    assert strip_tracking(url) == canonical


def test_strip_tracking_takes_extra_params():
    assert strip_tracking("https://e.com/a?x=1&y=2", ["X"]) == "https://e.com/a?y=2"


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://e.com/world/2026/11/22/summit", True),
        ("https://e.com/politics/minister-resigns-after-vote-on-budget", True),
        ("https://e.com/news/story_2871455.html", True),
        ("https://e.com/tag/politics-and-the-budget-vote-now/", False),
        ("https://e.com/world/", False),
        ("https://e.com/about", False),
        ("https://e.com/img/a-very-long-picture-name-here.jpg", False),
    ],
)
def test_looks_like_article(url, article):
    assert looks_like_article(url) is article


def test_url_rules_domains_ports_and_patterns():
    rules = UrlRules(["example.com"], article=[r"/article-\d+"], exclude=[r"/video/"])
    assert rules.is_article("https://www.example.com/news/article-123")
    assert rules.is_article("http://example.com:8080/news/article-123")
    assert not rules.is_article("https://example.com/video/article-123")
    assert not rules.is_article("https://notexample.com/news/article-123")
    assert not rules.is_article("https://example.com/news/other-long-slug-with-words")
    guessing = UrlRules(["example.com"])
    assert guessing.is_article("https://example.com/section", trusted_source=True)
    assert not guessing.is_article("https://example.com/section")


def test_news_sitemap_keeps_news_fields():
    sitemap = parse_sitemap(NEWS_SITEMAP, "https://news.example/sitemap.xml")
    assert sitemap.kind == "urlset" and not sitemap.truncated
    first, second = sitemap.entries
    assert first.news_title == "Gipfel endet ohne Einigung"
    assert first.news_published == "2026-11-22T09:30:00+01:00"
    assert first.news_language == "de"
    assert first.news_keywords == ["Gipfel", "Klima"]
    assert first.publication_name == "Example News"
    assert first.hints()["title"] == "Gipfel endet ohne Einigung"
    assert second.loc == "https://news.example/relative/path-to-a-story"


def test_sitemap_index_and_gzip():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://e.com/s1.xml.gz</loc><lastmod>2026-01-01</lastmod></sitemap>
    </sitemapindex>"""
    parsed = parse_sitemap(sitemap_body(gzip.compress(index)), "https://e.com/")
    assert parsed.kind == "sitemapindex"
    assert [(e.loc, e.lastmod) for e in parsed.entries] == [
        ("https://e.com/s1.xml.gz", "2026-01-01")
    ]


def test_gzip_bomb_is_capped():
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(XmlError) as error:
        sitemap_body(bomb, max_size=1_000_000)
    assert error.value.reason == "gzip"


def test_truncated_sitemap_keeps_complete_entries():
    body = NEWS_SITEMAP[: NEWS_SITEMAP.index(b"</urlset>")] + b"<url><loc>https://news.exa"
    sitemap = parse_sitemap(body, "https://news.example/")
    assert sitemap.truncated
    assert [e.loc for e in sitemap.entries] == [
        "https://news.example/world/2026/11/22/summit-ends-without-deal",
        "https://news.example/relative/path-to-a-story",
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x00\x01garbage\xff", "malformed"),
        (b"<html><body>Not a sitemap</body></html>", "not_sitemap"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<urlset><url><loc>&b;</loc></url></urlset>",
            "xml_entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<urlset><url><loc>&xxe;</loc></url></urlset>",
            "xml_entities",
        ),
    ],
)
def test_untrusted_sitemaps_are_refused_with_a_reason(body, reason):
    with pytest.raises(XmlError) as error:
        parse_sitemap(body, "https://e.com/")
    assert error.value.reason == reason


def test_external_dtd_is_not_fetched():
    dtd = Page(b'<!ENTITY home "https://e.com/from-the-dtd">', "application/xml-dtd")
    with SiteServer({"/evil.dtd": dtd}) as server:
        body = (
            f'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "{server.base_url}/evil.dtd">'
            "<urlset><url><loc>https://e.com/a-b-c-d</loc></url>"
            "<url><loc>&home;</loc></url></urlset>"
        ).encode()
        sitemap = parse_sitemap(body, "https://e.com/")
        assert server.requested("/evil.dtd") == 0
    # The entity the DTD would define is never read: its entry is left empty and skipped.
    assert [e.loc for e in sitemap.entries] == ["https://e.com/a-b-c-d"]


def test_entity_declarations_are_refused_however_hidden():
    hidden_in_comment = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!-- ] --><!ENTITY a "aaaa">]>'
        b"<urlset><url><loc>https://e.com/&a;</loc></url></urlset>"
    )
    utf16 = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        "<urlset><url><loc>https://e.com/&a;</loc></url></urlset>"
    ).encode("utf-16")
    after_a_long_comment = b"<!--" + b" " * 70_000 + b"-->" + hidden_in_comment[21:]
    for body in (hidden_in_comment, utf16, after_a_long_comment):
        with pytest.raises(XmlError) as error:
            parse_sitemap(body, "https://e.com/")
        assert error.value.reason == "xml_entities"


@pytest.mark.parametrize(
    "body",
    [
        b"<urlset><url><loc>https://e.com/a</loc></url><url><loc>https://e.com/b</loc></url>"
        b"</urlset>\n<!-- XML Sitemap generated by Yoast SEO -->",
        b'<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sm:url><sm:loc>https://e.com/a</sm:loc></sm:url>"
        b"<sm:url><sm:loc>https://e.com/b</sm:loc></sm:url></sm:urlset>",
        '<?xml version="1.0" encoding="UTF-16"?><urlset><url><loc>https://e.com/a</loc></url>'
        "<url><loc>https://e.com/b</loc></url></urlset>".encode("utf-16"),
    ],
)
def test_whole_sitemaps_are_not_taken_for_truncated(body):
    sitemap = parse_sitemap(body, "https://e.com/")
    assert not sitemap.truncated
    assert [e.loc for e in sitemap.entries] == ["https://e.com/a", "https://e.com/b"]


def test_rss_feed():
    body = b"""<?xml version="1.0"?>
    <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <item><title>One</title><link>https://e.com/one-story-here</link>
        <pubDate>Sun, 22 Nov 2026 10:00:00 +0000</pubDate><dc:creator>Ann Lee</dc:creator>
        <category>Politics</category></item>
      <item><title>Guid only</title><guid>https://e.com/guid-story</guid></item>
      <item><title>Not a permalink</title><guid isPermaLink="false">abc-123</guid></item>
    </channel></rss>"""
    entries = parse_feed(body, "https://e.com/rss")
    assert [e.url for e in entries] == ["https://e.com/one-story-here", "https://e.com/guid-story"]
    assert entries[0].published == "Sun, 22 Nov 2026 10:00:00 +0000"
    assert entries[0].authors == ["Ann Lee"]
    assert entries[0].tags == ["Politics"]


def test_rss_links_and_guids_that_are_not_pages():
    body = b"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
      <item><atom:link href="https://e.com/feed" rel="self"/><link>https://e.com/real-story</link></item>
      <item><title>Guid is an id</title><guid>12345</guid></item>
    </channel></rss>"""
    entries = parse_feed(body, "https://e.com/rss")
    assert [e.url for e in entries] == ["https://e.com/real-story"]
    assert entries.without_link == 1


def test_entries_without_a_url_are_counted():
    spider = make_spider()
    sitemap = XmlResponse(
        "https://e.com/s.xml",
        body=b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><lastmod>2026-01-01</lastmod></url><url><loc> </loc></url>"
        b"<url><loc>https://e.com/a-b-c-d</loc></url></urlset>",
    )
    assert len(list(spider.parse_sitemap(sitemap))) == 1
    feed = XmlResponse(
        "https://e.com/rss.xml",
        body=b"<rss><channel><item><title>no link</title></item></channel></rss>",
    )
    assert list(spider.parse_feed(feed)) == []
    assert spider.crawler.stats.get_value("newscrawl/discovery/skipped/no_url") == 3


def test_atom_and_rdf_feeds():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
      <link rel="enclosure" href="https://e.com/a.mp3"/>
      <link rel="alternate" type="text/html" href="/a-story"/>
      <published>2026-11-22T10:00:00Z</published><author><name>Bo</name></author>
      <category term="World"/></entry></feed>"""
    (entry,) = parse_feed(atom, "https://e.com/feed")
    assert (entry.url, entry.published, entry.authors, entry.tags) == (
        "https://e.com/a-story",
        "2026-11-22T10:00:00Z",
        ["Bo"],
        ["World"],
    )
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><item><title>R</title>
      <link>https://e.com/rdf-story</link></item></rdf:RDF>"""
    assert [e.url for e in parse_feed(rdf, "https://e.com/")] == ["https://e.com/rdf-story"]


def test_atom_xml_base_rebases_links():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://e.com/news/">
      <entry><title>A</title><link href="a-story"/></entry>
      <entry xml:base="https://e.com/sport/"><title>B</title><link href="b-story"/></entry>
    </feed>"""
    assert [e.url for e in parse_feed(atom, "https://e.com/feed.xml")] == [
        "https://e.com/news/a-story",
        "https://e.com/sport/b-story",
    ]


def test_feed_rejects_non_feeds():
    with pytest.raises(XmlError) as error:
        parse_feed(b"<urlset></urlset>", "https://e.com/")
    assert error.value.reason == "not_feed"


class ExampleSpider(NewsSpider):
    name = "example"
    outlet = Outlet(name="Example", domains=("e.com",), sitemaps=("https://e.com/s.xml",))


def make_spider(cls=ExampleSpider, **kwargs):
    crawler = get_crawler(cls)
    return cls.from_crawler(crawler, **kwargs)


def sitemap_of(count: int, start: int = 0) -> XmlResponse:
    entries = "".join(
        f"<url><loc>https://e.com/2026/11/story-number-{n:05d}</loc></url>"
        for n in range(start, start + count)
    )
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    return XmlResponse(f"https://e.com/s-{start}.xml", body=xml.encode())


class Engine:
    """Stands in for Scrapy's engine: keeps what the spider hands it."""

    def __init__(self) -> None:
        self.handed: list[Request] = []

    def crawl(self, request: Request) -> None:
        self.handed.append(request)


def test_the_frontier_lets_only_so_many_unanswered_article_requests_into_the_scheduler():
    crawler = get_crawler(ExampleSpider, settings_dict={"NEWSCRAWL_DISCOVERY_AHEAD": 3})
    spider = ExampleSpider.from_crawler(crawler)
    crawler.engine = engine = Engine()
    first = list(spider.parse_sitemap(sitemap_of(10)))
    assert [r.url[-5:] for r in first] == ["00000", "00001", "00002"]
    # A second sitemap finds more; they wait behind the first one's.
    assert list(spider.parse_sitemap(sitemap_of(4, start=10))) == []
    assert len(spider.frontier) == 11
    # Each answer, a page or a failure, lets the next one in, in discovery order.
    article = Request(first[0].url, meta={"depth": 7})
    page = TextResponse(article.url, body=b"<html><p>x</p></html>", request=article)
    page.headers[b"Content-Type"] = b"text/html"
    assert not any(isinstance(out, Request) for out in spider.parse_article(page))
    failure = Failure(AlreadyCollected("collected"))
    failure.request = first[1]
    spider.on_article_error(failure)
    assert [r.url[-5:] for r in engine.handed] == ["00003", "00004"]
    # They read as listed in their sitemap, not as links of the article that
    # made room: an answer's depth would grow along the chain past DEPTH_LIMIT.
    assert {r.meta["depth"] for r in engine.handed} == {1}
    assert {r.headers.get(b"Referer") for r in engine.handed} == {b"https://e.com/s-0.xml"}
    # Discovery counts each article once it is requested, not when found.
    assert crawler.stats.get_value("newscrawl/discovery/articles/sitemap") == 5
    assert len(spider.frontier) == 9


def test_an_idle_crawl_hands_on_what_the_frontier_holds_even_when_answers_went_missing():
    crawler = get_crawler(ExampleSpider, settings_dict={"NEWSCRAWL_DISCOVERY_AHEAD": 2})
    spider = ExampleSpider.from_crawler(crawler)
    assert len(list(spider.parse_sitemap(sitemap_of(5)))) == 2
    # Both requests were dropped unanswered (say, by a middleware): no answer
    # ever makes room, but Scrapy going idle does.
    crawler.engine = engine = Engine()
    with pytest.raises(DontCloseSpider):
        spider.on_idle(spider)
    assert [r.url[-5:] for r in engine.handed] == ["00002", "00003"]
    with pytest.raises(DontCloseSpider):
        spider.on_idle(spider)
    assert engine.handed[-1].url.endswith("00004") and len(spider.frontier) == 0
    spider.on_idle(spider)  # nothing held: the spider may close
    assert len(engine.handed) == 3


def test_found_articles_a_stopped_crawl_never_requested_are_counted():
    crawler = get_crawler(ExampleSpider, settings_dict={"NEWSCRAWL_DISCOVERY_AHEAD": 2})
    spider = ExampleSpider.from_crawler(crawler)
    assert len(list(spider.parse_sitemap(sitemap_of(5)))) == 2
    spider.on_closed(spider, "closespider_timeout")
    assert crawler.stats.get_value("newscrawl/discovery/unrequested") == 3


def test_no_referer_from_https_to_http():
    assert listed_referrer("https://e.com/s.xml", "https://e.com/a") == "https://e.com/s.xml"
    assert listed_referrer("http://e.com/s.xml", "https://e.com/a") == "http://e.com/s.xml"
    assert not listed_referrer("https://e.com/s.xml", "http://e.com/a")
    assert not listed_referrer("file:///tmp/s.xml", "http://e.com/a")


def test_no_frontier_where_the_scheduler_queue_is_not_in_memory(tmp_path, monkeypatch):
    for settings in ({"JOBDIR": str(tmp_path)}, {"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:1"}):
        assert discovery_ahead(Settings({"NEWSCRAWL_DISCOVERY_AHEAD": 5, **settings})) == 0
    assert discovery_ahead(Settings({"NEWSCRAWL_DISCOVERY_AHEAD": 5})) == 5
    # The documented way to go distributed: the URL in the environment only.
    monkeypatch.setenv("NEWSCRAWL_REDIS_URL", "redis://127.0.0.1:1")
    assert discovery_ahead(Settings({"NEWSCRAWL_DISCOVERY_AHEAD": 5})) == 0


def test_spider_window_limit_and_dedup():
    spider = make_spider(since="1d", limit="2")
    old = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    fresh = datetime.now(UTC).isoformat()
    assert spider.article_request("https://e.com/x-y-z-w", {}, "sitemap", date=old) is None
    first = spider.article_request("https://e.com/a-b-c-d?utm_source=x", {}, "sitemap", date=fresh)
    assert first is not None and first.url == "https://e.com/a-b-c-d"
    assert spider.article_request("https://e.com/a-b-c-d#c", {}, "feed") is None  # seen
    assert spider.article_request("https://e.com/b-c-d-e", {}, "feed") is not None
    assert spider.article_request("https://e.com/c-d-e-f", {}, "feed") is None  # limit
    assert spider.article_request("https://other.com/c-d-e-f", {}, "feed") is None  # offsite
    stats = spider.crawler.stats
    assert stats.get_value("newscrawl/discovery/skipped/too_old") == 1
    assert stats.get_value("newscrawl/discovery/skipped/seen") == 1
    assert stats.get_value("newscrawl/discovery/skipped/limit") == 1


def test_a_bare_date_keeps_todays_articles_in_a_short_window():
    spider = make_spider(since="2h")
    today = datetime.now(UTC).date().isoformat()
    assert spider.article_request("https://e.com/x-y-z-w", {}, "sitemap", date=today) is not None


def test_one_bad_entry_does_not_end_the_sitemap():
    spider = make_spider()
    body = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://e.com:99999/bad-port-story-here</loc></url>"
        b"<url><loc>https://e.com:abc/bad-port-story-two</loc></url>"
        b"<url><loc>https://e.com/good-story-after-them</loc></url></urlset>"
    )
    response = XmlResponse("https://e.com/s.xml", body=body)
    urls = [request.url for request in spider.parse_sitemap(response)]
    assert urls[-1] == "https://e.com/good-story-after-them"


def test_limit_stops_discovery_and_skipped_articles_give_their_slot_back():
    spider = make_spider(limit="1")
    first = spider.article_request("https://e.com/a-b-c-d", {}, "sitemap")
    spider.on_article_error(Failure(AlreadyCollected("collected"), exc_tb=None))
    second = spider.article_request("https://e.com/b-c-d-e", {}, "sitemap")
    assert first is not None and second is not None
    assert spider.limit_reached
    index = XmlResponse(
        "https://e.com/index.xml",
        body=b"<sitemapindex><sitemap><loc>https://e.com/s2.xml</loc></sitemap></sitemapindex>",
    )
    assert list(spider.parse_sitemap(index)) == []


def test_reserved_arguments_are_refused():
    with pytest.raises(SpiderArgumentError, match="outlet"):
        ExampleSpider(outlet="X")
    # From the crawler, as `scrapy crawl` builds it: one line, no traceback.
    with pytest.raises(SystemExit, match="outlet"):
        make_spider(outlet="X")


def test_spider_arguments_replace_outlet_sources():
    spider = make_spider(feed="http://127.0.0.1:1/f.xml", domains="127.0.0.1")
    assert spider.outlet.sitemaps == ()
    assert spider.outlet.feeds == ("http://127.0.0.1:1/f.xml",)
    assert spider.allowed_domains == ["127.0.0.1"]


@pytest.mark.parametrize("args", [{"since": "yesterday-ish"}, {"limit": "-1"}, {"limit": "x"}])
def test_bad_spider_arguments_fail_loudly(args):
    with pytest.raises(SpiderArgumentError):
        ExampleSpider(**args)
    with pytest.raises(SystemExit, match=f"-a {next(iter(args))}="):
        make_spider(**args)


def test_site_spider_derives_domains():
    spider = make_spider(SiteSpider, sitemap="https://www.news.example/robots.txt")
    assert spider.outlet.domains == ("news.example",)
    with pytest.raises(SystemExit, match="-a sitemap=URL"):
        make_spider(SiteSpider)
    with pytest.raises(SystemExit, match="domains"):
        make_spider(SiteSpider, sitemap="file:///tmp/sitemap.xml")
    assert make_spider(SiteSpider, sitemap="file:///tmp/s.xml", domains="e.com").outlet.domains


def test_text_sitemap():
    body = b"https://e.com/one-story\nhttps://e.com/two-story\n"
    sitemap = parse_sitemap(body, "https://e.com/sitemap.txt")
    assert [e.loc for e in sitemap.entries] == [
        "https://e.com/one-story",
        "https://e.com/two-story",
    ]
    with pytest.raises(XmlError):
        parse_sitemap(b"not a sitemap at all", "https://e.com/sitemap.txt")


def test_robots_without_sitemaps_is_counted():
    spider = make_spider()
    robots = TextResponse("https://e.com/robots.txt", body=b"User-agent: *\nDisallow:\n")
    assert list(spider.parse_sitemap(robots)) == []
    assert spider.crawler.stats.get_value("newscrawl/dropped/robots_no_sitemap") == 1


# -- hostile and large discovery documents (issue 10, points 1 and 8) ---------


def sitemap_spider(**settings):
    crawler = get_crawler(
        ExampleSpider, settings_dict={"DOWNLOAD_MAXSIZE": 20 * 1024**2, **settings}
    )
    return ExampleSpider.from_crawler(crawler)


def test_a_gzipped_sitemap_past_the_download_cap_is_read_up_to_its_own_cap():
    entries = "".join(
        f"<url><loc>https://e.com/2026/11/story-{n:06d}-{'x' * 1800}</loc></url>"
        for n in range(12_000)
    )
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    body = gzip.compress(xml.encode())
    assert len(xml) > 20 * 1024**2 and len(body) < 1024**2
    spider = sitemap_spider(NEWSCRAWL_DISCOVERY_AHEAD=0)
    requests = list(spider.parse_sitemap(XmlResponse("https://e.com/s.xml.gz", body=body)))
    assert len(requests) == 12_000
    small = sitemap_spider(NEWSCRAWL_SITEMAP_MAXSIZE=1024**2)
    assert list(small.parse_sitemap(XmlResponse("https://e.com/s.xml.gz", body=body))) == []
    assert small.crawler.stats.get_value("newscrawl/dropped/sitemap_gzip") == 1


def test_sitemap_requests_carry_the_sitemap_cap():
    spider = sitemap_spider(NEWSCRAWL_SITEMAP_MAXSIZE=12345)
    (request,) = spider.source_requests(spider.outlet)
    assert request.meta["download_maxsize"] == 12345
    index = XmlResponse(
        "https://e.com/index.xml",
        body=b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://e.com/s2.xml</loc></sitemap></sitemapindex>",
    )
    (child,) = spider.parse_sitemap(index)
    assert child.meta["download_maxsize"] == 12345


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://e.com/a-b-c-d", None),
        ("http://www.e.com/a-b-c-d", None),
        ("https://e.com:443/a-b-c-d", None),
        ("file://e.com/etc/passwd", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://e.com/a-b-c-d", "scheme"),
        ("https://e.com:8443/a-b-c-d", "port"),
        ("http://e.com:6379/a-b-c-d", "port"),
        ("https://e.com.evil.example/a-b-c-d", "offsite"),
        ("https://e.com:abc/a-b-c-d", "bad_url"),
        ("https:///a-b-c-d", "bad_url"),
    ],
)
def test_the_origin_rule(url, reason):
    rules = UrlRules(("e.com",))
    assert rules.refusal(url) == reason


def test_the_ports_of_the_outlets_own_sources_and_configured_ones_pass():
    rules = UrlRules(("e.com",))
    rules.add_source("https://e.com:8443/sitemap.xml")
    rules.add_source("https://other.example:9000/sitemap.xml")
    assert rules.refusal("https://e.com:8443/a-b-c-d") is None
    assert rules.refusal("https://e.com:9000/a-b-c-d") == "port"
    spider = sitemap_spider(NEWSCRAWL_DISCOVERY_PORTS=[9000], NEWSCRAWL_DISCOVERY_SCHEMES=["https"])
    assert spider.rules.refusal("https://e.com:9000/a-b-c-d") is None
    assert spider.rules.refusal("http://e.com/a-b-c-d") == "scheme"


def test_sitemap_index_entries_and_robots_lines_pass_the_origin_rule():
    spider = make_spider()
    robots = TextResponse(
        "https://e.com/robots.txt",
        body=b"Sitemap: https://e.com/s1.xml\nSitemap: file://e.com/etc/passwd\n"
        b"Sitemap: https://e.com:6379/s2.xml\nSitemap: https://evil.example/s3.xml\n",
    )
    assert [r.url for r in spider.parse_sitemap(robots)] == ["https://e.com/s1.xml"]
    index = XmlResponse(
        "https://e.com/index.xml",
        body=b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>file://e.com/home/user/.ssh/id_rsa</loc></sitemap>"
        b"<sitemap><loc>https://e.com/s4.xml</loc></sitemap></sitemapindex>",
    )
    assert [r.url for r in spider.parse_sitemap(index)] == ["https://e.com/s4.xml"]
    stats = spider.crawler.stats
    assert stats.get_value("newscrawl/discovery/skipped/scheme") == 2
    assert stats.get_value("newscrawl/discovery/skipped/port") == 1
    assert stats.get_value("newscrawl/discovery/skipped/offsite") == 1


def test_listing_links_not_followed_are_counted_with_their_reason():
    spider = make_spider(start="https://e.com/news/")
    listing = TextResponse(
        "https://e.com/news/",
        headers={"Content-Type": "text/html"},
        body=b'<html><body><a href="/2026/11/a-long-story-slug-here">1</a>'
        b'<a href="/about/">short</a><a href="/tag/x">tag</a><a href="/short-slug">s</a>'
        b'<a href="https://elsewhere.example/a-long-story-slug-there">off</a>'
        b'<a href="file:///etc/passwd">file</a></body></html>',
        request=Request("https://e.com/news/"),
    )
    urls = [r.url for r in spider.parse_listing(listing)]
    assert urls == ["https://e.com/2026/11/a-long-story-slug-here"]
    stats = spider.crawler.stats
    assert stats.get_value("newscrawl/discovery/skipped/not_article") == 3
    assert stats.get_value("newscrawl/discovery/skipped/offsite") == 1
    assert stats.get_value("newscrawl/discovery/skipped/scheme") == 1


def test_a_collected_url_counts_once_however_often_it_is_met(tmp_path):
    from newscrawl.incremental.middleware import SkipCollectedMiddleware

    crawler = get_crawler(
        ExampleSpider,
        settings_dict={"NEWSCRAWL_DATA_DIR": str(tmp_path), "NEWSCRAWL_INCREMENTAL": True},
    )
    spider = ExampleSpider.from_crawler(crawler)
    url = "https://e.com/a-b-c-d"
    spider.incremental.record.add([url])
    # In two sitemaps and a feed, then as a request an earlier run queued (JOBDIR).
    for source in ("sitemap", "feed", "sitemap"):
        assert spider.article_request(url, {}, source) is None
    queued = Request(url, meta={"newscrawl_article": True})
    with pytest.raises(AlreadyCollected):
        SkipCollectedMiddleware(crawler).process_request(queued)
    stats = crawler.stats
    assert stats.get_value("newscrawl/discovery/skipped/collected") == 1
    assert stats.get_value("newscrawl/discovery/skipped/seen") == 2
    spider.incremental.close()
