"""The end-of-crawl summary line and the JSON stats file beside the output."""

from __future__ import annotations

import json
import re

import pytest

from newscrawl.extensions.summary import crawl_summary, format_summary
from tests.conftest import run_crawl

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
