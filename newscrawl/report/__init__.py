"""The story report: one self-contained HTML page showing what a crawl collected.

``newscrawl report OUT.jsonl -o report.html`` writes it from an output file;
``NEWSCRAWL_REPORT`` writes it at the end of every crawl
(:class:`newscrawl.extensions.report.CrawlReport`).
"""

from __future__ import annotations

from newscrawl.report.build import ReportResult, find_stats_file, write_report

__all__ = ["ReportResult", "find_stats_file", "write_report"]
