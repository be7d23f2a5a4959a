"""Benchmark: article extraction quality and speed, side by side in one run.

Scores newscrawl's extractor, trafilatura and plain readability-lxml on an
article-extraction dataset laid out like the scrapinghub
article-extraction-benchmark (``html/<id>.html.gz`` + ``ground-truth.json``)
and prints one table: F1, precision, recall and documents per CPU-second.

The metric is the upstream one (\\w+ tokens, 4-token shingles, per-page
normalised TP/FP/FN, precision and recall averaged over pages, F1 their
harmonic mean). When the shared scorer ``../shared/tools/eval_extraction.py``
is present its scoring function is used; otherwise the same metric is
computed here (the header line says which).

    python benchmarks/extraction.py [DATASET] [--limit N] [--repeat R]

DATASET defaults to ``../shared/eval/extraction`` beside the repository.
Speed counts only the extractor calls (process CPU time, one untimed warm-up
call first, best of ``--repeat`` passes); decompression and scoring are
excluded.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_SCORER = ROOT.parent / "shared" / "tools" / "eval_extraction.py"
DEFAULT_DATASET = ROOT.parent / "shared" / "eval" / "extraction"

_TOKEN = re.compile(r"\w+", re.UNICODE)


# -- the metric (used when the shared scorer is absent) ------------------------


def _shingles(toks: list[str], n: int) -> Counter:
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _own_score(truths: dict[str, str], outputs: dict[str, str], n: int = 4) -> dict[str, float]:
    precisions, recalls = [], []
    for key, truth in truths.items():
        t = _shingles(_TOKEN.findall(truth), n)
        p = _shingles(_TOKEN.findall(outputs.get(key, "")), n)
        tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
        total = tp + fp + fn
        if not total:
            continue
        tp, fp, fn = tp / total, fp / total, fn / total
        if tp + fp:
            precisions.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fp))
        if tp + fn:
            recalls.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fn))
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def _scorer() -> tuple[Callable[[dict[str, str], dict[str, str]], dict[str, float]], str]:
    if SHARED_SCORER.exists():
        spec = importlib.util.spec_from_file_location("_shared_eval_extraction", SHARED_SCORER)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)

            def shared(truths: dict[str, str], outputs: dict[str, str]) -> dict[str, float]:
                docs = [{"id": k, "url": None, "truth": v} for k, v in truths.items()]
                result, _ = module.score_dev(docs, outputs, 4, 0)
                return result

            return shared, f"shared scorer {SHARED_SCORER}"
        except Exception as exc:  # fall back to the documented metric
            print(f"(cannot load the shared scorer: {exc!r})", file=sys.stderr)
    return _own_score, "metric reimplemented in benchmarks/extraction.py"


# -- extractors ------------------------------------------------------------------


def newscrawl_text(html: str, url: str | None) -> str:
    from newscrawl.extraction import extract_text

    return extract_text(html, url)


def newscrawl_full(html: str, url: str | None) -> str:
    from newscrawl.extraction import extract

    return extract(html, url).text


def trafilatura_default(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def readability_plain(html: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return "\n\n".join(
        " ".join(part.split()) for part in lxml.html.fromstring(summary).itertext() if part.strip()
    )


EXTRACTORS: dict[str, Callable[[str, str | None], str]] = {
    "newscrawl (extract_text)": newscrawl_text,
    "newscrawl (extract + metadata)": newscrawl_full,
    "trafilatura": trafilatura_default,
    "readability-lxml": readability_plain,
}


# -- running ------------------------------------------------------------------------


def load(dataset: Path, limit: int | None) -> tuple[list[tuple[str, str | None, str]], dict]:
    truth = json.loads((dataset / "ground-truth.json").read_text("utf-8"))
    docs = []
    for key in sorted(truth):
        path = dataset / "html" / f"{key}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            docs.append((key, truth[key].get("url"), html))
    if limit:
        docs = docs[:limit]
    truths = {key: truth[key].get("articleBody", "") or "" for key, _, _ in docs}
    return docs, truths


def run(fn, docs, repeat: int) -> tuple[dict[str, str], float, int]:
    fn(docs[0][2], docs[0][1])  # warm-up: lazy imports are not billed
    best = float("inf")
    outputs: dict[str, str] = {}
    errors = 0
    for _ in range(repeat):
        spent = 0.0
        for key, url, html in docs:
            start = time.process_time()
            try:
                outputs[key] = fn(html, url) or ""
            except Exception:
                outputs[key] = ""
                errors += 1
            spent += time.process_time() - start
        best = min(best, spent)
    return outputs, best, errors // repeat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", default=str(DEFAULT_DATASET))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="timed passes, best is kept")
    parser.add_argument("--only", action="append", help="extractor name(s) to run")
    args = parser.parse_args(argv)
    dataset = Path(args.dataset)
    if not (dataset / "ground-truth.json").exists():
        print(f"no dataset at {dataset} (expected ground-truth.json and html/)", file=sys.stderr)
        return 2
    docs, truths = load(dataset, args.limit)
    score, scorer_name = _scorer()
    print(f"dataset: {dataset} ({len(docs)} pages); scoring: {scorer_name}")
    rows = []
    for name, fn in EXTRACTORS.items():
        if args.only and not any(part in name for part in args.only):
            continue
        try:
            outputs, cpu, errors = run(fn, docs, args.repeat)
        except ImportError as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
            continue
        result = score(truths, outputs)
        rows.append((name, result, len(docs) / cpu if cpu else float("inf"), errors))
    header = f"{'extractor':32} {'F1':>6} {'P':>6} {'R':>6} {'docs/cpu-s':>11} {'err':>4}"
    print(header)
    print("-" * len(header))
    for name, result, speed, errors in rows:
        print(
            f"{name:32} {result['f1']:6.3f} {result['precision']:6.3f} {result['recall']:6.3f} "
            f"{speed:11.1f} {errors:4d}"
        )
    # Speeds measured in one run share the machine's load: their ratio is the figure.
    baseline = next((speed for name, _, speed, _ in rows if name == "trafilatura"), None)
    if baseline:
        for name, _, speed, _ in rows:
            if name.startswith("newscrawl"):
                print(f"{name}: {speed / baseline:.2f}x trafilatura's docs/cpu-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
