"""What the index says about one added article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Relation = Literal["same", "contains", "contained_in"]
OriginRule = Literal["published", "first_seen"]
IndexState = Literal["added", "reindexed", "text_changed"]


@dataclass(slots=True)
class Match:
    """The syndication verdict for one article, as stored in ``item["syndication"]``.

    ``duplicate_of`` is the id of an article added *earlier* that this one
    copies; ``relation`` reads "this article <relation> duplicate_of":
    ``contains`` means this article holds the earlier text and more (the
    earlier one was a teaser or first take), ``contained_in`` means it is a
    trimmed copy of the earlier one, ``same`` means neither holds much more
    than the other. ``origin`` is the wire agency of the story's cluster: the
    agency credited by the earliest published article of the cluster that
    credits one, or by the first seen one when the dates are not known;
    ``origin_rule`` says which (``published`` or ``first_seen``).
    ``changes`` says how this copy differs from ``duplicate_of`` (see
    :func:`~newscrawl.syndication.changes.describe_changes`).
    ``index_state`` is ``added`` for a first add, ``reindexed`` when the same
    id came again with the same text (the record of the first add is
    returned), ``text_changed`` when it came with a new text and the entry
    was replaced.
    """

    article_id: str
    cluster_id: str
    duplicate_of: str | None = None
    jaccard: float | None = None
    containment: float | None = None
    relation: Relation | None = None
    origin: str | None = None
    wire: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    origin_rule: OriginRule | None = None
    changes: dict[str, Any] | None = None
    index_state: IndexState = "added"

    @property
    def is_copy(self) -> bool:
        return self.duplicate_of is not None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``syndication`` field of an article item)."""
        data = asdict(self)
        for key in ("jaccard", "containment"):
            if data[key] is not None:
                data[key] = round(data[key], 4)
        return data
