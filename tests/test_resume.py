"""Resume with JOBDIR: a crawl stopped by SIGTERM or killed by SIGKILL, then resumed.

The union of the two runs' outputs holds every article exactly once, and no
line is cut: the guarantee that the record of collected articles (written
after each line), the line-flushing feed storage and the run-only duplicate
filter give together.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from newscrawl.demo.server import Page, SiteServer
from tests.conftest import ROOT, TEST_SETTINGS, read_jsonl, run_crawl, scrapy_env
from tests.test_incremental import incremental_settings, publish, sitemap, sitemap_site, stories

pytestmark = pytest.mark.slow

ARTICLES = 40


def start_crawl(
    tmp_path: Path,
    args: dict[str, str],
    settings: dict[str, str],
    name: str,
    output: str | None = None,
):
    output = tmp_path / f"{output or name}.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-O", str(output)]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    merged = {
        **TEST_SETTINGS,
        "NEWSCRAWL_STATS_FILE": str(tmp_path / f"{name}.stats.json"),
        **settings,
    }
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    log = (tmp_path / f"{name}.log").open("w")
    proc = subprocess.Popen(
        command, cwd=ROOT, env=scrapy_env(), stdout=log, stderr=subprocess.STDOUT
    )
    return proc, output


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


def wait_for_lines(proc: subprocess.Popen, output: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while lines_in(output) < count:
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        assert time.monotonic() < deadline, "the crawl wrote too few articles in time"
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_interrupted_crawl_resumes_with_every_article_once(tmp_path, signum):
    batch = stories("courier", 600, ARTICLES)
    pages: dict[str, Page] = {}
    # Slow pages: the crawl is still mid-way when the signal comes.
    publish(pages, batch, delay=0.25)
    pages["/sitemap.xml"] = Page(sitemap(batch), "application/xml")
    with SiteServer(pages) as server:
        base = server.base_url
        args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(
            tmp_path / "state", JOBDIR=str(tmp_path / "job"), CONCURRENT_REQUESTS="4"
        )
        proc, first_output = start_crawl(tmp_path, args, settings, "first")
        try:
            wait_for_lines(proc, first_output, 6)
            proc.send_signal(signum)
            returncode = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        log = (tmp_path / "first.log").read_text("utf-8")
        assert "Traceback" not in log, log[-5000:]
        first = read_jsonl(first_output)  # every line whole, every line valid
        assert 0 < len(first) < ARTICLES, "the signal came mid-way"

        if signum == signal.SIGTERM:
            # A clean stop: exit 0, feed closed, stats file and summary written.
            assert returncode == 0, log[-3000:]
            stats = json.loads((tmp_path / "first.stats.json").read_text("utf-8"))
            assert stats["finish_reason"] == "shutdown"
            assert stats["item_scraped_count"] == len(first)
            assert stats["newscrawl/incremental/recorded"] == len(first)
            assert "Stored jsonl feed" in log
        else:
            assert returncode == -signal.SIGKILL

        second = run_crawl(tmp_path, "site", args, settings, name="second")
        assert second.stats["finish_reason"] == "finished"

    union = Counter(item["url"] for item in first + second.items)
    assert set(union) == {base + story.url_path for story in batch}
    assert max(union.values()) == 1, [url for url, n in union.items() if n > 1]
    # Nothing collected in the first run was fetched again.
    assert second.stat("newscrawl/discovery/skipped/collected") >= len(first)


def test_resuming_with_dash_o_keeps_the_earlier_lines_and_repairs_a_cut_one(tmp_path):
    """The README's resume example: the same ``-O`` command after a kill."""
    batch = stories("planet", 700, ARTICLES)
    pages: dict[str, Page] = {}
    publish(pages, batch, delay=0.25)
    pages["/sitemap.xml"] = Page(sitemap(batch), "application/xml")
    with SiteServer(pages) as server:
        base = server.base_url
        args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(
            tmp_path / "state",
            JOBDIR=str(tmp_path / "job"),
            CONCURRENT_REQUESTS="4",
            DOWNLOAD_TIMEOUT="30",
        )
        proc, output = start_crawl(tmp_path, args, settings, "first", output="out")
        try:
            wait_for_lines(proc, output, 6)
            proc.kill()
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        first = read_jsonl(output)
        assert 0 < len(first) < ARTICLES
        # A power cut mid-line leaves the last line cut short.
        with output.open("ab") as out:
            out.write(b'{"url": "' + base.encode() + b"/planet/cut")

        proc, output = start_crawl(tmp_path, args, settings, "second", output="out")
        assert proc.wait(timeout=120) == 0, (tmp_path / "second.log").read_text("utf-8")[-4000:]
    log = (tmp_path / "second.log").read_text("utf-8")
    assert "appending to" in log and "ended with a cut line" in log
    stats = json.loads((tmp_path / "second.stats.json").read_text("utf-8"))
    assert stats["newscrawl/incremental/repaired_lines"] == 1
    urls = Counter(item["url"] for item in read_jsonl(output))
    assert set(urls) == {base + story.url_path for story in batch}
    assert max(urls.values()) == 1


def test_a_fresh_job_with_dash_o_still_overwrites(tmp_path):
    batch = stories("herald", 800, 3)
    pages = sitemap_site(batch)
    stale = tmp_path / "out.jsonl"
    stale.write_text('{"url": "http://stale.test/"}\n', "utf-8")
    with SiteServer(pages) as server:
        args = {"sitemap": f"{server.base_url}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(tmp_path / "state", JOBDIR=str(tmp_path / "job"))
        proc, output = start_crawl(tmp_path, args, settings, "fresh", output="out")
        assert proc.wait(timeout=120) == 0, (tmp_path / "fresh.log").read_text("utf-8")[-4000:]
    assert sorted(item["url"] for item in read_jsonl(output)) == sorted(
        server.base_url + story.url_path for story in batch
    )
