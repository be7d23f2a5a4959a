"""Throughput and index size of the syndication index, per store.

    python benchmarks/syndication.py --sizes 100000 1000000 --stores memory sqlite redis

Synthetic articles (about 250 words, a third of them reprints of an earlier
one with edits) are added one by one; the table shows add() throughput over
the last 10% of the adds (the index is then nearly full) and the index bytes
per article. Redis is started by the script on a free port and stopped.

Sizes from ``--prefill-from`` (500,000) up are not added one by one, which
would take hours: all but the last ``--timed`` (50,000) articles are
*pre-filled*, their stored form (random shingle hashes, bottom-k posting
keys, outlet paragraph counts) written through the store's own insert path
in transactions of 20,000; then the last ``--timed`` articles are real adds
and timed. The "pre-filled" column says how many articles were pre-filled.
Throughput is single-threaded: one process adds. ``--batch N`` adds N
articles per ``add_many()`` call, one commit for each N, as the crawl's
pipeline groups the adds that arrive together.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from newscrawl.syndication import AddRequest, SyndicationIndex
from newscrawl.syndication.stores.base import Session, StoredArticle
from tests.services import redis_server

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


def _synthetic_rows(rng: np.random.Generator, first: int, count: int) -> list:
    """Stored articles as an add of a 250-shingle article would store them."""
    rows = []
    shingles = np.sort(rng.integers(0, 2**32, size=(count, 250), dtype=np.uint64), axis=1)
    shingles = shingles.astype(np.uint32)
    for offset in range(count):
        ref = first + offset
        row = shingles[offset]
        sketch = row[(row & 1) == 0]  # level 1, as for a 250-shingle text
        keys = row[: min(32, max(8, row.size // 8))]  # bottom-k, as index_keys()
        article = StoredArticle(
            article_id=f"pre{ref}",
            cluster_id=f"c{ref:015d}",
            outlet=f"outlet{ref % 50}",
            duplicate_of=None,
            wire=None,
            added=time.time(),
            n_shingles=int(row.size),
            level=1,
            hashes=sketch.astype("<u4").tobytes(),
            paragraphs=np.sort(rng.integers(0, 7, size=sketch.size, dtype=np.uint8)).tobytes(),
            numbers=np.sort(rng.integers(0, 2**32, size=7, dtype=np.uint64))
            .astype("<u4")
            .tobytes(),
        )
        paragraph_keys = rng.integers(0, 2**63, size=7, dtype=np.int64).tolist()
        rows.append((article, keys, paragraph_keys))
    return rows


def prefill(index: SyndicationIndex, count: int, batch: int = 20_000) -> None:
    """Fill the store with ``count`` articles fast: their stored form (random
    shingle hashes, so posting keys spread as real ones do) goes through the
    store's own insert path, ``batch`` articles per transaction, skipping the
    tokenising and candidate search of a real add."""
    rng = np.random.default_rng(count)
    for first in range(0, count, batch):
        rows = _synthetic_rows(rng, first, min(batch, count - first))

        def insert_all(session: Session, rows: list = rows) -> None:
            for article, keys, paragraph_keys in rows:
                session.insert(article, keys)
                session.count_paragraphs(article.outlet, [*paragraph_keys, -1])

        index.store.atomic(insert_all)


def run(store: str, size: int, url: str, *, prefilled: int = 0, batch: int = 1) -> dict:
    rng = random.Random(size)
    recent: list[str] = []
    # The pre-fill sends 20,000 inserts in one transaction: more than the
    # default 5 s socket timeout of a Redis store on a loaded machine.
    index = SyndicationIndex.open(url, timeout=600)
    t_prefill = time.perf_counter()
    prefill(index, prefilled)
    t_prefill = time.perf_counter() - t_prefill
    tail_start = max(int(size * 0.9), prefilled)
    t_tail = 0.0
    linked = 0
    t0 = time.perf_counter()
    pending: list[AddRequest] = []
    for i in range(prefilled, size):
        if recent and rng.random() < 0.33:
            text = _reprint(rng, rng.choice(recent))
        else:
            text = _article(rng, i)
            recent.append(text)
            if len(recent) > 500:
                recent.pop(0)
        pending.append(AddRequest(f"a{i}", text, outlet=f"outlet{i % 50}"))
        if len(pending) < batch and i < size - 1:
            continue
        t = time.perf_counter()
        if batch == 1:
            matches = [index.add(r.article_id, r.text, outlet=r.outlet) for r in pending]
        else:
            matches = index.add_many(pending)
        if i >= tail_start:
            t_tail += time.perf_counter() - t
        linked += sum(m.duplicate_of is not None for m in matches)
        pending = []
    total = time.perf_counter() - t0
    stats = index.store.stats()
    index.close()
    return {
        "store": store if batch == 1 else f"{store}, batches of {batch}",
        "articles": size,
        "adds_per_s_tail": (size - tail_start) / t_tail if t_tail else float("nan"),
        "wall_s": total + t_prefill,
        "prefilled": prefilled,
        "bytes_per_article": stats["bytes"] / max(1, stats["articles"]),
        "linked_share": linked / max(1, size - prefilled),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--stores", nargs="+", default=["memory", "sqlite", "redis"])
    parser.add_argument(
        "--prefill-from",
        type=int,
        default=500_000,
        metavar="N",
        help="sizes of N and more are bulk pre-filled with synthetic stored articles"
        " (see prefill()); only the last --timed adds are real and timed",
    )
    parser.add_argument(
        "--timed", type=int, default=50_000, help="real adds after a pre-fill (default 50,000)"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=1,
        help="adds per add_many() call, one commit each, as the crawl's pipeline groups"
        " them (default 1: add() one by one)",
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as services:
        redis_url = None
        for size in args.sizes:
            for store in args.stores:
                if store == "memory":
                    url = "memory://"
                elif store == "sqlite":
                    url = f"sqlite:///{tmp}/bench-{size}.sqlite3"
                else:
                    if redis_url is None:
                        redis_url = services.enter_context(redis_server(Path(tmp, "redis")))
                    url = f"{redis_url}/0"
                    import redis

                    redis.Redis.from_url(url).flushdb()
                prefilled = max(0, size - args.timed) if size >= args.prefill_from else 0
                rows.append(run(store, size, url, prefilled=prefilled, batch=args.batch))
                r = rows[-1]
                print(
                    f"{r['store']:7} {r['articles']:>9,} {r['adds_per_s_tail']:>10,.0f}"
                    f" {r['bytes_per_article']:>10,.0f} {r['wall_s']:>9,.0f}"
                    f" {r['linked_share']:>7.2f} {r['prefilled']:>9,}",
                    file=sys.stderr,
                )
    print(
        "| store | articles | adds/s (last 10%) | index bytes/article | wall s | linked"
        " | pre-filled |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['store']} | {r['articles']:,} | {r['adds_per_s_tail']:,.0f} |"
            f" {r['bytes_per_article']:,.0f} | {r['wall_s']:,.0f} | {r['linked_share']:.2f} |"
            f" {r['prefilled']:,} |"
        )


if __name__ == "__main__":
    main()
