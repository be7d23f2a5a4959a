"""The result of extracting one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Extraction:
    """The clean article of one page and a record of what was dropped from it.

    Everything in it pickles, so it can come back from a worker process.
    """

    url: str | None = None
    text: str = ""
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    #: ``newscrawl.extraction.metadata.Metadata`` or None when it was not extracted.
    metadata: Any = None
    #: One dict per dropped block: {"kind": ..., "text": ..., "rule": ...}.
    removed: list[dict[str, str]] = field(default_factory=list)
    #: A short snake_case reason when no text could be extracted.
    error: str | None = None
    encoding: str | None = None
    #: Fingerprints of the candidate paragraphs of the main content, taken
    #: before text-level removal: what :class:`~.repetition.OutletMemory` learns from.
    fingerprints: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.text)

    def removed_counts(self) -> dict[str, int]:
        """Number of removed blocks per kind (what goes into crawl stats)."""
        counts: dict[str, int] = {}
        for removal in self.removed:
            counts[removal["kind"]] = counts.get(removal["kind"], 0) + 1
        return counts

    def _meta(self, name: str, default: Any = None) -> Any:
        return getattr(self.metadata, name, default) if self.metadata is not None else default

    @property
    def authors(self) -> list[str]:
        return list(self._meta("authors") or [])

    @property
    def published(self) -> str | None:
        return self._meta("published")

    @property
    def modified(self) -> str | None:
        return self._meta("modified")

    @property
    def language(self) -> str | None:
        return self._meta("language")

    @property
    def canonical_url(self) -> str | None:
        return self._meta("canonical_url")

    @property
    def site_name(self) -> str | None:
        return self._meta("site_name")

    @property
    def section(self) -> str | None:
        return self._meta("section")

    @property
    def tags(self) -> list[str]:
        return list(self._meta("tags") or [])

    @property
    def description(self) -> str | None:
        return self._meta("description")

    @property
    def page_type(self) -> str | None:
        return self._meta("page_type")

    @property
    def is_article(self) -> bool | None:
        return self._meta("is_article")

    @property
    def byline(self) -> str | None:
        return self._meta("byline")

    @property
    def wire(self) -> str | None:
        """The agency the page's author fields credit ("Reuters"), if any."""
        return self._meta("wire")
