"""Scale-out: two workers crawl one site together through a real redis-server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Event

import pytest

from newscrawl.demo.server import Page, SiteServer
from tests.conftest import ROOT, TEST_SETTINGS, read_jsonl, scrapy_env
from tests.services import REDIS_SERVER, free_port, redis_server, stop
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


def start_worker(
    tmp_path: Path,
    name: str,
    base: str,
    redis_url: str,
    extra: dict[str, str] | None = None,
    sitemap_path: str = "/sitemap.xml",
) -> tuple:
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
        # Two crawls and the site share the machine: under load, the 2 s test
        # timeout drops articles that are merely slow.
        "DOWNLOAD_TIMEOUT": "30",
        **(extra or {}),
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
        f"sitemap={base}{sitemap_path}",
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


# --- Redis outages and restarts -----------------------------------------------


class RestartableRedis:
    """A redis-server of our own, stopped and started again by pid on the same port."""

    def __init__(self, folder: Path, persist: bool) -> None:
        self.folder = folder
        self.persist = persist
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.folder.mkdir(parents=True, exist_ok=True)
        command = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.folder), "--save", ""]
        if self.persist:
            command += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            command += ["--appendonly", "no"]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                assert self.proc.poll() is None, "redis-server did not start"
                assert time.monotonic() < deadline, "redis-server did not answer"
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
            self.proc = None


@pytest.fixture
def restartable_redis(tmp_path, request):
    server = RestartableRedis(tmp_path / "redis", persist=request.param == "aof")
    server.start()
    yield server
    server.stop()


def wait_until(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def outage_worker(tmp_path: Path, name: str, base: str, url: str, **extra: str):
    """A worker with a roomy download timeout (pages are held back on purpose) and
    its record of collected articles in SQLite: these tests are about the queue."""
    settings = {
        "DOWNLOAD_TIMEOUT": "60",
        "CONCURRENT_REQUESTS": "2",
        "NEWSCRAWL_COLLECTED_STORE": f"sqlite:///{tmp_path / name / 'collected.sqlite3'}",
        **extra,
    }
    return start_worker(tmp_path, name, base, url, settings)


def gated_site(count: int, delay: float = 0.0) -> tuple[dict[str, Page], list[Story], Event]:
    now = datetime.now(UTC)
    batch = [make_story("courier", 5000 + n, now - timedelta(minutes=n)) for n in range(count)]
    pages = {s.url_path: Page(article_html(s).encode(), delay=delay) for s in batch}
    gate = Event()
    pages["/sitemap.xml"] = Page(sitemap(batch), "application/xml", delay=120, ready=gate.is_set)
    return pages, batch, gate


def log_has(log: Path, text: str) -> bool:
    return text in log.read_text("utf-8")


@pytest.mark.parametrize("restartable_redis", ["aof"], indirect=True)
def test_a_redis_outage_while_requests_are_queued_loses_none_of_them(tmp_path, restartable_redis):
    pages, batch, gate = gated_site(120)
    with SiteServer(pages) as server:
        proc, output, log = outage_worker(tmp_path, "w1", server.base_url, restartable_redis.url)
        try:
            # Redis goes away while the sitemap, the crawl's one way in, is
            # being downloaded: every article request meets the outage.
            wait_until(lambda: server.requested("/sitemap.xml") == 1, "the sitemap request")
            restartable_redis.stop()
            gate.set()
            wait_until(lambda: log_has(log, "Holding new requests in memory"), "held requests")
            restartable_redis.start()
            returncode = proc.wait(timeout=150)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    text = log.read_text("utf-8")
    assert returncode == 0, text[-4000:]
    assert "Redis answers again" in text
    urls = Counter(item["url"] for item in read_jsonl(output))
    assert set(urls) == {server.base_url + s.url_path for s in batch}
    assert max(urls.values()) == 1


@pytest.mark.parametrize("restartable_redis", ["aof"], indirect=True)
@pytest.mark.parametrize("how", ["retry_timeout", "sigterm"])
def test_redis_that_stays_away_stops_the_crawl_cleanly_and_non_zero(
    tmp_path, restartable_redis, how
):
    pages, _, gate = gated_site(30)
    retry = "3" if how == "retry_timeout" else "600"
    with SiteServer(pages) as server:
        proc, _, log = outage_worker(
            tmp_path,
            "w1",
            server.base_url,
            restartable_redis.url,
            NEWSCRAWL_REDIS_RETRY_TIMEOUT=retry,
        )
        try:
            wait_until(lambda: server.requested("/sitemap.xml") == 1, "the sitemap request")
            restartable_redis.stop()
            gate.set()
            wait_until(lambda: log_has(log, "Holding new requests in memory"), "held requests")
            if how == "sigterm":
                proc.send_signal(signal.SIGTERM)
            returncode = proc.wait(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    text = log.read_text("utf-8")
    assert returncode == 1, text[-4000:]
    assert "Traceback" not in text, text[-4000:]
    assert "Crawl failed: redis_unavailable" in text
    stats = json.loads((tmp_path / "w1.stats.json").read_text("utf-8"))
    if how == "retry_timeout":
        assert "did not answer for 3 s" in text
        assert stats["finish_reason"] == "redis_unavailable"
    else:
        assert "could not be queued in Redis and are lost" in text
        assert stats["finish_reason"] == "shutdown"


@pytest.mark.parametrize("restartable_redis", ["volatile"], indirect=True)
def test_a_redis_restart_without_persistence_is_detected_and_fails_the_crawl(
    tmp_path, restartable_redis
):
    pages, batch, gate = gated_site(60, delay=0.2)
    gate.set()
    with SiteServer(pages) as server:
        proc, output, log = outage_worker(
            tmp_path, "w1", server.base_url, restartable_redis.url, NEWSCRAWL_REDIS_WORKER_TTL="3"
        )
        try:
            wait_until(lambda: output.exists() and output.read_bytes().count(b"\n") >= 5, "lines")
            restartable_redis.stop()  # nothing kept: it comes back empty
            restartable_redis.start()
            returncode = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    text = log.read_text("utf-8")
    assert returncode == 1, text[-4000:]
    assert "Redis lost crawl newscrawl:site" in text
    assert len(read_jsonl(output)) < len(batch)
    stats = json.loads((tmp_path / "w1.stats.json").read_text("utf-8"))
    assert stats["finish_reason"] == "redis_queue_lost"


def test_an_idle_worker_waits_for_one_that_holds_unfinished_work(tmp_path, redis_url):
    now = datetime.now(UTC)
    batch = [make_story("herald", 6000 + n, now - timedelta(minutes=n)) for n in range(20)]
    pages = {s.url_path: Page(article_html(s).encode(), delay=0.3) for s in batch}
    logs: list[Path] = []

    def both_joined() -> bool:
        return len(logs) == 2 and all(log_has(log, "joined crawl") for log in logs)

    pages["/index.xml"] = Page(
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>{BASE}/slow-sitemap.xml</loc></sitemap></sitemapindex>",
        "application/xml",
        delay=120,
        ready=both_joined,
    )
    # The one worker that takes it holds it far longer than a busy mark lasts.
    pages["/slow-sitemap.xml"] = Page(sitemap(batch), "application/xml", delay=12)
    with SiteServer(pages) as server:
        base = server.base_url
        workers = [
            start_worker(
                tmp_path,
                name,
                base,
                redis_url,
                {"DOWNLOAD_TIMEOUT": "60", "NEWSCRAWL_REDIS_WORKER_TTL": "5"},
                sitemap_path="/index.xml",
            )
            for name in ("w1", "w2")
        ]
        logs.extend(log for _, _, log in workers)
        try:
            for proc, _, log in workers:
                assert proc.wait(timeout=150) == 0, log.read_text("utf-8")[-4000:]
        finally:
            for proc, _, _ in workers:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    outputs = [read_jsonl(output) for _, output, _ in workers]
    urls = Counter(item["url"] for items in outputs for item in items)
    assert set(urls) == {base + s.url_path for s in batch}
    assert max(urls.values()) == 1
    # The worker without the slow sitemap did not call the crawl over meanwhile.
    assert all(outputs), [len(items) for items in outputs]
