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


async def _process_together(pipeline, items):
    return await asyncio.gather(*(pipeline.process_item(item) for item in items))


def _batching_pipeline(path, size, **settings):
    """A pipeline whose batches are served when full: the wait is far longer than any test."""
    return _pipeline(
        {
            "NEWSCRAWL_SYNDICATION_STORE": f"sqlite:///{path}",
            "NEWSCRAWL_SYNDICATION_BATCH_WAIT": 60.0,
            "NEWSCRAWL_SYNDICATION_BATCH_SIZE": size,
            **settings,
        }
    )


def test_articles_arriving_together_are_committed_as_one_batch(tmp_path):
    path = tmp_path / "batched.sqlite3"
    crawler, pipeline = _batching_pipeline(path, 3)
    story = make_story(34)
    wire = Article(url="https://wire.example/b", outlet="Wire", text=wire_version(story, "OSLO"))
    copy = Article(url="https://paper.example/b", outlet="Paper", text=outlet_page(story, "Paper"))
    other = Article(url="https://paper.example/c", outlet="Paper", text="\n\n".join(make_story(35)))
    items = [wire, copy, other]
    # The batch is full at three: it is served at once, not after the wait.
    assert asyncio.run(asyncio.wait_for(_process_together(pipeline, items), 30.0)) == items
    # Each item left the pipeline after its batch was committed: another
    # connection, as another process would, already sees all three.
    reader = sqlite3.connect(path)
    stored = {row[0] for row in reader.execute("SELECT article_id FROM articles")}
    reader.close()
    assert stored == {item.url for item in items}
    # The copy was added after the wire story in the same transaction, and found it.
    assert copy.syndication["duplicate_of"] == "https://wire.example/b"
    assert other.syndication["duplicate_of"] is None
    pipeline.close_spider()
    assert crawler.stats.get_value("newscrawl/syndication_commits") == 1


def test_a_failed_batch_commit_keeps_every_item_without_a_verdict(tmp_path):
    path = tmp_path / "locked-batch.sqlite3"
    crawler, pipeline = _batching_pipeline(path, 2, NEWSCRAWL_SYNDICATION_TIMEOUT=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    items = [
        Article(url=f"https://a.example/{n}", text="\n\n".join(make_story(n))) for n in (36, 37)
    ]
    try:
        assert asyncio.run(asyncio.wait_for(_process_together(pipeline, items), 30.0)) == items
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [item.syndication for item in items] == [None, None]
    assert crawler.stats.get_value("newscrawl/syndication/store_error") == 2
    pipeline.close_spider()
