"""Throughput and index size of the syndication index, per store.

    python benchmarks/syndication.py --sizes 100000 1000000 --stores memory sqlite redis

Synthetic articles (about 250 words, a third of them reprints of an earlier
one with edits) are added one by one; the table shows add() throughput over
the last 10% of the adds (the index is then nearly full) and the index bytes
per article. Redis is started by the script on a free port and stopped.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.syndication import SyndicationIndex

_WORDS = [
    "government",
    "minister",
    "said",
    "bank",
    "market",
    "company",
    "shares",
    "percent",
    "year",
    "month",
    "week",
    "officials",
    "plan",
    "project",
    "talks",
    "deal",
    "oil",
    "price",
    "rate",
    "growth",
    "trade",
    "export",
    "import",
    "election",
    "party",
    "vote",
    "court",
    "police",
    "city",
    "region",
    "border",
    "army",
    "talks",
    "agreement",
    "investors",
    "bonds",
    "currency",
    "inflation",
    "budget",
    "deficit",
    "loan",
    "debt",
    "fund",
    "report",
    "data",
]


def _article(rng: random.Random, serial: int) -> str:
    paragraphs = []
    for p in range(rng.randint(4, 9)):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(20, 40))]
        words.insert(rng.randrange(len(words)), f"name{rng.randrange(100_000)}")
        words.insert(rng.randrange(len(words)), str(rng.randrange(10_000)))
        paragraphs.append(" ".join(words) + f" ref{serial}p{p}.")
    return "\n\n".join(paragraphs)


def _reprint(rng: random.Random, text: str) -> str:
    paragraphs = text.split("\n\n")
    keep = paragraphs[: max(2, int(len(paragraphs) * rng.uniform(0.5, 1.0)))]
    return "\n\n".join(["Subscribe to our newsletter today", *keep, "All rights reserved"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_redis(workdir: str) -> tuple[subprocess.Popen, str]:
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = _free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def run(store: str, size: int, url: str) -> dict:
    rng = random.Random(size)
    recent: list[str] = []
    index = SyndicationIndex.open(url)
    tail_start = int(size * 0.9)
    t_tail = 0.0
    linked = 0
    t0 = time.perf_counter()
    for i in range(size):
        if recent and rng.random() < 0.33:
            text = _reprint(rng, rng.choice(recent))
        else:
            text = _article(rng, i)
            recent.append(text)
            if len(recent) > 500:
                recent.pop(0)
        t = time.perf_counter()
        match = index.add(f"a{i}", text, outlet=f"outlet{i % 50}")
        if i >= tail_start:
            t_tail += time.perf_counter() - t
        linked += match.duplicate_of is not None
    total = time.perf_counter() - t0
    stats = index.store.stats()
    index.close()
    return {
        "store": store,
        "articles": size,
        "adds_per_s_tail": (size - tail_start) / t_tail if t_tail else float("nan"),
        "wall_s": total,
        "bytes_per_article": stats["bytes"] / max(1, stats["articles"]),
        "linked_share": linked / size,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--stores", nargs="+", default=["memory", "sqlite", "redis"])
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        redis_proc = None
        try:
            for size in args.sizes:
                for store in args.stores:
                    if store == "memory":
                        url = "memory://"
                    elif store == "sqlite":
                        url = f"sqlite:///{tmp}/bench-{size}.sqlite3"
                    else:
                        if redis_proc is None:
                            redis_proc, url = _start_redis(tmp)
                        url = url.rsplit("/", 1)[0] + "/0"
                        import redis

                        redis.Redis.from_url(url).flushdb()
                    rows.append(run(store, size, url))
                    r = rows[-1]
                    print(
                        f"{r['store']:7} {r['articles']:>9,} {r['adds_per_s_tail']:>10,.0f}"
                        f" {r['bytes_per_article']:>10,.0f} {r['wall_s']:>9,.0f}"
                        f" {r['linked_share']:>7.2f}",
                        file=sys.stderr,
                    )
        finally:
            if redis_proc is not None:
                os.kill(redis_proc.pid, signal.SIGTERM)
                redis_proc.wait(timeout=30)
    print("| store | articles | adds/s (last 10%) | index bytes/article | wall s | linked |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['store']} | {r['articles']:,} | {r['adds_per_s_tail']:,.0f} |"
            f" {r['bytes_per_article']:,.0f} | {r['wall_s']:,.0f} | {r['linked_share']:.2f} |"
        )


if __name__ == "__main__":
    main()
