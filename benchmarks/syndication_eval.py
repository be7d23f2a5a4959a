"""Adapter between the shared syndication harness and :class:`SyndicationIndex`.

    python /work/shared/tools/eval_syndication.py DATA.jsonl \\
        --detector benchmarks.syndication_eval:Detector [--param store=sqlite:///tmp/x.db]

The harness hands ``meta`` (outlet, date, title) when ``add`` accepts it; the
text it passes starts with the title paragraph unless ``--body-only``.
"""

from __future__ import annotations

from typing import Any

from newscrawl.syndication import SyndicationIndex

# The harness labels Itar-Tass stories "Itar-Tass"; newscrawl says "TASS".
_HARNESS_AGENCY_NAMES = {"TASS": "Itar-Tass"}


class Detector:
    def __init__(self, store: str = "memory://", **options: Any) -> None:
        self.index = SyndicationIndex.open(store, **options)

    def add(
        self, doc_id: str, text: str, meta: dict[str, Any] | None = None
    ) -> tuple[str | None, float, dict[str, Any]]:
        meta = meta or {}
        title = meta.get("title")
        # The harness prepends the headline; a crawled item's text is the body.
        if title and text.startswith(title + "\n\n"):
            text = text[len(title) + 2 :]
        match = self.index.add(
            doc_id,
            text,
            outlet=meta.get("outlet"),
            published=meta.get("date"),
            title=title,
        )
        origin = _HARNESS_AGENCY_NAMES.get(match.origin, match.origin)
        info = {"agency": origin, "containment": match.containment, "relation": match.relation}
        score = (match.jaccard or 0.0) if match.duplicate_of else 0.0
        return match.duplicate_of, score, info
