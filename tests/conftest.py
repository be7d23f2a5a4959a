"""Fixtures: the local news site, and `scrapy crawl` run the way users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newscrawl.demo.server import SiteServer
from newscrawl.schema import article_schema
from tests.site import TestSite, build_site

ROOT = Path(__file__).resolve().parent.parent

# Settings every test crawl shares: no politeness delay against a local
# server, short timeouts so the page that never answers costs little, and
# state kept inside the test's own folder.
TEST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}


@dataclass
class CrawlResult:
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str
    returncode: int
    output: Path

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def by_url(self) -> dict[str, dict[str, Any]]:
        return {item["url"]: item for item in self.items}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Parse a JSON lines file, validating every line against the schema."""
    if not path.exists():
        return []
    validator = jsonschema.Draft202012Validator(article_schema())
    items = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        item = json.loads(line)
        errors = sorted(validator.iter_errors(item), key=str)
        assert not errors, f"{path}:{number} breaks the schema: {errors[0]}"
        items.append(item)
    return items


def scrapy_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@dataclass
class RunningCrawl:
    spider: str
    process: subprocess.Popen
    output: Path
    stats_file: Path

    def finish(self, timeout: float = 120) -> CrawlResult:
        """Wait for the crawl; it must exit 0 without a traceback."""
        stdout, stderr = self.process.communicate(timeout=timeout)
        log = stdout + stderr
        code = self.process.returncode
        assert code == 0, f"scrapy crawl {self.spider} failed:\n{log[-5000:]}"
        assert "Traceback" not in log, (
            f"scrapy crawl {self.spider} logged a traceback:\n{log[-8000:]}"
        )
        stats = json.loads(self.stats_file.read_text("utf-8")) if self.stats_file.exists() else {}
        return CrawlResult(read_jsonl(self.output), stats, log, code, self.output)


def start_crawl(
    tmp_path: Path,
    spider: str,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    name: str = "out",
) -> RunningCrawl:
    """Start `scrapy crawl` the way a user runs it, with output in ``tmp_path``."""
    output = tmp_path / f"{name}.jsonl"
    stats_file = tmp_path / f"{name}.stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", str(output)]
    for key, value in (args or {}).items():
        command += ["-a", f"{key}={value}"]
    merged = {
        **TEST_SETTINGS,
        "NEWSCRAWL_STATS_FILE": str(stats_file),
        # Each crawl keeps its state (record of collected articles, syndication
        # index) in its own folder, so tests sharing the site do not interact.
        "NEWSCRAWL_DATA_DIR": str(tmp_path / f"{name}-state"),
        **(settings or {}),
    }
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=scrapy_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return RunningCrawl(spider, process, output, stats_file)


def run_crawl(
    tmp_path: Path,
    spider: str,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    timeout: float = 120,
    name: str = "out",
) -> CrawlResult:
    """Run `scrapy crawl` to the end and read what it wrote."""
    return start_crawl(tmp_path, spider, args, settings, name).finish(timeout)


@pytest.fixture(scope="session")
def test_site() -> TestSite:
    return build_site()


@pytest.fixture(scope="session")
def site_server(test_site: TestSite):
    with SiteServer(test_site.pages) as server:
        yield server
