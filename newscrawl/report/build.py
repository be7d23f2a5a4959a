"""Write the report of one JSON lines output (and its stats) to an HTML file."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.report.data import build_payloads, read_articles
from newscrawl.report.page import render_page

logger = logging.getLogger(__name__)

STATS_SUFFIX = ".stats.json"
REPORT_MODE = 0o644


@dataclass
class ReportResult:
    path: Path
    articles: int
    stories: int
    size: int


def find_stats_file(feed: Path) -> Path | None:
    """The stats file the crawl wrote beside ``feed`` (``<feed>.stats.json``), if any."""
    candidate = feed.with_name(feed.name + STATS_SUFFIX)
    return candidate if candidate.is_file() else None


def read_stats(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        stats = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("Cannot read the stats file %s, the report goes without: %s", path, exc)
        return None
    return stats if isinstance(stats, dict) else None


def write_report(
    feed: Path,
    output: Path,
    *,
    stats: dict[str, Any] | Path | None = None,
    title: str | None = None,
) -> ReportResult:
    """Read ``feed`` (and ``stats``: a dict, a stats file, or None to look beside
    the feed) and write the report to ``output``, atomically."""
    if stats is None:
        stats = read_stats(find_stats_file(feed))
    elif isinstance(stats, Path):
        stats = read_stats(stats)
    payloads = build_payloads(read_articles(feed), stats, source=feed.name)
    page = render_page(payloads.index, payloads.texts, title or f"newscrawl report: {feed.name}")
    output.parent.mkdir(parents=True, exist_ok=True)
    # A half-written report never replaces a good one.
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(page)
        # mkstemp makes the file private; a report is meant to be shared.
        os.chmod(temporary, REPORT_MODE)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ReportResult(output, payloads.articles, payloads.stories, output.stat().st_size)
