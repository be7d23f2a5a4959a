"""The report's data: a JSON lines output read into two compact, columnar payloads.

The page parses the small *index* (titles, outlets, dates, clusters) when it
opens, and the large *texts* payload (paragraphs, removed blocks, syndication
records) only when a view needs it, so a report of 100,000 articles is usable
before its texts are read. Repeated strings (outlets, agencies, kinds, rules,
boilerplate blocks, the paragraphs wire copies share) are stored once and
referred to by number.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# The payload layout; bumped when the page must read it differently.
PAYLOAD_VERSION = 1
PARAGRAPH_BREAK = "\n\n"
NONE = -1  # "no value" in an integer column


class Strings:
    """A table of distinct strings; ``ref`` gives each one its number."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._numbers: dict[str, int] = {}

    def ref(self, value: Any) -> int:
        if value is None or value == "":
            return NONE
        text = str(value)
        number = self._numbers.get(text)
        if number is None:
            number = self._numbers[text] = len(self.values)
            self.values.append(text)
        return number


def epoch_seconds(value: Any) -> int | None:
    """An ISO 8601 date-time as seconds since the epoch (naive ones read as UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def read_articles(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON lines file; a line that is not one is logged and skipped."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                logger.warning("%s:%d is not JSON, skipped: %s", path, number, exc)
                continue
            if isinstance(item, dict):
                yield item


def iso_time(value: Any) -> str | None:
    """A stats time (a datetime in a live crawl, a string in a stats file) in ISO 8601."""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if value else None


def stats_digest(stats: dict[str, Any] | None) -> dict[str, Any]:
    """What the overview shows from the crawl stats: drops, removals, offsite, run times."""
    stats = stats or {}

    def under(prefix: str) -> dict[str, int]:
        return {
            key.removeprefix(prefix): value
            for key, value in stats.items()
            if key.startswith(prefix) and isinstance(value, int) and not isinstance(value, bool)
        }

    return {
        "present": bool(stats),
        "dropped": under("newscrawl/dropped/"),
        "removed": under("newscrawl/removed/"),
        "skipped": under("newscrawl/discovery/skipped/"),
        "offsite": int(stats.get("offsite/filtered", 0) or 0),
        "offsite_domains": int(stats.get("offsite/domains", 0) or 0),
        "finish_reason": stats.get("finish_reason"),
        "start_time": iso_time(stats.get("start_time")),
        "finish_time": iso_time(stats.get("finish_time")),
        "pages": int(stats.get("response_received_count", 0) or 0),
    }


@dataclass
class Payloads:
    """The two payloads the page embeds, and what the builder counted."""

    index: dict[str, Any]
    texts: dict[str, Any]
    articles: int = 0
    stories: int = 0
    notes: list[str] = field(default_factory=list)


def _cluster_origin(members: list[int], records: list[dict[str, Any]], dates: list) -> int:
    """The member a story's copies are compared with.

    The first of its story in the index (no ``duplicate_of``) when the file
    holds it; else the article most copies point at; else the earliest published.
    """
    ids = {records[m].get("article_id"): m for m in members}
    firsts = [m for m in members if not records[m].get("duplicate_of")]
    if firsts:
        return min(firsts, key=lambda m: (dates[m] is None, dates[m] or 0, m))
    pointed: dict[int, int] = {}
    for m in members:
        target = ids.get(records[m].get("duplicate_of"))
        if target is not None:
            pointed[target] = pointed.get(target, 0) + 1
    if pointed:
        return max(pointed, key=lambda m: (pointed[m], -m))
    return min(members, key=lambda m: (dates[m] is None, dates[m] or 0, m))


def build_payloads(
    articles: Iterable[dict[str, Any]], stats: dict[str, Any] | None = None, source: str = ""
) -> Payloads:
    """Read ``articles`` (output lines) into the index and texts payloads."""
    strings = Strings()
    paragraphs = Strings()
    blocks = Strings()
    columns: dict[str, list[Any]] = {
        "title": [],
        "url": [],
        "outlet": [],
        "wire": [],
        "published": [],
        "removed": [],
    }
    text_refs: list[list[int]] = []
    removed_refs: list[list[list[int]]] = []
    details: list[list[Any]] = []
    records: list[dict[str, Any]] = []
    cluster_members: dict[str, list[int]] = {}
    removed_by_kind: dict[str, int] = {}

    for number, item in enumerate(articles):
        columns["title"].append(str(item.get("title") or ""))
        columns["url"].append(str(item.get("url") or ""))
        columns["outlet"].append(strings.ref(item.get("outlet")))
        columns["wire"].append(strings.ref(item.get("wire")))
        columns["published"].append(epoch_seconds(item.get("published")))
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        text_refs.append([paragraphs.ref(p) for p in text.split(PARAGRAPH_BREAK) if p.strip()])
        removed = [r for r in item.get("removed") or () if isinstance(r, dict)]
        removed_refs.append(
            [
                [strings.ref(r.get("kind") or "unknown"), strings.ref(r.get("rule")),
                 blocks.ref(r.get("text"))]
                for r in removed
            ]
        )  # fmt: skip
        for r in removed:
            kind = str(r.get("kind") or "unknown")
            removed_by_kind[kind] = removed_by_kind.get(kind, 0) + 1
        columns["removed"].append(len(removed))
        authors = item.get("authors") if isinstance(item.get("authors"), list) else []
        details.append(
            [", ".join(map(str, authors)), strings.ref(item.get("section")),
             strings.ref(item.get("language")), str(item.get("published") or ""),
             str(item.get("fetched_at") or "")]
        )  # fmt: skip
        record = item.get("syndication") if isinstance(item.get("syndication"), dict) else {}
        records.append(record)
        cluster = record.get("cluster_id")
        if cluster:
            cluster_members.setdefault(str(cluster), []).append(number)

    count = len(columns["title"])
    cluster_column = [NONE] * count
    stories: list[list[Any]] = []
    syndication: dict[str, list[Any]] = {}
    for members in cluster_members.values():
        if len(members) < 2:
            continue
        origin = _cluster_origin(members, records, columns["published"])
        ordered = sorted(
            members, key=lambda m: (columns["published"][m] is None, columns["published"][m] or 0)
        )
        agency = next((records[m].get("origin") for m in members if records[m].get("origin")), None)
        story_number = len(stories)
        stories.append([origin, strings.ref(agency), ordered])
        for m in members:
            cluster_column[m] = story_number
            record = records[m]
            changes = record.get("changes") if isinstance(record.get("changes"), dict) else None
            syndication[str(m)] = [
                record.get("article_id"),
                record.get("duplicate_of"),
                record.get("relation"),
                record.get("jaccard"),
                record.get("containment"),
                changes,
            ]
    # Outlets and agencies, by how often they occur, for the filters.
    outlet_counts: dict[int, int] = {}
    for ref in columns["outlet"]:
        outlet_counts[ref] = outlet_counts.get(ref, 0) + 1
    agencies = sorted(
        {ref for ref in columns["wire"] if ref != NONE} | {s[1] for s in stories if s[1] != NONE}
    )
    index = {
        "version": PAYLOAD_VERSION,
        "source": source,
        "generated": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "strings": strings.values,
        "n": count,
        **columns,
        "cluster": cluster_column,
        "stories": stories,
        "outlets": sorted((r for r in outlet_counts if r != NONE), key=lambda r: -outlet_counts[r]),
        "agencies": agencies,
        "removed_by_kind": dict(sorted(removed_by_kind.items(), key=lambda kv: -kv[1])),
        "stats": stats_digest(stats),
    }
    texts = {
        "version": PAYLOAD_VERSION,
        "paragraphs": paragraphs.values,
        "blocks": blocks.values,
        "text": text_refs,
        "removed": removed_refs,
        "details": details,
        "syndication": syndication,
    }
    return Payloads(index, texts, articles=count, stories=len(stories))
