"""Crawl cost: the full newscrawl chain against a bare Scrapy crawl of the same site.

Serves generated pages the size and shape of real news pages (50 to 300 KB:
inline scripts, JSON-LD, menus, teasers, ad slots; see benchmarks/pagegen.py)
on 127.0.0.1, each a new story with one in ten an edited reprint, and crawls
them, each crawl in its own `scrapy` process, three ways at every crawl size:

- a bare SitemapSpider that only downloads (the anchor);
- the same spider with a trafilatura pipeline (what a user would build instead);
- newscrawl's `site` spider, the full chain: extraction, cleaning, SQLite
  syndication index and the SQLite record of collected articles.

It prints, per crawl, CPU milliseconds per page (the crawl process and the
worker processes it reaped, user + system), pages per second, peak RSS (the
crawl process and its workers), how
late a 10 ms reactor timer fired (99th percentile and worst: how long the
reactor was held, see benchmarks/reactor_lag.py), the ratio of CPU per page
to the bare crawl of the same size, and the growth from the smallest to the
largest size. The machine may be shared: compare the
ratios, which are measured in the same run, not the absolute figures.

    python benchmarks/crawl.py --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pagegen import NewsSite  # noqa: E402
from newscrawl.demo.server import Page, SiteServer  # noqa: E402
from newscrawl.settings import EXTENSIONS as PROJECT_EXTENSIONS  # noqa: E402

COMMON = {
    "AUTOTHROTTLE_ENABLED": "0",
    "ROBOTSTXT_OBEY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": "0",
}


LAG_EXTENSION = "benchmarks.reactor_lag.ReactorLag"

# The crawls that run a plain Scrapy spider file: (--skip name, label, file).
SPIDER_CRAWLS = (
    ("bare", "bare Scrapy (download only)", "bare_spider.py"),
    ("trafilatura", "Scrapy + trafilatura pipeline", "trafilatura_spider.py"),
)


class PrebuiltSite:
    """The generated pages, built once before any crawl and kept compressed.

    Building a page costs a few milliseconds; doing it while a crawl runs would
    charge the server's work to whichever crawl came first.
    """

    def __init__(self, site: NewsSite, sizes: list[int]) -> None:
        self.site = site
        self.pages = {
            site.path(number): zlib.compress(site.article(number).encode(), 1)
            for number in range(site.count)
        }
        self.sitemaps = {
            f"/sitemap-{size}.xml": NewsSite(size, site.now).sitemap().encode() for size in sizes
        }

    def get(self, path: str) -> Page | None:
        if path in self.sitemaps:
            return Page(self.sitemaps[path], "application/xml")
        body = self.pages.get(path)
        return None if body is None else Page(zlib.decompress(body), template=False)


@dataclass
class Row:
    label: str
    size: int
    items: int
    wall: float
    cpu: float
    peak_mb: float
    #: the peak when the output reached its first 1,000 articles (None: fewer)
    early_mb: float | None
    lag: dict[str, float]

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / max(self.items, 1)


def _status_mb(pid: int, field: str) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    """The process's children, theirs, and so on (extraction workers)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += [int(child), *_descendants(int(child))]
        except OSError:
            continue
    return found


def _tree_rss_mb(pid: int) -> float:
    """The crawl's memory: its own high-water RSS (VmHWM, which exec resets) and
    the current RSS of the worker processes it started.

    ``ru_maxrss`` would not do: it keeps the size of this process at the fork,
    and this process holds every page of the site.
    """
    return _status_mb(pid, "VmHWM:") + sum(_status_mb(c, "VmRSS:") for c in _descendants(pid))


class LineCounter:
    """Lines written so far to a growing file, read incrementally."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.lines = 0

    def count(self) -> int:
        try:
            with self.path.open("rb") as output:
                output.seek(self.offset)
                chunk = output.read()
        except OSError:
            return self.lines
        self.offset += len(chunk)
        self.lines += chunk.count(b"\n")
        return self.lines


EARLY_ITEMS = 1000


def run(
    command: list[str], cwd: Path, env: dict[str, str], out: Path
) -> tuple[float, float, float, float | None]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one child process and what it
    reaped, and the peak RSS when its output held EARLY_ITEMS lines."""
    start = time.perf_counter()
    written = LineCounter(out)
    early: float | None = None
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        peak = 0.0
        # VmHWM only rises; the last reading before exit is the peak, give or
        # take what the last tenth of a second added (and the workers' peak
        # between two readings).
        while True:
            reaped, status, usage = os.wait4(process.pid, os.WNOHANG)
            if reaped:
                break
            peak = max(peak, _tree_rss_mb(process.pid))
            if early is None and written.count() >= EARLY_ITEMS:
                early = peak
            time.sleep(0.1)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if process.returncode:
            stderr.seek(0)
            tail = stderr.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"{' '.join(command[:4])} failed ({process.returncode}):\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime, peak, early


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="crawl sizes, in pages")
    parser.add_argument(
        "--workers",
        default="",
        help="extraction worker counts to try besides the default (e.g. 0,2)",
    )
    parser.add_argument("--skip", default="", help="crawls to leave out: bare, trafilatura, full")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    skip = set(filter(None, args.skip.split(",")))
    workers = [None, *(int(w) for w in args.workers.split(",") if w)]

    started = time.perf_counter()
    site = PrebuiltSite(NewsSite(max(sizes)), sizes)
    mean_kb = sum(len(zlib.decompress(b)) for b in list(site.pages.values())[:200]) / 200 / 1024
    print(
        f"built {len(site.pages)} pages (about {mean_kb:.0f} KB each) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )

    rows: list[Row] = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    with SiteServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)

        def crawl(
            label: str,
            size: int,
            command: list[str],
            cwd: Path,
            settings: dict,
            extensions: dict[str, int] | None = None,
        ) -> None:
            out = tmp_path / f"{len(rows)}.jsonl"
            lag_file = tmp_path / f"{len(rows)}.lag.json"
            full = [*command, "-O", str(out)]
            # -s replaces the project's EXTENSIONS: the crawl's own are passed on.
            with_lag = {**(extensions or {}), LAG_EXTENSION: 0}
            lag = {"EXTENSIONS": json.dumps(with_lag), "REACTOR_LAG_FILE": lag_file}
            for key, value in {**COMMON, **lag, **settings}.items():
                full += ["-s", f"{key}={value}"]
            wall, cpu, peak, early = run(full, cwd, env, out)
            with out.open("rb") as lines:
                items = sum(1 for _ in lines)
            lag_read = json.loads(lag_file.read_text())
            rows.append(Row(label, size, items, wall, cpu, peak, early, lag_read))
            print(f"  {label} at {size}: {items} items, {wall:.0f} s", file=sys.stderr, flush=True)

        for size in sizes:
            sitemap = f"{server.base_url}/sitemap-{size}.xml"
            scrapy = [sys.executable, "-m", "scrapy"]
            for key, label, spider in SPIDER_CRAWLS:
                if key not in skip:
                    script = str(ROOT / "benchmarks" / spider)
                    command = [*scrapy, "runspider", script, "-a", f"sitemap={sitemap}"]
                    crawl(label, size, command, tmp_path, {})
            if "full" not in skip:
                for count in workers:
                    settings = {"NEWSCRAWL_DATA_DIR": str(tmp_path / f"state-{len(rows)}")}
                    label = "newscrawl full chain"
                    if count is not None:
                        settings["NEWSCRAWL_EXTRACTION_WORKERS"] = str(count)
                        label += f", {count} workers"
                    crawl(
                        label,
                        size,
                        [*scrapy, "crawl", "site", "-a", f"sitemap={sitemap}"],
                        ROOT,
                        settings,
                        PROJECT_EXTENSIONS,
                    )

    print(f"\n{os.cpu_count()} cores; pages {mean_kb:.0f} KB on average; one in ten a reprint")
    header = (
        f"{'crawl':34} {'pages':>6} {'items':>6} {'wall s':>7} {'pages/s':>8} "
        f"{'cpu ms/page':>11} {'x bare':>7} {'peak MB':>8} {'MB@1k':>6} "
        f"{'lag p99':>8} {'lag max':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        bare = next((r for r in rows if r.size == row.size and r.label.startswith("bare")), None)
        ratio = f"{row.cpu_ms / bare.cpu_ms:7.2f}" if bare else "      -"
        print(
            f"{row.label:34} {row.size:6d} {row.items:6d} {row.wall:7.1f} "
            f"{row.items / row.wall:8.1f} {row.cpu_ms:11.2f} {ratio} {row.peak_mb:8.0f}"
            f" {f'{row.early_mb:.0f}' if row.early_mb else '-':>6}"
            f" {row.lag['p99_ms']:8.1f} {row.lag['max_ms']:8.0f}"
        )
    if len(sizes) > 1:
        print(f"\ngrowth from {sizes[0]} to {sizes[-1]} pages (1.00 = flat):")
        for label in dict.fromkeys(r.label for r in rows):
            small = next(r for r in rows if r.label == label and r.size == sizes[0])
            large = next(r for r in rows if r.label == label and r.size == sizes[-1])
            within = f"{large.peak_mb / large.early_mb:.2f}" if large.early_mb else "-"

            print(
                f"  {label:34} cpu/page x{large.cpu_ms / small.cpu_ms:.2f}   "
                f"peak RSS x{large.peak_mb / small.peak_mb:.2f}   "
                f"within the {sizes[-1]}-page crawl x{within}"
            )
    print(
        "\ncpu ms/page: user + system CPU of the crawl process and the processes it reaped, "
        f"divided by the items written. MB@1k: peak RSS when {EARLY_ITEMS} articles were "
        "written. lag: how late a 10 ms reactor timer fired, in ms.\n"
        f"peak RSS x: the larger crawl's peak against the smaller crawl's; within: the "
        f"larger crawl's peak at its end against its peak when it had written "
        f"{EARLY_ITEMS} articles (discovery of a larger sitemap costs memory from the start)."
    )


if __name__ == "__main__":
    main()
