"""The vectorised fingerprint and candidate pre-filter agree with their plain definitions."""

# ruff: noqa: RUF001 - the Russian and Arabic texts use their own letters

from __future__ import annotations

import random

import numpy as np
import pytest

from newscrawl.syndication import SyndicationIndex
from newscrawl.syndication import fingerprint as fingerprint_module
from newscrawl.syndication.fingerprint import (
    LEAD_UNITS,
    QUERY_HASH_BOUND,
    Fingerprint,
    fingerprint,
    fingerprint_parsed,
    fingerprint_table,
    paragraph_key,
    parse_paragraph,
    parse_paragraphs,
    shingle_paragraph,
    shingle_table,
    split_paragraphs,
    tokenize,
)
from newscrawl.syndication.stores.base import StoredArticle

from .syndication_stories import make_story, outlet_page

_MIXED = [
    "Port of Oslo to spend 1,250 mln dlrs on a new quay, officials said.",
    "One",
    "Two words",
    "Three short words",
    "",
    "Москва объявила о 12 новых проектах в 2024 году.",
    "أعلنت الحكومة عن خطة جديدة بقيمة 300 مليون",
    "北京市政府今天宣布了新的交通计划，投资123亿元。",
    "İstanbul Straße café — 3.5 pct growth vs 2.9 pct",
]


def _paragraph_wise(paragraphs: list[str], skip: set[int]) -> set[int]:
    """Shingles, paragraph by paragraph (the plain definition)."""
    shingles: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        if index not in skip:
            shingles.update(shingle_paragraph(tokenize(paragraph)).tolist())
    return shingles


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_shingles_equal_paragraph_wise_shingles(seed):
    rng = random.Random(seed)
    paragraphs = [
        *make_story(seed, paragraphs=6),
        *rng.sample(_MIXED, k=len(_MIXED)),
    ]
    rng.shuffle(paragraphs)
    paragraphs = [p for p in paragraphs if p.strip()]
    skip = set(rng.sample(range(len(paragraphs)), k=3))
    for skipped in (set(), skip):
        fp = fingerprint(paragraphs, skip=skipped)
        expected = _paragraph_wise(paragraphs, skipped)
        assert set(fp.shingles.tolist()) == expected
        assert fp.n_shingles == len(expected)
        # The owner of a hash is the first kept paragraph with shingles that holds it.
        kept = [p for i, p in enumerate(paragraphs) if i not in skipped]
        with_shingles = [p for p in kept if shingle_paragraph(tokenize(p)).size]
        for value, owner in zip(fp.hashes.tolist(), fp.paragraphs.tolist(), strict=True):
            first = next(
                n
                for n, p in enumerate(with_shingles)
                if value in set(shingle_paragraph(tokenize(p)).tolist())
            )
            assert owner == first


@pytest.mark.parametrize("paragraph", [p for p in _MIXED if p] + ["A 12 b 3,400 c 5.5"])
def test_parsed_paragraph_key_and_numbers_match_the_slow_path(paragraph):
    parsed = parse_paragraph(paragraph)
    assert parsed.key == paragraph_key(paragraph)
    assert parsed.tokens == tokenize(paragraph)
    assert fingerprint([paragraph]).numbers == parsed.numbers


def test_prefilter_keeps_every_candidate_verification_accepts():
    index = SyndicationIndex.open("memory://")
    stored = []
    for n in range(12):
        story = make_story(100 + n % 4, paragraphs=5 + n % 5)
        kept = story[: 2 + n % 4] if n % 2 else story
        text = outlet_page(kept, f"Outlet {n}")
        paragraphs = split_paragraphs(text)
        fp = fingerprint(paragraphs)
        stored.append(
            StoredArticle(
                article_id=f"s{n}",
                cluster_id=f"c{n}",
                outlet=None,
                duplicate_of=None,
                wire=None,
                added=0.0,
                n_shingles=fp.n_shingles,
                level=fp.level,
                hashes=fp.hashes.astype("<u4").tobytes(),
                paragraphs=fp.paragraphs.tobytes(),
                numbers=np.array(sorted(fp.numbers), dtype="<u4").tobytes(),
            )
        )
    accepted_somewhere = 0
    for n in range(4):
        probe = fingerprint(split_paragraphs("\n".join(make_story(100 + n, paragraphs=7))))
        plausible = index._plausible(probe, stored)
        accepted = [c for c in stored if index._verify(probe, c) is not None]
        accepted_somewhere += len(accepted)
        assert {c.article_id for c in accepted} <= {c.article_id for c in plausible}
        assert len(plausible) < len(stored)  # it does filter
    assert accepted_somewhere  # the check above was not vacuous


def _assert_same_fingerprint(got: Fingerprint, expected: Fingerprint) -> None:
    for name in Fingerprint.__slots__:
        mine, theirs = getattr(got, name), getattr(expected, name)
        if isinstance(theirs, np.ndarray):
            assert mine.dtype == theirs.dtype, name
            assert np.array_equal(mine, theirs), name
        else:
            assert mine == theirs, name


@pytest.mark.parametrize("seed", range(8))
def test_fingerprint_selected_from_the_table_equals_one_of_the_kept_paragraphs(seed):
    # Skipping paragraphs selects rows of the text's shingle table; it must
    # give the fingerprint of the text without them, units renumbered,
    # windows, edges and numbers included.
    rng = random.Random(seed)
    long_one = " ".join(make_story(200 + seed, paragraphs=8))
    paragraphs = [
        *make_story(seed, paragraphs=5),
        long_one,
        "Москва объявила о 12 новых проектах в 2024 году. " * 14,
        *rng.sample(_MIXED, k=4),
    ]
    rng.shuffle(paragraphs)
    paragraphs = [p for p in paragraphs if p.strip()]
    parsed = parse_paragraphs(paragraphs)
    table = shingle_table(parsed)
    full = fingerprint_table(table)
    _assert_same_fingerprint(full, fingerprint_parsed(parsed))
    for k in (1, 3, len(paragraphs) - 2, len(paragraphs)):
        skip = set(rng.sample(range(len(paragraphs)), k=k))
        drop = np.array(rng.sample(full.shingles.tolist(), k=10), dtype=np.uint32)
        for dropped in (None, drop):
            kept = [p for i, p in enumerate(parsed) if i not in skip]
            _assert_same_fingerprint(
                fingerprint_table(table, skip=skip, drop=dropped),
                fingerprint_parsed(kept, drop=dropped),
            )


_SCRIPT_WORDS = [
    *[
        "word",
        "al",
        "el-Said",
        "3.5",
        "1,250",
        "Ivanoff",
        "centre",
        "Straße",
        "İstanbul",
        "mln",
        "dlrs",
        "a1b2",
    ],
    *[
        "Москва",
        "объявила",
        "أعلنت",
        "الحكومة",
        "नई",
        "दिल्ली",
        "क१२",
        "北京市政府",
        "今天",
        "abc中文",
        "ภาษาไทย",
    ],
]
_MARKS = [
    ".",
    "!",
    "?",
    "…",
    '."',
    ".”",
    ",",
    ";",
    ":",
    "،",
    "؛",
    "、",
    "，",
    "。",
    "？",
    "؟",
    "۔",
    "।",
]


@pytest.mark.parametrize("seed", range(40))
def test_sentence_scan_counts_the_tokens_before_each_mark(seed):
    # The scan reads tokens a stretch between two marks at a time; the plain
    # definition locates every token and mark in the whole paragraph.
    import bisect

    from newscrawl.syndication import fingerprint as fp_module

    rng = random.Random(seed)
    parts = []
    for _ in range(rng.choice([40, 200])):
        parts.append(rng.choice(_SCRIPT_WORDS))
        if rng.random() < 0.15:
            parts.append(rng.choice(_MARKS))
        parts.append(rng.choice([" ", " ", ""]))
    paragraph = "".join(parts).strip()
    if seed % 2:
        paragraph = paragraph.encode("ascii", "ignore").decode()
    ascii_text = paragraph.isascii()
    patterns = fp_module._ASCII_PATTERNS if ascii_text else fp_module._FULL_PATTERNS
    scan = fp_module._scan_sentences(paragraph, patterns)
    token_re = fp_module._ASCII_TOKEN_RE if ascii_text else fp_module._TOKEN_RE
    found = list(token_re.finditer(paragraph))
    starts = [m.start() for m in found]
    assert scan.raw == [m.group() for m in found]
    sentence_ends = fp_module._SENTENCE_END_RE.finditer(paragraph)
    assert scan.ends == sorted({bisect.bisect_left(starts, m.end()) for m in sentence_ends})
    clause_marks = fp_module._CLAUSE_RE.finditer(paragraph)
    assert scan.clauses == [bisect.bisect_left(starts, m.end()) for m in clause_marks]
    parsed = parse_paragraph(paragraph, 30)
    # Every window starts at a token.
    assert set(parsed.cut_chars) <= set(starts)


def _plain_first_agency(text: str) -> str | None:
    from newscrawl import wire

    where = wire._AGENCY_RE.search(text)
    found = None if where is None else wire._NAMED_AGENCY_RE.match(text, where.start())
    return None if found is None else wire._name(found)


@pytest.mark.parametrize("seed", range(20))
def test_agency_found_from_its_start_characters_as_by_the_plain_search(seed):
    # The wire credit is searched only where a spelling can start; it must
    # find what the search of the whole alternation finds.
    from newscrawl import wire

    assert wire._AGENCY_START_RE is not None
    rng = random.Random(seed)
    spellings = ["Reuters", "AP", "ap", "afp", "Xinhua", "新华社", "ТАСС", "(भाषा)", "اے پی پی"]
    spellings += ["The Associated Press", "Associated Press", "News Agencies", "Agencies", "共同"]
    others = ["said", "APPLE", "Reu", "x_AP", "AP_x", "1AP", "路", "ال", "Пресс", "(", ") - ", "/"]
    for _ in range(200):
        words = [rng.choice(spellings if rng.random() < 0.3 else others) for _ in range(6)]
        text = "".join(w + rng.choice(["", " ", "-", "."]) for w in words)
        assert wire._first_agency(text) == _plain_first_agency(text)


def _plain_dateline(paragraph: str) -> str | None:
    from newscrawl import wire

    head = paragraph[:200]
    match = wire._DATELINE_RE.match(head)
    if match:
        return wire._first_agency(match.group(0))
    match = wire._lazy(wire._NATIVE_DATELINE).match(head)
    if match:
        credit = match.group("a") or match.group("b")
        if match.group("place") or not credit.isascii():
            return wire._first_agency(credit)
    for pattern in (
        wire._DASH_DATELINE_RE,
        wire._lazy(wire._WIRE_TELEGRAM),
        wire._lazy(wire._BRACKET_DATELINE),
    ):
        match = pattern.match(head)
        if match:
            return wire._first_agency(match.group(0))
    return None


_CREDIT_PIECES = ["Reuters", "AP", "afp", "Xinhua", "新华社", "共同", "ТАСС", "ロイター", "dpa"]
_OTHER_PIECES = ["said", "BEIJING", "东京", "3月6日", "电", "電", "【", "】", "［", "］", "[", "]"]
_OTHER_PIECES += ["(", ")", "=", "--", "\u2014", ".", "!", "?", "\u3002", '"', "\u201d"]
_OTHER_PIECES += [" ", "  ", "x"]


@pytest.mark.parametrize("seed", range(20))
def test_wire_prefilters_reject_only_what_the_patterns_reject(seed):
    # The dateline and sign-off patterns are tried only where the characters
    # they need are present: the credit found must be the one the patterns
    # alone find.
    from newscrawl import wire

    rng = random.Random(seed)
    for _ in range(300):
        pieces = [
            rng.choice(_CREDIT_PIECES if rng.random() < 0.3 else _OTHER_PIECES)
            for _ in range(rng.randint(1, 10))
        ]
        text = rng.choice(["", " ", "\u3000"]) + "".join(pieces)
        assert wire._dateline(text) == _plain_dateline(text), text
        found = wire._SIGNOFF_RE.search(text[-80:])
        assert found is None or wire._may_sign_off(text[-80:]), text


@pytest.mark.parametrize(
    ("merge_at", "key_range"),
    [
        ((), 3000),
        ((400,), 3000),
        # Keys over the whole 32-bit range land in many buckets, a few hot
        # keys make wide ones; merges grow the buckets or only move bounds.
        ((150, 300, 450), 2**32),
    ],
)
def test_memory_postings_lookup_counts_as_the_plain_definition(merge_at, key_range, monkeypatch):
    from newscrawl.syndication.stores import memory
    from newscrawl.syndication.stores.memory import _Postings

    # Small buckets, so that a test-sized index has many, and wide ones.
    monkeypatch.setattr(memory, "_BUCKET_POSTINGS", 2)
    monkeypatch.setattr(memory, "_GATHER_WIDTH", 4)
    rng = np.random.default_rng(7)
    hot = rng.integers(0, key_range, size=5)
    postings = _Postings()
    # The merged postings and the recent ones are capped at max_postings
    # each, as the store looks them up.
    parts: list[dict[int, list[int]]] = [{}]
    for ref in range(600):
        drawn = rng.integers(0, key_range, size=int(rng.integers(0, 30)))
        keys = np.unique(np.append(drawn, hot[: int(rng.integers(0, 3))]).astype(np.uint32))
        postings.add(keys, ref)
        for key in keys.tolist():
            parts[-1].setdefault(key, []).append(ref)
        if ref in merge_at:
            postings.merge()
            parts = [_merged(parts), {}]
    known = np.array(sorted({key for part in parts for key in part}), dtype=np.uint32)
    for _ in range(30):
        absent = rng.integers(0, key_range, size=150)
        present = rng.choice(known, size=50)
        shingles = np.unique(np.concatenate([absent, present, hot]).astype(np.uint32))
        for max_postings in (2, 8, 1000):
            counts: dict[int, int] = {}
            for part in parts:
                for key in shingles.tolist():
                    refs = part.get(key, [])
                    if len(refs) <= max_postings:
                        for ref in refs:
                            counts[ref] = counts.get(ref, 0) + 1
            refs, shared = postings.lookup(shingles, max_postings)
            assert dict(zip(refs.tolist(), shared.tolist(), strict=True)) == counts


def _merged(parts: list[dict[int, list[int]]]) -> dict[int, list[int]]:
    joined: dict[int, list[int]] = {}
    for part in parts:
        for key, refs in part.items():
            joined.setdefault(key, []).extend(refs)
    return joined


_TYPOGRAPHIC = [
    "\u201cWe will not back down,\u201d the minister said \u2014 twice \u2014 on Tuesday.",
    "Shares rose 3.5\u00a0pct to \u00a31,250\u2026 then fell. \u2018Unclear,\u2019 a trader said.",
    "\u2022 Read more: the bank\u2019s \u20ac2bn plan \u00bb",
    " ".join(
        f"\u201cSentence {n} says {n * 7} things,\u201d she said\u2026 The plan\u2019s cost rose."
        for n in range(40)
    ),
]


@pytest.mark.parametrize("paragraph", _TYPOGRAPHIC)
@pytest.mark.parametrize("window_above", [120, 30])
def test_plain_symbols_parse_as_the_full_path_does(paragraph, window_above, monkeypatch):
    # Curly quotes, dashes and the like take the ASCII tokeniser; the result
    # is the one of the full path, which is what any other non-ASCII text takes.
    import re

    from newscrawl.syndication import fingerprint as fp_module

    assert fp_module._NOT_PLAIN_RE.search(paragraph) is None
    fast = parse_paragraph(paragraph, window_above)
    monkeypatch.setattr(fp_module, "_NOT_PLAIN_RE", re.compile(r"[^\x00-\x7f]"))
    full = parse_paragraph(paragraph, window_above)
    assert fast == full
    assert fast.key == paragraph_key(paragraph)
    if len(paragraph) < 300:
        assert fast.tokens == tokenize(paragraph)


def test_plain_symbols_are_in_no_token_and_fold_to_themselves():
    from newscrawl.syndication import fingerprint as fp_module

    symbols = fp_module._plain_symbols()
    assert {"\u2019", "\u201c", "\u2014", "\u2026", "\u00a0", "\u00a9"} <= set(symbols)
    assert not {"\u00aa", "\u00b2", "\u00b5", "\u00e9"} & set(symbols)  # letters, digits
    for ch in symbols:
        text = f"ab{ch}cd 12{ch}3,4{ch} {ch}x"
        assert fp_module._TOKEN_RE.findall(text) == fp_module._ASCII_TOKEN_RE.findall(text)
        assert text.casefold() == text.lower()


def test_filling_caches_compute_on_lookup_and_stay_bounded():
    from newscrawl.syndication import fingerprint as fp_module

    ids = fp_module._TokenIds(3)
    assert ids["Ivanoff"] == ids["Ivanov"] == fp_module._word_id("Ivanov") != 0
    assert ids["al"] == 0  # a word that maps to nothing
    assert list(ids) == ["Ivanoff", "Ivanov", "al"]
    assert ids["mln"] == fp_module._word_id("million")
    assert list(ids) == ["mln"]  # full: started anew
    numbers = fp_module._NumberHashes(10)
    assert numbers["1,250"] == numbers["1250"] != -1
    assert numbers["7"] == -1  # one digit: not counted
    assert fp_module._number_hashes(["7", "1,250", "1250"]) == {numbers["1250"]}


@pytest.mark.parametrize("seed", range(6))
def test_the_lookup_asks_for_the_low_shingles_and_the_whole_lead(seed):
    story = make_story(300 + seed, paragraphs=9)
    table = shingle_table(parse_paragraphs(story))
    fp = fingerprint_table(table)
    lead = fingerprint_table(shingle_table(parse_paragraphs(story[:LEAD_UNITS])))
    queried = set(fp.queried.tolist())
    assert queried <= set(fp.shingles.tolist())
    assert set(lead.shingles.tolist()) <= queried
    assert {h for h in fp.shingles.tolist() if h < QUERY_HASH_BOUND} <= queried
    # A quarter of the hash space and the lead: far fewer than all.
    assert len(queried) < 0.6 * fp.n_shingles


def test_a_teaser_is_found_through_the_lead_alone(monkeypatch):
    # With no shingle below the bound, only the lead is asked for.
    monkeypatch.setattr(fingerprint_module, "QUERY_HASH_BOUND", 0)
    story = make_story(310, paragraphs=9)
    index = SyndicationIndex.open("memory://")
    teaser = index.add("teaser", story[0] + "\n\nRead the full story on our partner's site.")
    full = index.add("full", "\n\n".join(story))
    assert full.duplicate_of == "teaser" and full.cluster_id == teaser.cluster_id
