"""Bad spider arguments: one clear line, exit status 1, no traceback, as `scrapy crawl` shows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, scrapy_env

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("spider", "args", "says"),
    [
        ("site", ["-a", "sitemap=http://127.0.0.1:1/s.xml", "-a", "limit=abc"], "-a limit=abc"),
        ("site", ["-a", "feed=http://127.0.0.1:1/f.xml", "-a", "since=yesterdayish"], "since"),
        ("site", [], "give the site with -a sitemap=URL"),
        ("site", ["-a", "sitemap=file:///tmp/s.xml"], "-a domains=DOMAIN"),
        ("zeenews", ["-a", "limit=-3"], "give 0 or more"),
        ("article", [], "-a url=URL"),
        ("article", ["-a", "urls_file=/nonexistent/urls.txt"], "urls_file=/nonexistent"),
    ],
    ids=["limit", "since", "site-without-source", "site-without-domain", "negative", "article",
         "urls-file"],
)  # fmt: skip
def test_a_bad_argument_gets_one_line_and_exit_status_1(spider, args, says):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-s", "LOG_LEVEL=WARNING"],
        cwd=ROOT,
        env=scrapy_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith(f"scrapy crawl {spider}: ")
    assert says in lines[-1]
