"""The end-of-crawl summary line and the JSON stats file beside the output."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from newscrawl.extensions.summary import crawl_summary, format_summary
from tests.conftest import ROOT, run_crawl, scrapy_env

pytestmark = pytest.mark.slow

EXTENSIONS = {
    "newscrawl.extensions.summary.CrawlSummary": 400,
    "newscrawl.extensions.statsfile.StatsFile": 500,
}
PIPELINES = {
    "newscrawl.pipelines.extraction.ExtractionPipeline": 100,
    "newscrawl.pipelines.deduplication.DeduplicationPipeline": 200,
    "newscrawl.pipelines.validation.ValidationPipeline": 300,
    "newscrawl.pipelines.syndication.SyndicationPipeline": 400,
}


def test_summary_line_and_stats_file_beside_the_output(tmp_path, test_site, site_server):
    base = site_server.base_url
    result = run_crawl(
        tmp_path,
        "site",
        {"sitemap": f"{base}/robots.txt", "domains": "127.0.0.1", "since": "7d"},
        {
            "EXTENSIONS": json.dumps(EXTENSIONS),
            "ITEM_PIPELINES": json.dumps(PIPELINES),
            "NEWSCRAWL_SYNDICATION_STORE": "memory://",
            "NEWSCRAWL_DATA_DIR": str(tmp_path / "state"),
            # Unset: the stats file goes beside the feed output.
            "NEWSCRAWL_STATS_FILE": "",
        },
    )
    expected = len(test_site.planet_fresh + test_site.planet_gz + test_site.planet_salvaged)
    assert len(result.items) == expected

    stats_path = tmp_path / "out.jsonl.stats.json"
    assert stats_path.exists(), "the stats file sits beside the output"
    stats = json.loads(stats_path.read_text("utf-8"))
    assert stats["finish_reason"] == "finished"
    # Times in ISO 8601 ("2026-12-01T21:50:27.339110+00:00"), not Python's str().
    for key in ("start_time", "finish_time"):
        assert "T" in stats[key] and datetime.fromisoformat(stats[key]).tzinfo is not None
    assert stats["item_scraped_count"] == expected
    summary = stats["newscrawl/summary"]
    assert summary["articles"] == expected
    assert summary["dropped"]["http_404"] == 1
    assert summary["dropped"]["timeout"] == 1
    assert summary["dropped"]["sitemap_malformed"] == 1
    assert sum(summary["removed"].values()) > 0
    assert summary["removed"] == {
        key.removeprefix("newscrawl/removed/"): value
        for key, value in stats.items()
        if key.startswith("newscrawl/removed/")
    }
    assert sum(summary["syndication"].values()) == expected

    lines = [line for line in result.log.splitlines() if "Crawl summary (finished)" in line]
    assert len(lines) == 1, result.log[-3000:]
    line = lines[0]
    assert f": {expected} articles;" in line
    assert re.search(r"dropped \d+ \(.*http_404 1.*\)", line)
    assert re.search(r"removed blocks \d+ \(", line)
    assert re.search(rf"syndication {expected} \(", line)


def test_summary_of_an_empty_crawl_says_none():
    summary = crawl_summary({"newscrawl/dropped/http_500": 2, "item_scraped_count": 0})
    line = format_summary(summary, "finished")
    assert line == (
        "Crawl summary (finished): 0 articles; skipped as collected 0; "
        "dropped 2 (http_500 2); removed blocks none; syndication none"
    )


# -- what the user sees in the terminal ----------------------------------------------------


def scrapy(tmp_path: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`scrapy ARGUMENTS` as a user types it, state kept in ``tmp_path``."""
    command = [sys.executable, "-m", "scrapy", *arguments,
               "-s", f"NEWSCRAWL_DATA_DIR={tmp_path / 'state'}"]  # fmt: skip
    return subprocess.run(
        command, cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=timeout
    )


def test_summary_is_last_and_shown_at_warning_level(tmp_path):
    output = tmp_path / "demo.jsonl"
    quiet = scrapy(tmp_path, "crawl", "demo", "-O", str(output), "-L", "WARNING")
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    lines = [line for line in quiet.stderr.splitlines() if line.strip()]
    assert lines, "the summary shows even with -L WARNING"
    assert lines[-1].startswith("Crawl summary (finished): 7 articles;"), quiet.stderr[-2000:]
    assert sum("Crawl summary" in line for line in lines) == 1
    assert "INFO" not in quiet.stderr

    loud = scrapy(tmp_path, "crawl", "demo", "-O", str(output))
    assert loud.returncode == 0, loud.stderr[-3000:]
    lines = [line for line in loud.stderr.splitlines() if line.strip()]
    assert "Crawl summary (finished): 7 articles;" in lines[-1]
    assert sum("Crawl summary" in line for line in lines) == 1, "logged once, not printed again"
    dump = next(n for n, line in enumerate(lines) if "Dumping Scrapy stats" in line)
    closed = next(n for n, line in enumerate(lines) if "Spider closed (finished)" in line)
    assert dump < closed < len(lines) - 1

    # With the log in a file, the terminal still gets the summary, and the file has it too.
    log_file = tmp_path / "crawl.log"
    filed = scrapy(tmp_path, "crawl", "demo", "-O", str(output), "-s", f"LOG_FILE={log_file}")
    assert filed.returncode == 0, filed.stderr[-3000:]
    assert filed.stderr.strip().startswith("Crawl summary (finished): 7 articles;"), filed.stderr
    assert log_file.read_text("utf-8").strip().splitlines()[-1].endswith(filed.stderr.strip())


def test_summary_names_offsite_requests_of_a_spider_pointed_elsewhere(tmp_path, site_server):
    base = site_server.base_url
    proc = scrapy(tmp_path, "crawl", "site", "-a", f"sitemap={base}/robots.txt",
                  "-a", "domains=example.org", "-O", str(tmp_path / "out.jsonl"),
                  "-s", "NEWSCRAWL_SYNDICATION_STORE=memory://")  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = proc.stderr.strip().splitlines()[-1]
    assert "Crawl summary (finished): 0 articles;" in line, line
    offsite = r"offsite \d+ requests? to 1 other host filtered \(allowed domains: example\.org\)"
    assert re.search(offsite, line), line
    assert "is the spider pointed at the right site?" in line


def test_progress_line_every_interval(tmp_path, test_site, site_server):
    base = site_server.base_url
    report = tmp_path / "reports" / "%(name)s-report.html"
    # The planet's page that never answers keeps the crawl open for DOWNLOAD_TIMEOUT.
    result = run_crawl(
        tmp_path,
        "site",
        {"sitemap": f"{base}/robots.txt", "domains": "127.0.0.1", "since": "7d"},
        {"NEWSCRAWL_PROGRESS_INTERVAL": "0.3", "NEWSCRAWL_SYNDICATION_STORE": "memory://",
         "NEWSCRAWL_REPORT": str(report)},
    )  # fmt: skip
    progress = re.findall(
        r"INFO: Progress: (\d+) articles written, (\d+) dropped, (\d+) linked, ([\d.]+) pages/s",
        result.log,
    )
    assert len(progress) >= 2, result.log[-3000:]
    written = [int(p[0]) for p in progress]
    assert written == sorted(written) and written[-1] <= len(result.items)
    assert any(float(p[3]) > 0 for p in progress)
    assert (tmp_path / "reports" / "site-report.html").is_file(), "NEWSCRAWL_REPORT with %(name)s"

    quiet = run_crawl(
        tmp_path, "site", {"start": f"{base}/courier/news/", "domains": "127.0.0.1"},
        {"NEWSCRAWL_PROGRESS_INTERVAL": "0"}, name="quiet",
    )  # fmt: skip
    assert "Progress:" not in quiet.log


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("NEWSCRAWL_CLEANING_DISABLED_KINDS=donation,ads",
         "NEWSCRAWL_CLEANING_DISABLED_KINDS: unknown cleaning kind 'ads'; the kinds are: ad,"),
        ("NEWSCRAWL_SYNDICATION_STORE=sqllite:///x.db",
         "NEWSCRAWL_SYNDICATION_STORE='sqllite:///x.db' is not a store URL; use memory://"),
        ("NEWSCRAWL_COLLECTED_STORE=memory://",
         "NEWSCRAWL_COLLECTED_STORE='memory://' is not a store URL; use sqlite:///PATH"),
        ("NEWSCRAWL_REDIS_URL=redis://127.0.0.1:{port}/0",
         "cannot reach the Redis of NEWSCRAWL_REDIS_URL at redis://127.0.0.1:{port}/0"),
        ("NEWSCRAWL_SYNDICATION_STORE=redis://127.0.0.1:{port}/0",
         "cannot reach the Redis of NEWSCRAWL_SYNDICATION_STORE at redis://127.0.0.1:{port}/0"),
    ],
)  # fmt: skip
def test_a_setting_that_cannot_work_is_one_line_and_a_failed_exit(tmp_path, setting, message):
    port = free_port()  # nothing listens there
    setting, message = setting.format(port=port), message.format(port=port)
    proc = scrapy(tmp_path, "crawl", "site", "-a", "start=http://127.0.0.1:1/",
                  "-O", str(tmp_path / "out.jsonl"), "-s", setting, timeout=60)  # fmt: skip
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = [line for line in proc.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1, proc.stderr[-3000:]
    assert message in errors[0]
    assert "Spider opened" not in proc.stderr, "nothing was crawled"
    assert not (tmp_path / "out.jsonl").exists()
