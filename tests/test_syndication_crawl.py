"""The seed pair across separate `scrapy crawl` processes sharing the default store.

Each outlet is crawled by its own process, as a scheduler would run them; the
syndication index is the default SQLite file in the shared data folder.
"""

from __future__ import annotations

import sqlite3
import time

import pytest

from newscrawl.pipelines.syndication import DEFAULT_STORE_FILE
from tests.conftest import run_crawl, start_crawl

pytestmark = pytest.mark.slow


def outlet_crawls(base: str) -> dict[str, dict[str, str]]:
    return {
        "zeenews": {"sitemap": f"{base}/zeenews/sitemap-news.xml", "domains": "127.0.0.1"},
        "jpost": {"feed": f"{base}/jpost/rss.xml", "domains": "127.0.0.1"},
    }


def seed_item(result):
    return next(i for i in result.items if "767365" in i["url"] or "265213" in i["url"])


def assert_one_story(first, second):
    a, b = first["syndication"], second["syndication"]
    assert a["cluster_id"] == b["cluster_id"]
    assert a["duplicate_of"] is None
    assert b["duplicate_of"] == first["canonical_url"]
    assert b["containment"] > 0.8


@pytest.mark.parametrize("order", [("zeenews", "jpost"), ("jpost", "zeenews")])
def test_seed_pair_joins_one_cluster_in_either_order(tmp_path, site_server, order):
    shared = {"NEWSCRAWL_DATA_DIR": str(tmp_path / "shared")}
    crawls = outlet_crawls(site_server.base_url)
    first, second = (
        seed_item(run_crawl(tmp_path, spider, crawls[spider], shared, name=spider))
        for spider in order
    )
    assert_one_story(first, second)
    assert (tmp_path / "shared" / DEFAULT_STORE_FILE).exists()


def test_seed_pair_crawled_at_the_same_moment(tmp_path, site_server):
    shared = {"NEWSCRAWL_DATA_DIR": str(tmp_path / "shared")}
    crawls = outlet_crawls(site_server.base_url)
    running = [
        start_crawl(tmp_path, spider, args, shared, name=spider) for spider, args in crawls.items()
    ]
    zee, jpost = (seed_item(crawl.finish()) for crawl in running)
    assert zee["syndication"]["cluster_id"] == jpost["syndication"]["cluster_id"]
    linked = [i for i in (zee, jpost) if i["syndication"]["duplicate_of"]]
    assert len(linked) == 1, "exactly one copy links to the other"


def test_seed_pair_joins_across_runs_a_day_apart(tmp_path, site_server):
    shared = {
        "NEWSCRAWL_DATA_DIR": str(tmp_path / "shared"),
        "NEWSCRAWL_SYNDICATION_WINDOW": "7d",
    }
    crawls = outlet_crawls(site_server.base_url)
    first = seed_item(run_crawl(tmp_path, "zeenews", crawls["zeenews"], shared, name="day1"))
    # Age the first run's articles by a day, as if the second run came tomorrow.
    with sqlite3.connect(tmp_path / "shared" / DEFAULT_STORE_FILE) as db:
        aged = db.execute("UPDATE articles SET added = ?", (time.time() - 86400,)).rowcount
    assert aged >= 1
    second = seed_item(run_crawl(tmp_path, "jpost", crawls["jpost"], shared, name="day2"))
    assert_one_story(first, second)


@pytest.mark.parametrize("workers", ["0", "1"])
def test_seed_pair_joins_under_the_plain_twisted_reactor(tmp_path, site_server, workers):
    # The add runs on its own thread, extraction in a worker process when
    # asked; without asyncio their results come back through callFromThread.
    shared = {
        "NEWSCRAWL_DATA_DIR": str(tmp_path / "shared"),
        "TWISTED_REACTOR": "twisted.internet.epollreactor.EPollReactor",
        "NEWSCRAWL_EXTRACTION_WORKERS": workers,
    }
    crawls = outlet_crawls(site_server.base_url)
    first, second = (
        seed_item(run_crawl(tmp_path, spider, crawls[spider], shared, name=spider))
        for spider in ("zeenews", "jpost")
    )
    assert_one_story(first, second)
