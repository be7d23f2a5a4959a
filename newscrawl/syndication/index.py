"""The syndication index: which earlier article does a new one copy?

An add works in three steps:

1. *Fingerprint*. The text is split into paragraphs, and long paragraphs
   (or a text given as one block) into sentence windows; paragraphs this
   outlet already printed in earlier articles (its header, footer,
   newsletter box), the head and tail shingles it repeats in one-block
   texts, and paragraphs that opened several different stories are
   dropped, because repeated lines say nothing about the story. The rest is
   shingled (see :mod:`.fingerprint`).
2. *Candidates*. Every article is posted under a bottom-k sample of its
   shingles; the new article looks up its shingles in the low end of the
   hash space, where those samples lie, and every shingle of its lead, so an
   earlier teaser or a longer original is found whichever holds the other.
   Keys posted by very many articles (templates, boilerplate) are skipped.
3. *Verification*. The sketch overlap of all candidates is counted in one
   vectorised pass, and those sharing too little are dropped (most share a
   single common shingle). Each remaining candidate's sketch is compared exactly:
   Jaccard and containment in both directions, how many paragraphs the
   shared text spans on each side, and whether the numbers agree. A copy
   shares a run of the story's paragraphs, starting at its lead; a reused
   background paragraph is one paragraph in the middle; a templated brief
   shares its wording but not its numbers.

The verdict is stored with the article, so that adding the same id with the
same text again returns it unchanged; :mod:`.changes` says, unit by unit,
what the copy kept, dropped and added.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..wire import detect_wire, is_agency
from .changes import aligned_sketches, describe_changes
from .fingerprint import (
    MAX_PARAGRAPHS,
    Fingerprint,
    Paragraph,
    ShingleTable,
    fingerprint_table,
    index_keys,
    paragraph_key,
    parse_paragraphs,
    shingle_table,
    sorted_members,
    split_paragraphs,
    unit_texts,
)
from .match import Match
from .stores import open_store
from .stores.base import ClusterOrigin, Session, Store, StoredArticle


@dataclass(slots=True)
class Thresholds:
    """When a candidate counts as the article's source. Defaults tuned on
    synthetic and research data; see the module docstring for the reasons."""

    #: minimum share of the shorter text found in the other, when the shared
    #: text is one paragraph, two, or three and more
    containment: float = 0.5
    containment_two: float = 0.45
    containment_many: float = 0.3
    #: minimum shared sketch hashes (guards very short texts)
    min_shared: int = 3
    #: a single shared paragraph is enough only if it is near both leads
    lead_paragraphs: int = 2
    #: below this share of the shorter text's numbers, a same-template brief
    number_agreement: float = 0.5
    #: postings per key above which a key is ignored as boilerplate/template
    max_postings: int = 200
    #: candidates verified per add
    candidates: int = 40
    #: an outlet with fewer articles than this has not shown its boilerplate yet
    outlet_warmup: int = 5


# Paragraph keys are 63-bit and not negative; key -1 counts the outlet's
# articles; the head and tail shingles of a text given as one block are
# counted under -2 - shingle.
_ARTICLES_KEY = -1
_EDGE_BASE = -2
# The paragraph counts of the first copy of every story, under a name no
# outlet has.
_ALL_OUTLETS = "\x00all-outlets"
# A paragraph printed by the first copies of this many different stories is
# stock text: two different stories rarely share a paragraph by chance, three
# only when it is a sign-off, a site's boilerplate or a reused paragraph.
_STORIES_REPEAT = 3


# The pre-filter's bitmap of sketch hashes, by their top bits.
_BITMAP_BITS = 12
_BITMAP_SHIFT = np.uint32(32 - _BITMAP_BITS)

# A unit with fewer sketch hashes than this is a short line (about five
# words or less), not a paragraph of the story.
_MIN_UNIT_HASHES = 3


def _edge_keys(fp: Fingerprint) -> list[int]:
    return [_EDGE_BASE - h for h in fp.edges.tolist()]


@dataclass(slots=True)
class _Incoming:
    """An article being added, parsed once outside the store transaction."""

    article_id: str
    outlet: str | None
    wire: str | None
    paragraphs: list[str]
    parsed: list[Paragraph]
    keys: list[int]
    #: every shingle of the text, for fingerprints with lines left out
    table: ShingleTable
    full: Fingerprint
    #: the outlet's counting keys of the full text's head and tail shingles
    edge_keys: list[int]
    text_key: int
    title_key: int
    published: float | None


@dataclass(slots=True)
class AddRequest:
    """One article for :meth:`SyndicationIndex.add_many`: the arguments of
    :meth:`SyndicationIndex.add`."""

    article_id: str
    text: str
    outlet: str | None = None
    published: str | float | datetime | None = None
    title: str | None = None
    url: str | None = None
    wire: str | None = None


def _text_key(paragraphs: list[str]) -> int:
    """Signed 64-bit hash of the text, blind to line breaks and spacing,
    never 0 (0 marks an entry stored before texts were keyed)."""
    digest = hashlib.blake2b(" ".join(" ".join(paragraphs).split()).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "little", signed=True) or 1


def _title_key(title: str | None) -> int:
    """32-bit key of the headline's words (case and punctuation ignored), 0 if none."""
    if not title or not title.strip():
        return 0
    return (paragraph_key(title) & 0xFFFFFFFF) or 1


def _headline_changed(mine: int, theirs: int) -> bool | None:
    return None if not mine or not theirs else mine != theirs


def _timestamp(value: str | float | datetime | None) -> float | None:
    """Unix time of a publication date (ISO 8601 text, datetime or number); None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            # A date without a zone is read as UTC: the copies of one story
            # are ordered by hours, and a guess is better than no order.
            value = value.replace(tzinfo=UTC)
        return value.timestamp()
    return None


class SyndicationIndex:
    """Find, for each added article, the earlier article it copies."""

    def __init__(
        self,
        store: Store,
        *,
        thresholds: Thresholds | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.thresholds = thresholds or Thresholds()
        self.clock = clock

    @classmethod
    def open(cls, url: str = "memory://", **options: Any) -> SyndicationIndex:
        """Open the index in the store named by ``url`` (memory://, sqlite:///, redis://).

        ``options`` are store options (``window`` seconds for retention,
        ``timeout`` seconds) and :class:`Thresholds` fields.
        """
        fields = set(Thresholds.__slots__)
        threshold_options = {k: options.pop(k) for k in list(options) if k in fields}
        clock = options.get("clock", time.time)
        store = open_store(url, **options)
        return cls(store, thresholds=Thresholds(**threshold_options), clock=clock)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> SyndicationIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(
        self,
        article_id: str,
        text: str,
        *,
        outlet: str | None = None,
        published: str | float | datetime | None = None,
        title: str | None = None,
        url: str | None = None,
        wire: str | None = None,
    ) -> Match:
        """Index an article and say which earlier one it copies.

        ``wire`` is the agency the article credits, if the caller already
        knows it; ``""`` says the caller looked and found none; ``None`` has it
        detected from the text. ``published`` (ISO
        date, datetime or unix time) decides which credited copy is the
        story's origin. Adding an id again with the same text returns the
        record of its first add; with a new text, the entry is replaced and
        ``index_state`` says ``text_changed``. Raises
        :class:`~newscrawl.syndication.errors.StoreError` when the store
        cannot serve the add, ``ValueError`` for a missing id.
        """
        request = AddRequest(
            article_id=article_id,
            text=text,
            outlet=outlet,
            published=published,
            title=title,
            url=url,
            wire=wire,
        )
        article = self._incoming(request)
        return self.store.atomic(lambda session: self._add(session, article))

    def add_many(self, requests: Sequence[AddRequest]) -> list[Match | Exception]:
        """Index several articles, in order, and commit them together.

        Each is added as by :meth:`add`, and sees the ones before it. One
        commit for all is cheaper than one per article, in a store that
        commits (SQLite). Returns, per request, its match or the error that
        :meth:`add` would have raised: a failed commit fails every request.
        """
        prepared: list[_Incoming | Exception] = []
        for request in requests:
            try:
                prepared.append(self._incoming(request))
            except (ValueError, TypeError) as exc:
                prepared.append(exc)
        ready = [article for article in prepared if not isinstance(article, Exception)]
        done = iter(
            self.store.atomic_many(
                [lambda session, article=article: self._add(session, article) for article in ready]
            )
        )
        return [article if isinstance(article, Exception) else next(done) for article in prepared]

    def _incoming(self, request: AddRequest) -> _Incoming:
        """The article parsed and fingerprinted, outside any store transaction."""
        article_id, text, wire = request.article_id, request.text, request.wire
        if not article_id or not isinstance(article_id, str):
            raise ValueError("article_id must be a non-empty string")
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        paragraphs = split_paragraphs(text)
        if wire is None and text:
            wire = detect_wire(text, title=request.title)
        wire = wire or None
        parsed = parse_paragraphs(paragraphs)
        table = shingle_table(parsed)
        full = fingerprint_table(table)
        return _Incoming(
            article_id=article_id,
            outlet=request.outlet,
            wire=wire,
            paragraphs=paragraphs,
            parsed=parsed,
            keys=[p.key for p in parsed],
            table=table,
            full=full,
            edge_keys=_edge_keys(full) if request.outlet else [],
            text_key=_text_key(paragraphs),
            title_key=_title_key(request.title),
            published=_timestamp(request.published),
        )

    # -- inside the store transaction ------------------------------------------

    def _add(self, session: Session, new: _Incoming) -> Match:
        known = session.find(new.article_id)
        state = "added"
        if known is not None:
            if known.text_key in (0, new.text_key):
                return self._stored_match(session, known, new)
            # The same URL now holds another text: replace the entry.
            session.remove(known)
            state = "text_changed"
        fp, skip = self._without_outlet_repeats(session, new)
        evidence: dict[str, Any] = {"shingles": fp.n_shingles, "outlet_lines_dropped": len(skip)}
        best: tuple[float, StoredArticle, dict[str, Any]] | None = None
        if len(fp):
            limits = self.thresholds
            found = session.candidates(
                fp.queried, max_postings=limits.max_postings, limit=limits.candidates
            )
            evidence["candidates"] = len(found)
            loaded = session.load([ref for ref, _ in found])
            conflicts = 0
            for candidate in self._plausible(fp, loaded):
                verdict = self._verify(fp, candidate)
                if verdict is None:
                    continue
                if _credits_conflict(session, new.wire, candidate, verdict):
                    conflicts += 1
                elif best is None or verdict[0] > best[0]:
                    best = (verdict[0], candidate, verdict[1])
            if conflicts:
                evidence["credit_conflicts"] = conflicts
        else:
            evidence["reason"] = "too_short"

        changes = None
        if best is None:
            # A changed text that copies nothing keeps its story: the copies
            # that linked to it stay in their cluster.
            cluster_id = known.cluster_id if known is not None else uuid.uuid4().hex[:16]
            match = Match(article_id=new.article_id, cluster_id=cluster_id, wire=new.wire)
        else:
            _, source, features = best
            cluster_id = source.cluster_id
            match = Match(
                article_id=new.article_id,
                cluster_id=cluster_id,
                duplicate_of=source.article_id,
                jaccard=features.pop("jaccard"),
                containment=features.pop("containment"),
                relation=features.pop("relation"),
                wire=new.wire,
            )
            evidence.update(features)
            changes = describe_changes(
                fp,
                source,
                unit_texts(new.paragraphs, new.parsed, skip),
                headline_changed=_headline_changed(new.title_key, source.title_key),
            )
        match.changes = changes
        match.index_state = state
        # A story's first copy has a new cluster id: no origin recorded yet.
        fresh = best is None and known is None
        self._set_origin(session, match, new.wire, new.published, fresh=fresh)
        match.evidence = evidence

        session.insert(
            StoredArticle(
                article_id=new.article_id,
                cluster_id=cluster_id,
                outlet=new.outlet,
                duplicate_of=match.duplicate_of,
                wire=new.wire,
                added=self.clock(),
                n_shingles=fp.n_shingles,
                level=fp.level,
                hashes=fp.hashes.astype("<u4").tobytes(),
                paragraphs=fp.paragraphs.tobytes(),
                numbers=np.array(sorted(fp.numbers), dtype="<u4").tobytes(),
                continued=fp.continued.tobytes(),
                n_units=fp.n_units,
                skipped=bytes(sorted(i for i in skip if i <= MAX_PARAGRAPHS)),
                text_key=new.text_key,
                title_key=new.title_key,
                published=new.published,
                jaccard=match.jaccard,
                containment=match.containment,
                relation=match.relation,
            ),
            index_keys(fp),
        )
        if new.outlet and state == "added":
            session.count_paragraphs(new.outlet, {*new.keys, _ARTICLES_KEY, *new.edge_keys})
        if match.duplicate_of is None and state == "added" and new.keys:
            # Counted once per story: the copies of one story repeat its
            # paragraphs, other stories repeat only the stock lines.
            session.count_paragraphs(_ALL_OUTLETS, set(new.keys))
        return match

    def _set_origin(
        self,
        session: Session,
        match: Match,
        wire: str | None,
        published: float | None,
        *,
        fresh: bool,
    ) -> None:
        """The story's origin: the credited agency of its earliest published
        copy when the dates are known, else of its first seen credited copy."""
        current = None if fresh else session.cluster_origin(match.cluster_id)
        if is_agency(wire) and (
            current is None
            or (
                published is not None
                and current.published is not None
                and published < current.published
            )
        ):
            current = ClusterOrigin(wire, published)
            session.set_cluster_origin(match.cluster_id, current)
        if current is not None:
            match.origin = current.origin
            match.origin_rule = "published" if current.published is not None else "first_seen"

    def _stored_match(self, session: Session, known: StoredArticle, new: _Incoming) -> Match:
        """The record of an article indexed before with the same text."""
        match = Match(
            article_id=known.article_id,
            cluster_id=known.cluster_id,
            duplicate_of=known.duplicate_of,
            jaccard=known.jaccard,
            containment=known.containment,
            relation=known.relation,  # type: ignore[arg-type]
            wire=known.wire,
            evidence={"reason": "already_indexed"},
            index_state="reindexed",
        )
        if known.duplicate_of is not None:
            source = session.find(known.duplicate_of)
            if source is not None:
                mine = Fingerprint(
                    known.hash_array(),
                    known.paragraph_array(),
                    known.n_shingles,
                    known.level,
                    known.number_set(),
                    known.hash_array(),
                    known.continued_array(),
                    known.n_units,
                )
                skip = frozenset(known.skipped)
                match.changes = describe_changes(
                    mine,
                    source,
                    unit_texts(new.paragraphs, new.parsed, skip),
                    headline_changed=_headline_changed(known.title_key, source.title_key),
                )
        current = session.cluster_origin(known.cluster_id)
        if current is not None:
            match.origin = current.origin
            match.origin_rule = "published" if current.published is not None else "first_seen"
        return match

    def _without_outlet_repeats(
        self, session: Session, new: _Incoming
    ) -> tuple[Fingerprint, set[int]]:
        outlet, table, keys, full = new.outlet, new.table, new.keys, new.full
        if not table.parsed:
            return full, set()
        # A paragraph that opened the first copy of several different stories
        # is a sign-off, a shared CMS line or a reused background paragraph,
        # whatever outlet prints it: no evidence that two articles are one story.
        edge_keys = new.edge_keys
        requests: list[tuple[str, Sequence[int]]] = [(_ALL_OUTLETS, keys)]
        if outlet:
            requests.append((outlet, [*keys, _ARTICLES_KEY, *edge_keys]))
        common, *outlet_counts = session.paragraph_counts_of(requests)
        stock = {i for i, key in enumerate(keys) if common.get(key, 0) >= _STORIES_REPEAT}
        counts = outlet_counts[0] if outlet_counts else {}
        if not counts and not stock:
            return full, set()
        # A line this outlet printed in two earlier articles is its boilerplate.
        # While the outlet is new, one earlier article is enough; once it is
        # known, a line printed once before is more likely its own first take
        # of the same story than boilerplate (boilerplate has been counted).
        # In a text given as one block the lines cannot be told apart, and
        # the shingles at its head and tail are counted instead.
        seen_articles = counts.get(_ARTICLES_KEY, 0)
        repeat = 1 if seen_articles < self.thresholds.outlet_warmup else 2

        def repeated(minimum: int, also: set[int]) -> tuple[set[int], np.ndarray | None]:
            skip = {i for i, key in enumerate(keys) if counts.get(key, 0) >= minimum} | also
            drop = [_EDGE_BASE - key for key in edge_keys if counts.get(key, 0) >= minimum]
            return skip, (np.array(drop, dtype=np.uint32) if drop else None)

        skip, drop = repeated(repeat, stock)
        fp = fingerprint_table(table, skip=skip, drop=drop) if skip or drop is not None else full
        if fp.n_shingles < max(8, full.n_shingles // 5):
            # The outlet re-ran its own story: the repeats are the story, and
            # only lines printed many times are boilerplate.
            skip, drop = repeated(3, set())
            fp = fingerprint_table(table, skip=skip, drop=drop)
        return fp, skip

    def _plausible(self, fp: Fingerprint, candidates: list[StoredArticle]) -> list[StoredArticle]:
        """The candidates that share enough of the sketch to be verified.

        Most candidates share one common shingle and nothing else. Their
        overlap is counted for all of them at once here, with the same
        sampling level and the same bounds as the first checks of
        :meth:`_verify`, which then only sees those that pass them.
        """
        if len(candidates) < 4 or not fp.hashes.size:
            return candidates
        limits = self.thresholds
        count = len(candidates)
        sketches = [c.hashes for c in candidates]
        sizes = np.array([len(h) // 4 for h in sketches], dtype=np.int64)
        theirs = np.frombuffer(b"".join(sketches), dtype="<u4")
        bounds = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(sizes, out=bounds[1:])
        mine = fp.hashes
        # The candidates' hashes found in this sketch. A binary search costs
        # tens of nanoseconds per hash, and the candidates hold a thousand or
        # more: a bitmap of the top bits of this sketch's hashes leaves the
        # search a few percent of them.
        table = np.zeros(1 << _BITMAP_BITS, dtype=bool)
        table[mine >> _BITMAP_SHIFT] = True
        maybe = np.flatnonzero(table[theirs >> _BITMAP_SHIFT])
        hits = maybe[sorted_members(theirs[maybe], mine)]
        levels = [c.level for c in candidates]
        if all(level == fp.level for level in levels):
            # Sketches sampled alike: all hashes count.
            their_size = sizes
            my_size: np.ndarray | int = mine.size
        else:
            # Compared at the coarser level of the two: only the hashes
            # both sketches would keep there count.
            at_level = np.maximum(np.array(levels, dtype=np.int64), fp.level)
            owner = np.repeat(np.arange(count), sizes)
            masks = ((np.int64(1) << at_level) - 1).astype(np.uint32)
            kept = (theirs & masks[owner]) == 0
            hits = hits[kept[hits]]
            their_size = np.bincount(owner, weights=kept, minlength=count)
            my_size = np.empty(count, dtype=np.float64)
            for level in sorted(set(at_level.tolist())):
                at = mine if level <= fp.level else mine[(mine & np.uint32((1 << level) - 1)) == 0]
                my_size[at_level == level] = at.size
        # Hits are in candidate order: each candidate's count is the number
        # of hits within its bounds.
        shared = np.diff(np.searchsorted(hits, bounds))
        containment = np.maximum(
            shared / np.maximum(my_size, 1), shared / np.maximum(their_size, 1)
        )
        plausible = (
            (shared >= max(1, limits.min_shared))
            & (containment >= limits.containment_many)
            & (np.asarray(my_size) > 0)
            & (their_size > 0)
        )
        return [c for c, ok in zip(candidates, plausible.tolist(), strict=True) if ok]

    def _verify(self, fp: Fingerprint, other: StoredArticle) -> tuple[float, dict[str, Any]] | None:
        limits = self.thresholds
        mine, my_paras, theirs, their_paras = aligned_sketches(fp, other)
        if not mine.size or not theirs.size:
            return None
        # Both sketches are sorted and unique: one binary search per hash
        # intersects them (np.intersect1d sorts both again).
        slots = np.searchsorted(theirs, mine)
        np.minimum(slots, theirs.size - 1, out=slots)
        in_mine = np.flatnonzero(theirs[slots] == mine)
        in_theirs = slots[in_mine]
        shared = int(in_mine.size)
        if shared < limits.min_shared:
            return None
        c_mine = shared / mine.size  # share of this article found in the other
        c_theirs = shared / theirs.size
        containment = max(c_mine, c_theirs)
        if containment < limits.containment_many:
            return None
        my_spread = _covered_paragraphs(my_paras, in_mine)
        their_spread = _covered_paragraphs(their_paras, in_theirs)
        if not my_spread.size or not their_spread.size:
            return None
        spans = min(my_spread.size, their_spread.size)
        lead = limits.lead_paragraphs
        # The share of the shorter text that must reach the threshold.
        evidence = containment
        if _one_paragraph(my_spread, fp.continued) or _one_paragraph(
            their_spread, other.continued_array()
        ):
            # All the shared text lies in the sentence windows of one long
            # paragraph (or of a text given as one block): as for one shared
            # paragraph, it must be the top of both texts, not a background
            # paragraph reused in the middle, and one run, not an outlet's
            # header and footer around different stories. Units shared past
            # the run (a sign-off both copies end with) are no evidence
            # against it: the run alone must hold enough of the text.
            my_run, their_run = _head_run(my_spread), _head_run(their_spread)
            if _ranks(my_paras)[my_run[0]] >= lead or _ranks(their_paras)[their_run[0]] >= lead:
                return None
            if my_run.size < my_spread.size or their_run.size < their_spread.size:
                in_runs = np.isin(my_paras[in_mine], my_run) & np.isin(
                    their_paras[in_theirs], their_run
                )
                run_shared = int(np.count_nonzero(in_runs))
                evidence = max(run_shared / mine.size, run_shared / theirs.size)
                spans = min(my_run.size, their_run.size)
            needed = limits.containment if spans <= 2 else limits.containment_many
        elif spans >= 3:
            needed = limits.containment_many
        elif spans == 2:
            needed = limits.containment_two
        else:
            # One shared paragraph: a teaser's lead, or a reused background
            # paragraph. Only the first is at the top of both texts.
            needed = limits.containment
            if (
                _ranks(my_paras)[my_spread[0]] >= lead
                or _ranks(their_paras)[their_spread[0]] >= lead
            ):
                return None
        if evidence < needed:
            return None
        # The stored numbers are a sorted set of 4-byte hashes: their count is
        # known without reading them, and too few give no agreement anyway.
        few_numbers = len(fp.numbers) < 3 or len(other.numbers) < 3 * 4
        agreement = None if few_numbers else _number_agreement(fp.numbers, other.number_set())
        if agreement is not None and agreement < limits.number_agreement:
            return None
        jaccard = shared / (mine.size + theirs.size - shared)
        if c_mine >= 0.8 and c_theirs >= 0.8:
            relation = "same"
        elif c_mine >= c_theirs:
            relation = "contained_in"
        else:
            relation = "contains"
        features = {
            "jaccard": jaccard,
            "containment": containment,
            "relation": relation,
            "shared_sketch": shared,
            "shared_paragraphs": int(spans),
            "numbers_agree": None if agreement is None else round(agreement, 3),
        }
        return containment + jaccard, features


#: A match sharing at most this many units is weak evidence on its own (a
#: teaser's lead, or a background paragraph two stories reuse).
WEAK_MATCH_UNITS = 2


def _credits_conflict(
    session: Session, wire: str | None, candidate: StoredArticle, verdict: tuple[float, dict]
) -> bool:
    """Does a weak match join stories that credit two different agencies?

    Two agencies' stories on one event share background paragraphs, and an
    outlet's copy keeps its agency's credit; one story reaches the outlets
    under one credit. A copy that shares more than a paragraph or two links
    whatever the credits say (a mis-credit, a rewrite of two wires).
    """
    if not is_agency(wire) or verdict[1]["shared_paragraphs"] > WEAK_MATCH_UNITS:
        return False
    theirs = candidate.wire
    if not is_agency(theirs):
        origin = session.cluster_origin(candidate.cluster_id)
        theirs = origin.origin if origin is not None else None
    return is_agency(theirs) and theirs != wire


def _covered_paragraphs(paragraphs: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Ordinals of the paragraphs that are mostly shared, not just touched.

    Two different stories on one topic share stock phrases ("said in a
    statement") scattered over many paragraphs; a copy shares paragraphs.
    """
    total = np.bincount(paragraphs, minlength=256)
    hit = np.bincount(paragraphs[shared], minlength=256)
    covered = (hit * 2 >= total) & ((hit >= 2) | (hit == total)) & (hit > 0)
    return np.flatnonzero(covered)


def _one_paragraph(spread: np.ndarray, continued: np.ndarray) -> bool:
    """True when the covered units are sentence windows of one paragraph."""
    if spread.size < 2 or not continued.size:
        return False
    first, last = int(spread[0]), int(spread[-1])
    inside = np.count_nonzero((continued > first) & (continued <= last))
    return inside == last - first


def _ranks(units: np.ndarray) -> np.ndarray:
    """Position of each unit among the units that hold some text.

    A page's short lines ("BREAKING NEWS", "Sections Menu Search") hold a
    shingle or two; they do not push the story's lead down the page.
    """
    substantial = np.bincount(units, minlength=256) >= _MIN_UNIT_HASHES
    return np.cumsum(substantial) - substantial


def _head_run(spread: np.ndarray) -> np.ndarray:
    """The longest head of ``spread`` that is one run: it covers at least
    half of the units from its first to its last."""
    reach = spread - spread[0] + 1
    dense = np.flatnonzero(np.arange(1, spread.size + 1) * 2 >= reach)
    return spread[: int(dense[-1]) + 1]


def _number_agreement(mine: frozenset[int], theirs: frozenset[int]) -> float | None:
    """Share of the smaller set of numbers found in the other (None if too few)."""
    if len(mine) < 3 or len(theirs) < 3:
        return None
    return len(mine & theirs) / min(len(mine), len(theirs))


def open_index(url: str = "memory://", **options: Any) -> SyndicationIndex:
    """Shortcut for :meth:`SyndicationIndex.open`."""
    return SyndicationIndex.open(url, **options)
