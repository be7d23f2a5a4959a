"""Crawl throughput: a full newscrawl crawl against a bare Scrapy crawl of the same site.

Serves a generated local news site (realistic article pages with boilerplate,
one news sitemap) on 127.0.0.1 and crawls it three or more ways, each in its
own `scrapy` process: a bare SitemapSpider that only downloads, and newscrawl's
`site` spider with extraction inline and in a process pool. Prints pages/s,
the crawl process's CPU seconds per page and its peak memory.

    python benchmarks/crawl.py --pages 1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.demo.server import Page, SiteServer  # noqa: E402
from tests.site import article_html, make_story, news_sitemap  # noqa: E402

COMMON = {
    "AUTOTHROTTLE_ENABLED": "0",
    "ROBOTSTXT_OBEY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": "0",
}


def build_pages(count: int) -> dict[str, Page]:
    now = datetime.now(UTC)
    stories = [make_story("planet", i, now - timedelta(minutes=i)) for i in range(count)]
    pages = {s.url_path: Page(article_html(s).encode()) for s in stories}
    pages["/sitemap.xml"] = Page(news_sitemap(stories).encode(), "application/xml")
    return pages


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", default="0,2", help="extraction worker counts to try")
    args = parser.parse_args()

    with SiteServer(build_pages(args.pages)) as server, tempfile.TemporaryDirectory() as tmp:
        sitemap = f"{server.base_url}/sitemap.xml"
        tmp_path = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("SCRAPY_SETTINGS_MODULE", None)
        rows = []

        def crawl(label: str, command: list[str], cwd: Path, settings: dict[str, str]) -> None:
            out = tmp_path / f"{len(rows)}.jsonl"
            stats = tmp_path / f"{len(rows)}.stats.json"
            full = [*command, "-O", str(out)]
            for key, value in {**COMMON, **settings}.items():
                full += ["-s", f"{key}={value}"]
            wall, cpu = run(full, cwd, env)
            items = len(out.read_text("utf-8").splitlines()) if out.exists() else 0
            memory = None
            if stats.exists():
                memory = json.loads(stats.read_text()).get("memusage/max")
            rows.append((label, items, wall, cpu, memory))

        bare = ROOT / "benchmarks" / "bare_spider.py"
        crawl(
            "bare Scrapy (download only)",
            [sys.executable, "-m", "scrapy", "runspider", str(bare), "-a", f"sitemap={sitemap}"],
            tmp_path,
            {},
        )
        crawl(
            "newscrawl site, extraction only",
            [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"sitemap={sitemap}"],
            ROOT,
            {
                "NEWSCRAWL_INCREMENTAL": "0",
                "NEWSCRAWL_SYNDICATION_ENABLED": "0",
                "NEWSCRAWL_DATA_DIR": str(tmp_path / "state-bare"),
                "NEWSCRAWL_STATS_FILE": str(tmp_path / f"{len(rows)}.stats.json"),
            },
        )
        for workers in [int(w) for w in args.workers.split(",")]:
            crawl(
                f"newscrawl full, {workers} extraction workers",
                [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"sitemap={sitemap}"],
                ROOT,
                {
                    "NEWSCRAWL_EXTRACTION_WORKERS": str(workers),
                    "NEWSCRAWL_DATA_DIR": str(tmp_path / f"state{workers}"),
                    "NEWSCRAWL_STATS_FILE": str(tmp_path / f"{len(rows)}.stats.json"),
                },
            )

    print(f"local site: {args.pages} article pages, one news sitemap; {os.cpu_count()} cores")
    print(
        f"{'crawl':40} {'items':>6} {'wall s':>7} {'pages/s':>8} {'cpu ms/page':>12} {'peak MB':>8}"
    )
    print("-" * 86)
    for label, items, wall, cpu, memory in rows:
        peak = f"{memory / 2**20:8.0f}" if memory else "       -"
        print(
            f"{label:40} {items:6d} {wall:7.1f} {items / wall:8.1f} "
            f"{1000 * cpu / max(items, 1):12.2f} {peak}"
        )
    print("cpu ms/page counts the crawl process and its worker processes (user + system).")


if __name__ == "__main__":
    main()
