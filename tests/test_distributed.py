"""Scale-out: two workers crawl one site together through a real redis-server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawl.demo.server import Page, SiteServer
from tests.conftest import ROOT, TEST_SETTINGS, read_jsonl, scrapy_env
from tests.services import redis_server
from tests.site import Story, article_html, make_story
from tests.syndication_stories import make_story as make_wire_story
from tests.test_incremental import BASE_PIPELINES, incremental_settings, sitemap

pytestmark = pytest.mark.slow

LOCAL_STORIES = 280
WIRE_STORIES = 20  # each printed by two outlets: 320 articles in all


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path / "redis") as url:
        yield f"{url}/0"


def build_site() -> tuple[dict[str, Page], list[Story], list[tuple[Story, Story]]]:
    now = datetime.now(UTC)
    local = [
        make_story(("planet", "courier")[n % 2], 1000 + n, now - timedelta(minutes=n))
        for n in range(LOCAL_STORIES)
    ]
    pairs = []
    for seed in range(WIRE_STORIES):
        original = replace(
            make_story("planet", 2000 + seed, now - timedelta(hours=1)),
            paragraphs=make_wire_story(seed + 50),
            title=f"Minister announces plan for the port, report number {seed}",
        )
        copy = replace(original, outlet="herald", path=original.path.replace("2000", "3000"))
        pairs.append((original, copy))
    everything = local + [story for pair in pairs for story in pair]
    # A little latency per page, as a real site has: the crawl takes long
    # enough for both workers to join in.
    pages = {s.url_path: Page(article_html(s).encode(), delay=0.03) for s in everything}
    pages["/sitemap.xml"] = Page(sitemap(everything), "application/xml")
    return pages, everything, pairs


def start_worker(tmp_path: Path, name: str, base: str, redis_url: str) -> tuple:
    output = tmp_path / f"{name}.jsonl"
    settings = {
        **TEST_SETTINGS,
        **incremental_settings(tmp_path / f"state-{name}"),
        "ITEM_PIPELINES": json.dumps(
            {
                **BASE_PIPELINES,
                "newscrawl.pipelines.syndication.SyndicationPipeline": 400,
                "newscrawl.incremental.RecordCollectedPipeline": 900,
            }
        ),
        "ADDONS": json.dumps({"newscrawl.distributed.RedisProfile": 0}),
        "NEWSCRAWL_REDIS_URL": redis_url,
        "CONCURRENT_REQUESTS": "8",
        "NEWSCRAWL_STATS_FILE": str(tmp_path / f"{name}.stats.json"),
    }
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "site",
        "-O",
        str(output),
        "-a",
        f"sitemap={base}/sitemap.xml",
        "-a",
        "domains=127.0.0.1",
    ]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    log = tmp_path / f"{name}.log"
    proc = subprocess.Popen(
        command, cwd=ROOT, env=scrapy_env(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    return proc, output, log


def test_two_workers_share_one_crawl_and_its_syndication_clusters(tmp_path, redis_url):
    import redis

    pages, everything, pairs = build_site()
    with SiteServer(pages) as server:
        # The sitemap, the one way into the crawl, waits until both workers
        # have joined it, so that how the work splits does not hang on which
        # process happened to start faster.
        logs: list[Path] = []

        def both_joined() -> bool:
            return len(logs) == 2 and all("joined crawl" in log.read_text("utf-8") for log in logs)

        sitemap = pages["/sitemap.xml"]
        sitemap.delay, sitemap.ready = 60, both_joined
        base = server.base_url
        workers = [start_worker(tmp_path, name, base, redis_url) for name in ("w1", "w2")]
        logs.extend(log for _, _, log in workers)
        try:
            for proc, _, log in workers:
                assert proc.wait(timeout=150) == 0, log.read_text("utf-8")[-4000:]
        finally:
            for proc, _, _ in workers:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        fetched = {path: server.requested(path) for path in pages}

    outputs = {}
    for _, output, log in workers:
        text = log.read_text("utf-8")
        assert "Traceback" not in text, text[-4000:]
        assert "RedisScheduler" in text or "Worker " in text, "the profile was not applied"
        outputs[output.stem] = read_jsonl(output)

    # Every article exactly once across the workers' outputs, each fetched once.
    urls = Counter(item["url"] for items in outputs.values() for item in items)
    assert set(urls) == {base + story.url_path for story in everything}
    assert max(urls.values()) == 1
    assert all(fetched[story.url_path] == 1 for story in everything)
    assert fetched["/sitemap.xml"] == 1, "the shared filter let one worker read the sitemap"

    # The work was split: each worker did a real share of it.
    shares = {name: len(items) for name, items in outputs.items()}
    assert min(shares.values()) >= len(everything) // 5, shares

    # Copies of one story share a cluster, whichever worker took each copy.
    taken_by = {item["url"]: name for name, items in outputs.items() for item in items}
    items = {item["url"]: item for items in outputs.values() for item in items}
    split_pairs = 0
    for original, copy in pairs:
        first, second = items[base + original.url_path], items[base + copy.url_path]
        assert first["syndication"]["cluster_id"] == second["syndication"]["cluster_id"], (
            first["url"],
            second["url"],
        )
        split_pairs += taken_by[first["url"]] != taken_by[second["url"]]
    assert split_pairs >= 1, "no story had its copies taken by different workers"

    # The crawl is over: its fingerprints were cleared for the next scheduled
    # run, and the shared record holds every article.
    client = redis.Redis.from_url(redis_url)
    assert client.exists("newscrawl:site:seen") == 0
    assert client.zcard("newscrawl:site:requests") == 0
    assert client.hlen("newscrawl:collected") >= len(everything)
    client.close()


def test_profile_fills_the_project_stores_but_never_a_chosen_one():
    from scrapy.settings import Settings

    from newscrawl import settings as project_settings
    from newscrawl.distributed import apply_redis_profile

    url = "redis://127.0.0.1:1/0"
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.set("NEWSCRAWL_REDIS_URL", url, priority="cmdline")
    settings.set("NEWSCRAWL_COLLECTED_STORE", "sqlite:///chosen.sqlite3", priority="cmdline")
    assert apply_redis_profile(settings)
    assert settings["NEWSCRAWL_SYNDICATION_STORE"] == url
    assert settings["NEWSCRAWL_COLLECTED_STORE"] == "sqlite:///chosen.sqlite3"
    assert settings["SCHEDULER"] == "newscrawl.distributed.scheduler.RedisScheduler"
