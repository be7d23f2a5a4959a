"""The pipeline stages on their own, with a real crawler's settings and stats."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import signal
from dataclasses import dataclass

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl import Addon
from newscrawl.incremental import RecordCollectedPipeline
from newscrawl.items import Article, ArticlePage
from newscrawl.logformatter import NewsLogFormatter
from newscrawl.outlet import Outlet
from newscrawl.pipelines.deduplication import DeduplicationPipeline
from newscrawl.pipelines.extraction import ExtractionPipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validation import ValidationPipeline, count_words
from newscrawl.spiders.site import SiteSpider

PAGE = b"""<html lang="en"><head><title>Harbour works start</title>
<link rel="canonical" href="https://e.com/harbour-works-start?utm_source=x&amp;ref_id=7"></head>
<body><article><h1>Harbour works start</h1>
<p>Engineers began replacing the worn joints of the harbour bridge on Monday, closing two of its
four lanes for what the county council says will be six weeks of work.</p>
<p>Buses keep a lane in each direction, but drivers were told to expect delays at peak times and
to use the ring road where they can while the repairs go on.</p>
</article></body></html>"""


@dataclass
class Other:
    """Somebody else's item type: no article fields at all."""

    name: str


def crawler_with(**settings):
    crawler = get_crawler(SiteSpider, settings)
    crawler.spider = SiteSpider.from_crawler(crawler, start="https://e.com/news/")
    return crawler


def test_items_of_other_types_pass_validation_and_deduplication():
    crawler = crawler_with()
    validation, dedup = ValidationPipeline(crawler), DeduplicationPipeline(crawler)
    for item in (Other("a"), Other("b"), {"title": "no url, no text"}):
        assert dedup.process_item(validation.process_item(item)) is item


def test_validation_counts_words_of_unspaced_scripts():
    assert count_words("北京市今天发布了新的交通规定") == 14
    assert count_words("Moscow is working, actively, with Damascus.") == 6
    assert count_words("Moscow is working, actively, with Damascus.", up_to=4) == 4
    assert count_words("Too short.", up_to=4) == 2
    crawler = crawler_with(NEWSCRAWL_MIN_WORDS=10)
    article = Article(url="https://e.com/a", text="北京市今天发布了新的交通规定")
    assert ValidationPipeline(crawler).process_item(article) is article
    with pytest.raises(DropItem):
        ValidationPipeline(crawler).process_item(Article(url="https://e.com/b", text="Too short."))
    assert crawler.stats.get_value("newscrawl/dropped/too_short") == 1


def test_extraction_strips_extra_tracking_params_from_the_canonical_url():
    crawler = crawler_with(NEWSCRAWL_TRACKING_PARAMS=["ref_id"])
    page = ArticlePage(url="https://e.com/harbour-works-start", body=PAGE)
    article = asyncio.run(ExtractionPipeline(crawler).process_item(page))
    assert article.canonical_url == "https://e.com/harbour-works-start"
    assert "harbour bridge" in article.text


def test_extraction_pool_survives_a_dead_worker():
    crawler = crawler_with(NEWSCRAWL_EXTRACTION_WORKERS=1)
    pipeline = ExtractionPipeline(crawler)
    pipeline.open_spider()

    async def crawl() -> Article:
        page = ArticlePage(url="https://e.com/harbour-works-start", body=PAGE)
        await pipeline.process_item(page)  # the worker is up
        for pid in list(pipeline.pool._processes):
            os.kill(pid, signal.SIGKILL)
        article = await pipeline.process_item(page)
        await pipeline.close_spider()
        return article

    article = asyncio.run(crawl())
    assert "harbour bridge" in article.text
    assert crawler.stats.get_value("newscrawl/extraction/pool_restarts") == 1


def test_log_lines_name_the_article_and_keep_drop_levels():
    formatter = NewsLogFormatter()
    page = ArticlePage(url="https://e.com/a", body=b"<html>" + b"x" * 100_000)
    dropped = formatter.dropped(page, DropItem("too_short: 3 words", log_level="DEBUG"), None, None)
    assert dropped["level"] in (logging.DEBUG, "DEBUG")
    assert dropped["args"]["url"] == "https://e.com/a"
    error = formatter.item_error(page, ValueError("boom"), None, None)
    assert "xxxx" not in (error["msg"] % error["args"])
    assert "xxxx" not in repr(page)


# -- the input contract: any spider, any items -------------------------------

DATED_PAGE = PAGE.replace(
    b"</head>", b'<meta property="article:published_time" content="2020-03-01T08:00:00Z"></head>'
)
# Reads like article text, so only the outlet's own drop_selectors remove it.
NOTE = b'<p class="harbour-note">The harbour office answers questions on weekdays from nine.</p>'
NOTE_PAGE = PAGE.replace(b"</article>", NOTE + b"</article>")


def addon_crawler(tmp_path, **settings):
    """A plain Scrapy crawler (no newscrawl spider) with newscrawl.Addon enabled."""
    return get_crawler(
        settings_dict={
            "ADDONS": {Addon: 500},
            "NEWSCRAWL_DATA_DIR": str(tmp_path),
            "NEWSCRAWL_SYNDICATION_STORE": "memory://",
            **settings,
        }
    )


def response_for(url: str, body: bytes, **meta) -> HtmlResponse:
    request = Request(url, meta=meta)
    return HtmlResponse(url, body=body, request=request, headers={"Content-Type": "text/html"})


def newscrawl_pipelines(crawler) -> list:
    pipelines = [
        ExtractionPipeline(crawler),
        DeduplicationPipeline(crawler),
        ValidationPipeline(crawler),
        SyndicationPipeline.from_crawler(crawler),
        RecordCollectedPipeline(crawler),
    ]
    for pipeline in pipelines:
        if hasattr(pipeline, "open_spider"):
            pipeline.open_spider()
    return pipelines


async def through(pipelines: list, item):
    for pipeline in pipelines:
        result = pipeline.process_item(item)
        item = await result if asyncio.iscoroutine(result) else result
    return item


def test_other_items_pass_every_newscrawl_component_untouched(tmp_path):
    crawler = addon_crawler(tmp_path)
    pipelines = newscrawl_pipelines(crawler)
    long_text = " ".join(["Engineers began replacing the worn joints of the bridge."] * 20)
    items = [
        {"url": "https://e.com/a", "status": 200},
        {"url": "https://e.com/a", "text": "Short."},  # same url, short text
        {"url": "https://e.com/b", "canonical_url": "https://e.com/a", "text": long_text},
        {"url": "https://e.com/c", "text": long_text, "published": "2001-01-01"},
        Other("x"),
    ]

    async def run():
        for item in items:
            before = copy.deepcopy(item)
            assert await through(pipelines, item) is item
            assert item == before

    asyncio.run(run())
    stats = crawler.stats.get_stats()
    assert not [key for key in stats if key.startswith(("newscrawl/dropped", "newscrawl/synd"))]


def test_any_spider_yielding_article_pages_gets_clean_syndicated_articles(tmp_path):
    crawler = addon_crawler(tmp_path)
    pipelines = newscrawl_pipelines(crawler)
    page = ArticlePage.from_response(response_for("https://e.com/harbour-works-start", PAGE))
    assert page.fetched_at and page.source is None and page.hints == {}
    article = asyncio.run(through(pipelines, page))
    assert isinstance(article, Article)
    assert "harbour bridge" in article.text and article.fetched_at == page.fetched_at
    assert article.syndication and article.syndication["cluster_id"]
    # A page built by hand gets its fetch time too.
    assert ArticlePage(url="https://e.com/x", body=b"").fetched_at


def test_wire_credit_is_searched_once_a_page_and_still_for_hand_built_articles(
    tmp_path, monkeypatch
):
    import newscrawl.pipelines.extraction as extraction_module
    import newscrawl.syndication.index as index_module

    searched: list[str] = []
    for module in (extraction_module, index_module):
        real = module.detect_wire

        def counting(text, *args, _real=real, **kwargs):
            searched.append(text)
            return _real(text, *args, **kwargs)

        monkeypatch.setattr(module, "detect_wire", counting)
    crawler = addon_crawler(tmp_path)
    pipelines = newscrawl_pipelines(crawler)
    page = ArticlePage.from_response(response_for("https://e.com/harbour-works-start", PAGE))
    article = asyncio.run(through(pipelines, page))
    assert article.wire is None and len(searched) == 1, "extraction searched, the index did not"

    # An Article a spider built itself was searched by nobody: the index does it.
    credited = "LONDON (Reuters) - " + article.text.replace("\n\n", " ")
    built = Article(url="https://e.com/built", text=credited)
    assert asyncio.run(through(pipelines[1:], built)).syndication["wire"] == "Reuters"
    # A text rewritten after extraction is searched again.
    page = ArticlePage.from_response(response_for("https://e.com/rewritten", PAGE))
    extracted = asyncio.run(pipelines[0].process_item(page))
    extracted.text, extracted.canonical_url = credited + " Rewritten.", extracted.url
    assert asyncio.run(through(pipelines[1:], extracted)).syndication["wire"] == "Reuters"
    assert len(searched) == 4
    # A title from the sitemap, not the page, was not part of the search.
    untitled = PAGE.replace(b"<title>Harbour works start</title>", b"").replace(
        b"<h1>Harbour works start</h1>", b""
    )
    hinted = ArticlePage.from_response(
        response_for(
            "https://e.com/hinted", untitled, newscrawl_hints={"title": "Harbour works start"}
        )
    )
    extracted = asyncio.run(pipelines[0].process_item(hinted))
    extracted.canonical_url = extracted.url
    assert extracted.title == "Harbour works start"
    asyncio.run(through(pipelines[1:], extracted))
    assert len(searched) == 6, "searched again, with the hinted title"


class WindowedSpider(Spider):
    """Attributes named like newscrawl's arguments, which the pipelines must not read."""

    name = "windowed"
    since = "2030-01-01"
    limit = 0


def test_window_and_limit_come_from_the_request_not_the_spider():
    crawler = get_crawler(WindowedSpider, {"ADDONS": {Addon: 500}})
    crawler.spider = WindowedSpider.from_crawler(crawler)
    extraction = ExtractionPipeline(crawler)

    def extract(body: bytes, url: str, **meta):
        page = ArticlePage.from_response(response_for(url, body, **meta))
        return asyncio.run(extraction.process_item(page))

    # No meta: the spider's attributes change nothing.
    assert isinstance(extract(DATED_PAGE, "https://e.com/1"), Article)
    with pytest.raises(DropItem, match="too_old"):
        extract(DATED_PAGE, "https://e.com/2", newscrawl_since="2021-01-01")
    assert isinstance(extract(DATED_PAGE, "https://e.com/3", newscrawl_since="2019-12-31"), Article)
    # The limit counts the articles passed on: two so far (not the one too old).
    with pytest.raises(DropItem, match="limit"):
        extract(PAGE, "https://e.com/4", newscrawl_limit=2)
    assert isinstance(extract(PAGE, "https://e.com/5", newscrawl_limit=3), Article)
    assert crawler.stats.get_value("newscrawl/dropped/too_old") == 1
    assert crawler.stats.get_value("newscrawl/dropped/limit") == 1


@pytest.mark.parametrize(
    "spec",
    [
        {"name": "Harbour Weekly", "drop_selectors": [".harbour-note"]},
        "tests.test_pipelines.HARBOUR_WEEKLY",
    ],
)
def test_newscrawl_outlets_gives_pages_their_outlet_by_domain(tmp_path, spec):
    crawler = addon_crawler(tmp_path, NEWSCRAWL_OUTLETS={"e.com": spec})
    page = ArticlePage.from_response(response_for("https://www.e.com/harbour", NOTE_PAGE))
    article = asyncio.run(ExtractionPipeline(crawler).process_item(page))
    assert article.outlet == "Harbour Weekly"
    assert "harbour office" not in article.text
    assert any(block["rule"] == "outlet:.harbour-note" for block in article.removed)
    # Another domain gets no spec: generic cleaning keeps the line.
    other = ArticlePage.from_response(response_for("https://other.org/harbour", NOTE_PAGE))
    generic = asyncio.run(ExtractionPipeline(crawler).process_item(other))
    assert generic.outlet != "Harbour Weekly" and "harbour office" in generic.text


HARBOUR_WEEKLY = Outlet(
    name="Harbour Weekly", domains=("e.com",), drop_selectors=(".harbour-note",)
)


def test_a_bad_newscrawl_outlets_value_fails_at_start():
    crawler = get_crawler(settings_dict={"ADDONS": {Addon: 500}, "NEWSCRAWL_OUTLETS": {"e.com": 3}})
    with pytest.raises(ValueError, match=r"NEWSCRAWL_OUTLETS\['e.com'\]"):
        ExtractionPipeline(crawler)
