"""The pipeline stages on their own, with a real crawler's settings and stats."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from dataclasses import dataclass

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import Article, ArticlePage
from newscrawl.logformatter import NewsLogFormatter
from newscrawl.pipelines.deduplication import DeduplicationPipeline
from newscrawl.pipelines.extraction import ExtractionPipeline
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
