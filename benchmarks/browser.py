"""Benchmark: pages per second plain and rendered, and the browser's memory.

Serves ``--pages`` generated article pages (each with a script that adds a
paragraph, an image and a tracker tag) on 127.0.0.1 and crawls them twice
with ``scrapy crawl article -a urls_file=...``: once over plain HTTP, once
rendered in headless Chromium (``-a render=1``). While the rendered crawl
runs, the memory of its browser (Playwright's driver, Chromium and its
helpers: the sum of their PSS, as the memory guard measures it) is sampled
from outside the crawl. Prints one table.

    python benchmarks/browser.py [--pages 500] [--concurrency 4]
        [--pages-per-context 100]

Pages per second are articles written divided by the crawl's own elapsed
time (from its stats file), so Python's start-up is left out and the
browser's launch is counted in.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.browser.memory import browser_memory_mb  # noqa: E402
from newscrawl.demo.server import Page, SiteServer  # noqa: E402

WORDS = [
    "harbour",
    "council",
    "ferry",
    "bridge",
    "market",
    "library",
    "station",
    "river",
    "school",
    "clinic",
    "orchard",
    "quarry",
    "chapel",
    "museum",
    "garden",
    "pier",
    "tunnel",
    "reservoir",
    "theatre",
    "bakery",
    "foundry",
    "canal",
    "meadow",
    "lighthouse",
    "depot",
    "festival",
]


def article(number: int) -> str:
    """A page no other page repeats: the cleaner drops repeated paragraphs."""

    def word(k: int) -> str:
        return WORDS[(number * 7 + k * 3 + number // len(WORDS)) % len(WORDS)]

    title = f"The {word(1)} and the {word(2)}: report number {number}"
    paragraphs = [
        f"Residents near the {word(i)} met the {word(i + 1)} committee about the {word(i + 2)} "
        f"and the {word(i + 5)} on day {number}, asking why the {word(i + 3)} beside the "
        f"{word(i + 4)} had been closed since the spring of {1900 + number % 120}."
        for i in range(5)
    ]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-BENCH"></script></head>
<body><header><a href="/">The Benchmark Courier</a></header>
<main><article><h1>{html.escape(title)}</h1>
<img src="/img/{number}.jpg" alt="">{body}<div id="late"></div></article></main>
<script>document.getElementById("late").innerHTML =
  "<p>Added by script: the {word(9)} of {word(10)} answers on day {number}.</p>";</script>
</body></html>"""


def crawl(
    base: str, count: int, render: bool, workdir: Path, settings: dict[str, str], sampler=None
) -> dict:
    urls_file = workdir / "urls.txt"
    urls_file.write_text("".join(f"{base}/a/{n}.html\n" for n in range(count)))
    name = "rendered" if render else "plain"
    output, stats_file = workdir / f"{name}.jsonl", workdir / f"{name}.stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", "article", "-O", str(output)]
    command += ["-a", f"urls_file={urls_file}"] + (["-a", "render=1"] if render else [])
    merged = {
        "AUTOTHROTTLE_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
        "RETRY_TIMES": "0",
        "NEWSCRAWL_STATS_FILE": str(stats_file),
        "FEEDS": "{}",
        **settings,
    }
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    if sampler is not None:
        sampler(proc)
    _, stderr = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"crawl failed:\n{stderr[-3000:]}")
    stats = json.loads(stats_file.read_text())
    items = sum(1 for _ in output.open())
    return {"items": items, "seconds": stats["elapsed_time_seconds"], "stats": stats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4, help="pages open in the browser")
    parser.add_argument("--pages-per-context", type=int, default=100)
    args = parser.parse_args()

    pages = {f"/a/{n}.html": Page(article(n).encode()) for n in range(args.pages)}
    for n in range(args.pages):
        pages[f"/img/{n}.jpg"] = Page(b"\xff\xd8\xff", "image/jpeg")
    settings = {"CONCURRENT_REQUESTS": "16", "CONCURRENT_REQUESTS_PER_DOMAIN": "16"}
    samples: list[tuple[int, float]] = []  # (articles served so far, MB)

    with SiteServer(pages) as server, tempfile.TemporaryDirectory() as tmp:

        def served() -> int:
            with server._lock:
                return sum(1 for path, _ in server.requests if path.startswith("/a/"))

        def sample(proc: subprocess.Popen) -> None:
            def run() -> None:
                while proc.poll() is None:
                    used = browser_memory_mb(proc.pid)
                    if used:
                        samples.append((served(), used))
                    time.sleep(0.5)

            threading.Thread(target=run, daemon=True).start()

        workdir = Path(tmp)
        plain = crawl(server.base_url, args.pages, False, workdir, settings)
        server.requests.clear()
        rendered = crawl(
            server.base_url,
            args.pages,
            True,
            workdir,
            {
                **settings,
                "NEWSCRAWL_BROWSER_CONCURRENCY": str(args.concurrency),
                "NEWSCRAWL_BROWSER_PAGES_PER_CONTEXT": str(args.pages_per_context),
            },
            sampler=sample,
        )
        images = sum(1 for path, _ in server.requests if path.startswith("/img/"))

    def at(fraction: float) -> float:
        """The memory when about ``fraction`` of the pages had been served."""
        target = fraction * args.pages
        return min(samples, key=lambda s: (abs(s[0] - target), -s[1]))[1] if samples else 0.0

    plain_rate = plain["items"] / plain["seconds"]
    rendered_rate = rendered["items"] / rendered["seconds"]
    stats = rendered["stats"]
    print(
        f"Browser benchmark: {args.pages} pages on 127.0.0.1, browser concurrency "
        f"{args.concurrency}, {args.pages_per_context} pages per context, {os.cpu_count()} CPUs"
    )
    print()
    print("| crawl    | articles | seconds | pages/s |")
    print("|----------|---------:|--------:|--------:|")
    print(f"| plain    | {plain['items']:8d} | {plain['seconds']:7.1f} | {plain_rate:7.1f} |")
    print(
        f"| rendered | {rendered['items']:8d} | {rendered['seconds']:7.1f} | {rendered_rate:7.1f} |"
    )
    print(f"\nPlain HTTP is {plain_rate / rendered_rate:.0f}x faster than rendering.\n")
    print("| browser memory (PSS, MB) | pages done | MB  |")
    print("|--------------------------|-----------:|----:|")
    # "start" is once the browser has rendered its first pages, not the
    # driver alone before Chromium launched.
    points = (("start", 0.02), ("quarter", 0.25), ("middle", 0.5), ("three quarters", 0.75))
    for label, fraction in (*points, ("end", 1.0)):
        print(f"| {label:<24} | {round(fraction * args.pages):10d} | {at(fraction):3.0f} |")
    peak = max((mb for _, mb in samples), default=0.0)
    print(f"| {'peak':<24} | {'':>10} | {peak:3.0f} |")
    print(
        f"\nSamples: {len(samples)}; contexts closed: "
        f"{stats.get('newscrawl/browser/contexts_closed', 0)}; requests aborted by the "
        f"browser: {stats.get('playwright/request_count/aborted', 0)}; images served: {images}; "
        f"guard's peak: {stats.get('newscrawl/browser/memory_max_mb', 0)} MB"
    )


if __name__ == "__main__":
    main()
