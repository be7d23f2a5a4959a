"""Profile newscrawl's extractor on an article-extraction dataset.

Runs ``extract`` (with metadata, as the crawl calls it) over every page of
the dataset under cProfile and prints the functions that cost the most, so
that speed work starts from measurements rather than guesses.

    python benchmarks/profile_extraction.py [DATASET] [--limit N] [--sort cumulative|tottime]
        [--top N] [--dump FILE]

``--dump`` also writes every page's output (JSON: id -> text, title, removed
rules) so two versions of the code can be compared for identical results.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import DEFAULT_DATASET, load  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", default=str(DEFAULT_DATASET))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", default=None, help="write outputs as JSON to this file")
    args = parser.parse_args(argv)
    dataset = Path(args.dataset)
    if not (dataset / "ground-truth.json").exists():
        print(f"no dataset at {dataset}", file=sys.stderr)
        return 2
    docs, _ = load(dataset, args.limit)

    from newscrawl.extraction import extract

    extract(docs[0][2], docs[0][1])  # warm-up: imports and regex compilation
    profiler = cProfile.Profile()
    outputs = {}
    start = time.process_time()
    profiler.enable()
    for key, url, html in docs:
        outputs[key] = extract(html, url)
    profiler.disable()
    spent = time.process_time() - start
    print(f"{len(docs)} pages, {spent:.2f} cpu-s under the profiler")
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    if args.dump:
        dump = {
            key: {
                "text": result.text,
                "title": result.title,
                "error": result.error,
                "removed": [(r["kind"], r["rule"], r["text"]) for r in result.removed],
                "metadata": repr(result.metadata),
                "fingerprints": list(result.fingerprints),
            }
            for key, result in outputs.items()
        }
        Path(args.dump).write_text(json.dumps(dump, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
