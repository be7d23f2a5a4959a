"""SyndicationPipeline with a real Scrapy crawler: fills item["syndication"] and stats."""

from __future__ import annotations

import asyncio
import sqlite3

from scrapy.utils.test import get_crawler

from newscrawl.items import Article
from newscrawl.pipelines.syndication import SyndicationPipeline

from .syndication_stories import make_story, outlet_page, wire_version


def _pipeline(settings):
    crawler = get_crawler(settings_dict={"ADDONS": {"newscrawl.Addon": 0}, **settings})
    crawler.stats.open_spider()
    pipeline = SyndicationPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return crawler, pipeline


def _process(pipeline, item):
    return asyncio.run(pipeline.process_item(item))


def test_pipeline_fills_syndication_and_counts(tmp_path):
    crawler, pipeline = _pipeline(
        {"NEWSCRAWL_SYNDICATION_STORE": f"sqlite:///{tmp_path}/p.sqlite3"}
    )
    story = make_story(31)
    wire = Article(url="https://wire.example/1", outlet="Wire", text=wire_version(story, "OSLO"))
    copy = Article(
        url="https://paper.example/a?utm=1",
        canonical_url="https://paper.example/a",
        outlet="Paper",
        text=outlet_page(story[:5], "Paper"),
    )
    empty = Article(url="https://paper.example/empty", text="")
    for item in (wire, copy, empty):
        assert _process(pipeline, item) is item
    pipeline.close_spider()
    assert wire.syndication["duplicate_of"] is None and wire.syndication["origin"] == "Reuters"
    assert copy.syndication["duplicate_of"] == "https://wire.example/1"
    assert copy.syndication["article_id"] == "https://paper.example/a"
    assert copy.syndication["cluster_id"] == wire.syndication["cluster_id"]
    assert empty.syndication is None
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/syndication/new_cluster"] == 1
    assert stats["newscrawl/syndication/linked"] == 1
    assert stats["newscrawl/syndication/skipped_empty"] == 1


def test_pipeline_keeps_items_when_store_is_locked(tmp_path):
    path = tmp_path / "locked.sqlite3"
    crawler, pipeline = _pipeline(
        {"NEWSCRAWL_SYNDICATION_STORE": f"sqlite:///{path}", "NEWSCRAWL_SYNDICATION_TIMEOUT": 0.2}
    )
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the store
    try:
        item = Article(url="https://a.example/x", text="\n\n".join(make_story(32)))
        assert _process(pipeline, item) is item
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert item.syndication is None
    assert crawler.stats.get_value("newscrawl/syndication/store_error") == 1
    pipeline.close_spider()


def test_unusable_store_turns_detection_off_but_keeps_items(tmp_path):
    # A well-formed URL (a bad scheme is refused before the crawl starts)
    # whose file cannot be made: its folder is a regular file.
    (tmp_path / "not-a-folder").write_text("")
    store = f"sqlite:///{tmp_path / 'not-a-folder' / 'index.sqlite3'}"
    crawler, pipeline = _pipeline({"NEWSCRAWL_SYNDICATION_STORE": store})
    item = Article(url="https://a.example/y", text="\n\n".join(make_story(33)))
    assert _process(pipeline, item) is item and item.syndication is None
    assert crawler.stats.get_value("newscrawl/syndication/store_error") == 1
    assert crawler.stats.get_value("newscrawl/syndication/skipped_disabled") == 1


def test_disabled_pipeline_passes_items():
    _, pipeline = _pipeline({"NEWSCRAWL_SYNDICATION_ENABLED": False})
    item = Article(url="https://a.example/z", text="some text")
    assert _process(pipeline, item) is item and item.syndication is None
