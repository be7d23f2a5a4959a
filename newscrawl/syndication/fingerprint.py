"""Turn an article text into the fingerprint the syndication index compares.

Syndicated copies differ from their source in ways that do not change the
story: spelling of transliterated names (al-Moualem / Mouallem, Ivanov /
Ivanoff), US and UK spelling, wire shorthand (mln dlrs / million dollars),
digit grouping. Each word is therefore reduced to a *skeleton* before it is
shingled, so that these variants give the same shingle.

Shingles never cross a paragraph boundary: an outlet's inserted lines
("Advertisement", a newsletter box) then only remove their own shingles
instead of breaking the neighbouring ones, and whole paragraphs can be
discounted when an outlet repeats them.

Scripts written without spaces (Chinese, Japanese, Thai ...) are tokenised
one character per token, so a shingle there is a character n-gram.

Some pages, and some extractors, give an article as one block, or as a few
very long paragraphs. Verification counts how many *units* of a text the
shared shingles cover, so a long paragraph is cut into *sentence windows*
of a few sentences each: units of about a normal paragraph's size. The cut
is only for counting; shingles run on across the windows of one paragraph,
so where two copies cut differently no shingle is lost. Sentence ends are
read in every script: ``. ! ?`` before a space, the Arabic ``؟``, the Urdu
``۔``, the Devanagari ``।`` and ``॥``, the CJK ``。！？``; an overlong sentence
is cut at clause marks (``, ; ، ؛ 、 ，``), and text without any (Thai) at a
fixed length.
"""

# ruff: noqa: RUF002 - credits, sentence marks and examples in their own scripts

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

SHINGLE_SIZE = 4
#: A sketch keeps at most this many shingles; longer texts are sampled by
#: hash (nested sampling, so two sketches stay comparable).
SKETCH_CAP = 192
#: Upper bound on the characters looked at; a 5 MB page is not an article.
MAX_CHARS = 200_000
MAX_PARAGRAPHS = 255
#: A paragraph of more tokens than this is cut into sentence windows: news
#: paragraphs run from one to four sentences (20-80 words), so a paragraph
#: longer than about two of them is a block the page or extractor merged.
LONG_PARAGRAPH_TOKENS = 120
#: A window closes at the first sentence end after this many tokens: the
#: size of an ordinary news paragraph, so a window counts like one.
WINDOW_TOKENS = 20
#: A sentence longer than this is cut at its clause marks, and a stretch
#: without any marks at a fixed length (scripts without punctuation).
MAX_SENTENCE_TOKENS = 60
#: Tokens at the head and the tail of a long paragraph whose shingles are
#: counted per outlet: a page's header or footer merged into a block.
EDGE_TOKENS = 60
#: A text with at most this many paragraphs is read as given in one block,
#: and is cut into windows as soon as it holds more than a window and a half.
FEW_PARAGRAPHS = 2
BLOCK_WINDOW_ABOVE = 30
#: The lead is posted under its own bottom-k sample: this many keys of the
#: shingles of its first units (see :func:`index_keys`).
LEAD_UNITS = 2
LEAD_KEYS = 6
#: The candidate lookup asks for the shingles below this hash, and for every
#: shingle of the lead, instead of for all of them. An article is posted under
#: the smallest of its hashes (see :func:`index_keys`): for a text of 64
#: shingles or more they lie in the lowest eighth of the hash space (on the
#: syndication dev stream, 5 of 172,418 such keys lie above this bound), so a
#: copy that holds them asks for them. A shorter text (a teaser, a first
#: take) has some keys above it, and is found through the lead it shares with
#: the story, or through its keys below the bound.
QUERY_HASH_BOUND = 1 << 30
#: A CJK character is one token but carries about half a word.
_CJK_TOKEN_WEIGHT = 0.5

_CJK_RANGES = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
)
# Vowel signs and diacritics are combining marks, not word characters, in
# Python's regex: without them a Devanagari or vowelled Arabic word would
# fall apart at every vowel sign.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff"
_TOKEN_RE = re.compile(
    rf"[{_CJK_RANGES}]|\d+(?:[.,]\d+)*|[^\W\d_](?:[^\W\d_]|[{_MARKS}])*", re.UNICODE
)
# The same tokens for ASCII text, found about twice as fast.
_ASCII_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z]+", re.ASCII)
_CJK_RE = re.compile(rf"[{_CJK_RANGES}]")
# Sentence ends: Latin-style marks before a space (so 3.5 and 1,250 stay
# whole), and the full stops of scripts that need no space after them.
_SENTENCE_END_RE = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)"
    r"|[\u061f\u06d4\u0964\u0965\u3002\uff01\uff1f\uff0e]+[\"'\u201d\u2019\u300d\u300f)\]]*"
)
# Clause marks, where an overlong sentence may be cut (not a digit group's comma).
_CLAUSE_RE = re.compile(r"[,;:](?=\s)|[\u060c\u061b\u3001\uff0c\uff1b\uff1a]")
# The same marks in ASCII text, found about twice as fast.
_ASCII_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'\)\]]*(?=\s)")
_ASCII_CLAUSE_RE = re.compile(r"[,;:](?=\s)")
_VOWELS_RE = re.compile(r"[aeiouy]")

# Newsroom shorthand and its spelled-out forms, and copy-editing verbs that
# reprints swap freely. Mapped to one form so the shingles agree.
_WORD_EQUIVALENTS = {
    "mln": "million",
    "mn": "million",
    "m": "million",
    "bln": "billion",
    "bn": "billion",
    "billions": "billion",
    "millions": "million",
    "dlrs": "dollar",
    "dlr": "dollar",
    "dollars": "dollar",
    "usd": "dollar",
    "pct": "percent",
    "per": "percent",
    "cent": "percent",
    "cts": "cents",
    "qtr": "quarter",
    "yr": "year",
    "vs": "versus",
    "says": "said",
    "say": "said",
    "told": "said",
    "tells": "said",
    "stated": "said",
    "al": "",
    "el": "",
    "ul": "",
}
# "January" and "Jan" as one token (the shared table: newscrawl.vocabulary).
from newscrawl.vocabulary import month_tokens  # noqa: E402 - beside its one use

_MONTHS = month_tokens("en")
_WORD_EQUIVALENTS.update(_MONTHS)

_MASK64 = (1 << 64) - 1
# Fixed odd multipliers: shingle hash = sum(token_id[j] * C[j]) mod 2**64.
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
    ],
    dtype=np.uint64,
)


def _stable_id(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _skeleton(word: str) -> str:
    """Reduce a Latin word to a spelling-insensitive key (others pass through)."""
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if not stripped.isascii():
            return stripped
        word = stripped
    if word.isdigit() or len(word) < 4:
        return word
    w = word
    if w.endswith("off") or w.endswith("ow"):
        w = w[:-3] + "ov" if w.endswith("off") else w[:-2] + "ov"
    if w.endswith("re") and len(w) > 4 and w[-3] not in "aeiou":
        w = w[:-2] + "er"  # centre / center
    w = (
        w.replace("our", "or")
        .replace("kh", "h")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace("q", "k")
        .replace("z", "s")
        .replace("j", "y")
    )
    # Vowels are where transliterations disagree most (Muammar / Moammar).
    w = w[0] + _VOWELS_RE.sub("", w[1:])
    out = [w[0]]
    for ch in w[1:]:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def _word_id(raw: str) -> int:
    """The token id of a word as written, 0 for a word that maps to nothing."""
    word = raw.casefold()
    if word[0].isdigit():
        word = word.replace(",", "").replace(".", "")
        word = str(int(word)) if word.isdigit() and word.isascii() else word
    else:
        word = _WORD_EQUIVALENTS.get(word, word)
    word = _skeleton(word) if word else word
    return _stable_id(word) if word else 0


class _FillingCache(dict[str, int]):
    """A bounded cache that computes what it lacks by the lookup itself.

    A key not cached yet is passed to :meth:`compute` by ``cache[key]``, so a
    paragraph's values are one C-level ``map(cache.__getitem__, keys)``, with
    no second pass for the new keys. Past ``limit`` entries it starts anew.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def compute(self, key: str) -> int:
        raise NotImplementedError

    def __missing__(self, key: str) -> int:
        value = self.compute(key)
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class _TokenIds(_FillingCache):
    """Word as written -> 64-bit token id (0: nothing); words repeat across articles."""

    compute = staticmethod(_word_id)


_TOKEN_IDS = _TokenIds(500_000)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: the non-blank lines (extracted article text has one per line)."""
    return [line.strip() for line in text[:MAX_CHARS].splitlines() if line.strip()]


def paragraph_key(paragraph: str) -> int:
    """Stable 63-bit key of a paragraph's normalised words (for outlet boilerplate)."""
    words = " ".join(_TOKEN_RE.findall(paragraph.casefold()))
    return _stable_id(words) >> 1


def numbers_of(text: str) -> list[str]:
    return [n.replace(",", "").replace(".", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)]


@dataclass(slots=True)
class Fingerprint:
    """Shingle hashes of one article, with the unit (paragraph or window) each comes from."""

    hashes: np.ndarray  # uint32, unique, sorted: the stored sketch
    paragraphs: np.ndarray  # uint8: first unit (ordinal) holding each hash
    n_shingles: int  # distinct shingles before sampling
    level: int  # sketch keeps hashes whose low `level` bits are zero
    numbers: frozenset[int]  # hashes of the numbers in the text
    shingles: np.ndarray  # uint32, every distinct shingle (queried, not stored)
    #: uint8 ordinals of the units that are windows continuing the paragraph
    #: of the unit before them (empty unless a paragraph was cut)
    continued: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint8))
    n_units: int = 0  # units that hold shingles
    #: uint32 shingles of the head and tail of long paragraphs, where a page
    #: given as one block carries its outlet's header and footer
    edges: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))
    #: uint32 bottom-k of the shingles of the first units (the lead)
    lead: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))
    #: uint32 shingles the candidate lookup asks for (see query_keys)
    queried: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))

    def __len__(self) -> int:
        return int(self.hashes.size)


@dataclass(slots=True)
class Paragraph:
    """One paragraph, tokenised once and reused for every fingerprint of it
    (and for every text that repeats it soon after: read-only)."""

    tokens: list[int]  # token ids, in order
    numbers: frozenset[int]  # hashes of its numbers of two digits and more
    key: int  # :func:`paragraph_key`
    #: token offsets where a new sentence window starts (long paragraphs only)
    cuts: tuple[int, ...] = ()
    #: character offsets of the same window starts in the paragraph
    cut_chars: tuple[int, ...] = ()


def _token_ids(raw_tokens: list[str]) -> list[int]:
    ids = list(map(_TOKEN_IDS.__getitem__, raw_tokens))
    if 0 in ids:
        ids = list(filter(None, ids))
    return ids


def tokenize(paragraph: str) -> list[int]:
    return _token_ids(_TOKEN_RE.findall(paragraph))


class _NumberHashes(_FillingCache):
    """Number as written -> 32-bit hash of its digits, or -1 for a number of
    one digit (not counted)."""

    def compute(self, key: str) -> int:
        digits = key.replace(",", "").replace(".", "")
        return _stable_id(digits) & 0xFFFFFFFF if len(digits) > 1 else -1


_NUMBER_HASHES = _NumberHashes(65_536)
_ONE_DIGIT = frozenset((-1,))


def _number_hashes(numbers: Iterable[str]) -> frozenset[int]:
    found = frozenset(map(_NUMBER_HASHES.__getitem__, numbers))
    return found - _ONE_DIGIT if -1 in found else found


def _plain_symbols() -> list[str]:
    """Non-ASCII characters that no token can hold or start, that are no
    digit, and that case folding leaves alone: typographic quotes, dashes,
    spaces, currency signs, bullets. Tested one by one, so that a letter,
    a digit or a mark among the blocks never passes."""
    word, digit, mark = re.compile(r"\w"), re.compile(r"\d"), re.compile(f"[{_MARKS}]")
    blocks = ((0x80, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x206F), (0x20A0, 0x20CF))
    blocks += ((0x2190, 0x21FF), (0x2500, 0x26FF))
    return [
        ch
        for lo, hi in blocks
        for ch in map(chr, range(lo, hi + 1))
        if not (word.match(ch) or digit.match(ch) or mark.match(ch) or _CJK_RE.match(ch))
        and ch.casefold() == ch
    ]


# A paragraph whose only non-ASCII characters are plain symbols has the
# tokens, the key and the numbers the ASCII path finds: both token patterns
# skip those characters, and folding them changes nothing. Most English
# pages are of this kind (curly quotes, dashes), and the full path reads
# such a paragraph three times over.
_NOT_PLAIN_RE = re.compile("[^\x00-\x7f" + re.escape("".join(_plain_symbols())) + "]")


class _Patterns(NamedTuple):
    """How a paragraph is read: its tokens, sentence ends and clause marks."""

    token: re.Pattern[str]
    sentence_end: re.Pattern[str]
    clause: re.Pattern[str]


_ASCII_PATTERNS = _Patterns(_ASCII_TOKEN_RE, _ASCII_SENTENCE_END_RE, _ASCII_CLAUSE_RE)
# Plain text (see _NOT_PLAIN_RE): its tokens are ASCII ones, its marks are
# read in full (closing curly quotes, the ellipsis).
_PLAIN_PATTERNS = _Patterns(_ASCII_TOKEN_RE, _SENTENCE_END_RE, _CLAUSE_RE)
_FULL_PATTERNS = _Patterns(_TOKEN_RE, _SENTENCE_END_RE, _CLAUSE_RE)


def _patterns_of(paragraph: str) -> _Patterns:
    """The ASCII patterns for ASCII text, ASCII tokens and the full marks
    for plain text, the full patterns for any other."""
    if paragraph.isascii():
        return _ASCII_PATTERNS
    return _PLAIN_PATTERNS if _NOT_PLAIN_RE.search(paragraph) is None else _FULL_PATTERNS


def parse_paragraph(paragraph: str, window_above: int = LONG_PARAGRAPH_TOKENS) -> Paragraph:
    """Tokenise a paragraph; one of more than ``window_above`` tokens is cut
    into sentence windows."""
    patterns = _patterns_of(paragraph)
    # A paragraph of this many characters is almost always long: its tokens
    # are read in the same scan that finds its sentence ends.
    long = len(paragraph) > 6 * window_above
    scan = _scan_sentences(paragraph, patterns) if long else None
    raw = scan.raw if scan is not None else patterns.token.findall(paragraph)
    if patterns.token is _ASCII_TOKEN_RE:
        # For ASCII text, and text whose only other characters are plain
        # symbols, the tokens already are what paragraph_key() and
        # numbers_of() would find; scanning the paragraph again costs as much
        # as the rest of the fingerprint.
        key = _stable_id(" ".join(raw).lower()) >> 1
        numbers = _number_hashes([token for token in raw if token[0].isdigit()])
    else:
        key = paragraph_key(paragraph)
        numbers = _number_hashes(re.findall(r"\d+(?:[.,]\d+)*", paragraph))
    if len(raw) > window_above:
        if scan is None:
            scan = _scan_sentences(paragraph, patterns)
        tokens, cuts, cut_chars = _windowed_tokens(paragraph, scan)
        return Paragraph(tokens, numbers, key, cuts, cut_chars)
    return Paragraph(_token_ids(raw), numbers, key)


def _token_weight(raw: str) -> float:
    return _CJK_TOKEN_WEIGHT if len(raw) == 1 and _CJK_RE.match(raw) else 1.0


@dataclass(slots=True)
class _SentenceScan:
    """A long paragraph's tokens, and the token counts at its marks."""

    paragraph: str
    token_re: re.Pattern[str]
    raw: list[str]
    #: tokens before each sentence end, sorted and unique
    ends: list[int]
    #: tokens before each clause mark, in text order
    clauses: list[int]
    #: character offset of the first mark before which this many tokens stand
    mark_at: dict[int, int]


def _scan_sentences(paragraph: str, patterns: _Patterns) -> _SentenceScan:
    """Tokens and marks of a paragraph, read with ``patterns`` (see
    :func:`_patterns_of`), without the offset of every token.

    No token spans a mark's end: a Latin mark is followed by a space, and
    the others and the quotes after them are no word characters. The tokens
    before a mark are therefore the tokens of the text up to it, read a
    stretch between two marks at a time.
    """
    token_re, sentence_re, clause_re = patterns
    sentence_at = [m.end() for m in sentence_re.finditer(paragraph)]
    clause_at = [m.end() for m in clause_re.finditer(paragraph)]
    raw: list[str] = []
    count_at: dict[int, int] = {}
    mark_at: dict[int, int] = {}
    pos = 0
    for end in sorted({*sentence_at, *clause_at}):
        raw.extend(token_re.findall(paragraph, pos, end))
        count_at[end] = len(raw)
        mark_at.setdefault(len(raw), end)
        pos = end
    raw.extend(token_re.findall(paragraph, pos))
    ends = sorted({count_at[end] for end in sentence_at})
    clauses = [count_at[end] for end in clause_at]
    return _SentenceScan(paragraph, token_re, raw, ends, clauses, mark_at)


def _sentence_token_ends(scan: _SentenceScan) -> tuple[list[int], Sequence[float]]:
    """Token counts at each sentence end (and at clause marks or fixed
    lengths inside sentences too long for one window), and the cumulative
    token weights."""
    n = len(scan.raw)
    total: Sequence[float]
    if scan.token_re is _ASCII_TOKEN_RE or not _CJK_RE.search(scan.paragraph):
        total = range(n + 1)  # every token weighs one
    else:
        total = list(itertools.accumulate(map(_token_weight, scan.raw), initial=0.0))
    clauses = scan.clauses
    out: list[int] = []
    previous = 0
    for end in [*scan.ends, n]:
        if end <= previous:
            continue
        if total[end] - total[previous] > MAX_SENTENCE_TOKENS:
            cursor = previous
            for stop in [*(c for c in clauses if previous < c < end), end]:
                while total[stop] - total[cursor] > MAX_SENTENCE_TOKENS:
                    # No clause mark soon enough: cut at a window's length.
                    step = bisect.bisect_left(
                        total, total[cursor] + WINDOW_TOKENS, cursor + 1, stop
                    )
                    out.append(step)
                    cursor = step
                out.append(stop)
                cursor = stop
        else:
            out.append(end)
        previous = end
    return out, total


def _windowed_tokens(
    paragraph: str, scan: _SentenceScan
) -> tuple[list[int], tuple[int, ...], tuple[int, ...]]:
    """Token ids of a long paragraph, and the token and character offsets
    where its windows start."""
    raw = scan.raw
    ends, total = _sentence_token_ends(scan)
    cuts: list[int] = []
    start = 0
    for end in ends:
        if total[end] - total[start] >= WINDOW_TOKENS and end < len(raw):
            cuts.append(end)
            start = end
    if cuts and total[-1] - total[cuts[-1]] < WINDOW_TOKENS / 3:
        cuts.pop()  # a short last sentence joins the window before it
    ids = list(map(_TOKEN_IDS.__getitem__, raw))
    tokens = ids
    dropped_before: Sequence[int] = range(len(ids) + 1)
    if 0 in ids:
        # Words that map to nothing (the "al" of al-Rashid) are dropped from
        # the ids, so the cuts move back by the number dropped before them.
        dropped_before = list(itertools.accumulate((tid == 0 for tid in ids), initial=0))
        tokens = [tid for tid in ids if tid]
    starts: list[int] | None = None
    moved: dict[int, int] = {}
    for cut in cuts:
        token_cut = cut - dropped_before[cut] if tokens is not ids else cut
        if 0 < token_cut < len(tokens) and token_cut not in moved:
            mark = scan.mark_at.get(cut)
            if mark is not None:
                # The first token after the mark (none stands between the two).
                found = scan.token_re.search(paragraph, mark)
                assert found is not None  # cut < len(raw): a token follows
                moved[token_cut] = found.start()
            else:  # a cut at a window's length inside a sentence
                if starts is None:
                    starts = [m.start() for m in scan.token_re.finditer(paragraph)]
                moved[token_cut] = starts[cut]
    return tokens, tuple(moved), tuple(moved.values())


def parse_paragraphs(paragraphs: list[str]) -> list[Paragraph]:
    # A text of one or two paragraphs is a block: cut as soon as it holds
    # more than a window and a half, or one unit would hold the whole story
    # and a first take of it would cover too little of that unit to count.
    few = len(paragraphs) <= FEW_PARAGRAPHS
    limit = BLOCK_WINDOW_ABOVE if few else LONG_PARAGRAPH_TOKENS
    return [
        _parse_recent(p, limit) if len(p) <= PARSE_CACHE_CHARS else parse_paragraph(p, limit)
        for p in paragraphs
    ]


#: Paragraphs of at most this many characters are kept parsed, the last
#: PARSE_CACHE_SIZE of them (least recently used evicted first). An outlet
#: prints its header, footer and inline lines on every page, and the copies
#: of a story repeat its paragraphs: about half of the paragraphs a crawl
#: adds were parsed moments before. Blocks and long paragraphs seldom repeat
#: and would fill the cache. Bounded at a few MB.
PARSE_CACHE_CHARS = 1_000
PARSE_CACHE_SIZE = 2_048


@functools.lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_recent(paragraph: str, window_above: int) -> Paragraph:
    # The same Paragraph is handed to every text that holds the line:
    # nothing downstream modifies one.
    return parse_paragraph(paragraph, window_above)


def unit_texts(
    paragraphs: list[str], parsed: list[Paragraph], skip: frozenset[int] | set[int] = frozenset()
) -> list[str]:
    """The text of each unit, in the order :func:`fingerprint_parsed` numbers them."""
    out: list[str] = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, parsed, strict=True)):
        if index in skip or len(paragraph.tokens) < 2:
            continue
        if not paragraph.cut_chars:
            out.append(text.strip())
            continue
        bounds = [0, *paragraph.cut_chars, len(text)]
        out.extend(text[a:b].strip() for a, b in itertools.pairwise(bounds))
    return out


def shingle_paragraph(tokens: list[int], size: int = SHINGLE_SIZE) -> np.ndarray:
    """uint32 shingle hashes of one paragraph's token ids."""
    n = len(tokens)
    if n < 2:
        return np.empty(0, dtype=np.uint32)
    arr = np.array(tokens, dtype=np.uint64)
    k = min(size, n)
    width = n - k + 1
    acc = arr[:width] * _MULTIPLIERS[0]
    for j in range(1, k):
        acc += arr[j : j + width] * _MULTIPLIERS[j]
    return (acc >> np.uint64(32)).astype(np.uint32)


def fingerprint(
    paragraphs: list[str],
    *,
    skip: frozenset[int] | set[int] = frozenset(),
    size: int = SHINGLE_SIZE,
    cap: int = SKETCH_CAP,
) -> Fingerprint:
    """Fingerprint paragraphs, leaving out those whose ordinal is in ``skip``."""
    return fingerprint_parsed(parse_paragraphs(paragraphs), skip=skip, size=size, cap=cap)


@dataclass(slots=True)
class ShingleTable:
    """Every shingle of a parsed text, with where it stands: what a
    fingerprint of the text, with any paragraphs skipped, is selected from.

    A shingle never crosses a paragraph, so skipping a paragraph only
    removes its rows; the second fingerprint of an add (without the
    outlet's repeated lines) is a selection here, not a second shingling.
    """

    parsed: list[Paragraph]
    #: ordinals (in ``parsed``) of the paragraphs of two tokens or more
    sources: list[int]
    widths: np.ndarray  # int64: shingles of each of those paragraphs
    hashes: np.ndarray  # uint32: every shingle, paragraph after paragraph
    #: int64: offset of each shingle's first token in its paragraph
    offsets: np.ndarray
    #: int64: sentence window of its paragraph each shingle starts in, or
    #: None when no paragraph was cut
    windows: np.ndarray | None


def shingle_table(parsed: list[Paragraph], size: int = SHINGLE_SIZE) -> ShingleTable:
    """The :class:`ShingleTable` of paragraphs parsed with :func:`parse_paragraphs`."""
    # All paragraphs are shingled in one vectorised pass: each paragraph's
    # tokens are followed by size-1 zero ids (no real token has id 0), so a
    # window never mixes two paragraphs and a paragraph shorter than a
    # shingle gives one shorter shingle, as shingle_paragraph() does.
    pad = [0] * (size - 1)
    flat: list[int] = []
    sources: list[int] = []
    starts: list[int] = []
    widths: list[int] = []
    windowed: list[tuple[int, tuple[int, ...]]] = []  # (row among sources, cuts)
    for index, paragraph in enumerate(parsed):
        n = len(paragraph.tokens)
        if n < 2:
            continue
        if paragraph.cuts:
            windowed.append((len(widths), paragraph.cuts))
        sources.append(index)
        starts.append(len(flat))
        widths.append(n - min(size, n) + 1)
        flat.extend(paragraph.tokens)
        flat.extend(pad)
    width_arr = np.array(widths, dtype=np.int64)
    if not widths:
        none = np.empty(0, dtype=np.int64)
        return ShingleTable(parsed, sources, width_arr, np.empty(0, dtype=np.uint32), none, None)
    arr = np.array(flat, dtype=np.uint64)
    count = arr.size - size + 1
    acc = arr[:count] * _MULTIPLIERS[0]
    for j in range(1, size):
        acc += arr[j : j + count] * _MULTIPLIERS[j]
    # Window starts: each paragraph's start plus 0 .. width-1.
    ends = np.cumsum(width_arr)
    first_of = ends - width_arr
    offsets = np.arange(int(ends[-1])) - np.repeat(first_of, width_arr)
    positions = np.repeat(np.array(starts, dtype=np.int64), width_arr) + offsets
    hashes = (acc[positions] >> np.uint64(32)).astype(np.uint32)
    windows = None
    if windowed:
        windows = np.zeros(offsets.size, dtype=np.int64)
        for row, cuts in windowed:
            # A shingle belongs to the sentence window its first token is in.
            part = slice(int(first_of[row]), int(ends[row]))
            windows[part] = np.searchsorted(np.array(cuts), offsets[part], side="right")
    return ShingleTable(parsed, sources, width_arr, hashes, offsets, windows)


def fingerprint_parsed(
    parsed: list[Paragraph],
    *,
    skip: frozenset[int] | set[int] = frozenset(),
    size: int = SHINGLE_SIZE,
    cap: int = SKETCH_CAP,
    drop: np.ndarray | None = None,
) -> Fingerprint:
    """:func:`fingerprint` of paragraphs already parsed with :func:`parse_paragraphs`.

    ``drop`` are shingle hashes to leave out wherever they occur (an
    outlet's boilerplate inside a text that has no paragraphs to skip).
    """
    return fingerprint_table(shingle_table(parsed, size), skip=skip, cap=cap, drop=drop)


# numpy's unique and isin cost tens of microseconds in Python-level set-up,
# more than the work on a text's few hundred shingles; these do the same
# with a sort or a binary search.


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)``."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    first = np.empty(ordered.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def sorted_members(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """``np.isin(values, ordered)`` for a sorted ``ordered``, by binary search
    (np.isin sorts both again, which costs more on a sketch's few hashes)."""
    if not ordered.size:
        return np.zeros(values.size, dtype=bool)
    slots = np.searchsorted(ordered, values)
    np.minimum(slots, ordered.size - 1, out=slots)
    return ordered[slots] == values


def fingerprint_table(
    table: ShingleTable,
    *,
    skip: frozenset[int] | set[int] = frozenset(),
    cap: int = SKETCH_CAP,
    drop: np.ndarray | None = None,
) -> Fingerprint:
    """:func:`fingerprint_parsed` of the text of ``table``, selected from its shingles."""
    parsed = table.parsed
    numbers: set[int] = set()
    for index, paragraph in enumerate(parsed):
        if paragraph.tokens and index not in skip:
            numbers.update(paragraph.numbers)
    sources = table.sources
    rows = [row for row, index in enumerate(sources) if index not in skip] if skip else None
    kept = range(len(sources)) if rows is None else rows
    # Units are numbered over the kept paragraphs only: a paragraph holds one,
    # plus one per window cut.
    bases: list[int] = []
    continued: list[int] = []
    long_rows: list[int] = []  # among the kept
    units = 0
    for k, row in enumerate(kept):
        cuts = parsed[sources[row]].cuts
        bases.append(units)
        if cuts:
            long_rows.append(k)
            continued.extend(range(units + 1, units + 1 + len(cuts)))
        units += 1 + len(cuts)
    continued_arr = np.minimum(np.array(continued, dtype=np.int64), MAX_PARAGRAPHS).astype(np.uint8)
    if not bases:
        empty = np.empty(0, dtype=np.uint32)
        return Fingerprint(
            empty, np.empty(0, dtype=np.uint8), 0, 0, frozenset(numbers), empty, continued_arr, 0
        )
    hashes, offsets, windows, widths = table.hashes, table.offsets, table.windows, table.widths
    if rows is not None and len(rows) < widths.size:
        kept_rows = np.zeros(widths.size, dtype=bool)
        kept_rows[rows] = True
        selected = np.repeat(kept_rows, widths)
        hashes, offsets = hashes[selected], offsets[selected]
        windows = None if windows is None else windows[selected]
        widths = widths[rows]
    owners = np.repeat(np.array(bases, dtype=np.int64), widths)
    if windows is not None:
        owners += windows
    # Blocks: the long paragraphs, and every paragraph of a text that has
    # hardly any (a page given as one block, maybe after a line or two).
    if len(bases) <= FEW_PARAGRAPHS or long_rows:
        near_edge = (offsets < EDGE_TOKENS) | (offsets >= np.repeat(widths, widths) - EDGE_TOKENS)
        if len(bases) > FEW_PARAGRAPHS:
            blocks = np.zeros(len(bases), dtype=bool)
            blocks[long_rows] = True
            near_edge &= np.repeat(blocks, widths)
        edges = _sorted_unique(hashes[near_edge])
    else:
        edges = np.empty(0, dtype=np.uint32)
    if drop is not None and drop.size:
        keep = ~sorted_members(hashes, np.sort(drop))
        hashes, owners = hashes[keep], owners[keep]
    # Owners never decrease along the text, so the owner of a hash's first
    # occurrence is its smallest: sorting hash and owner packed in one
    # integer gives both, at a fraction of np.unique(return_index=True).
    packed = hashes.astype(np.uint64) << np.uint64(8)
    packed |= np.minimum(owners, MAX_PARAGRAPHS).astype(np.uint64)
    packed.sort()
    high = packed >> np.uint64(8)
    first = np.empty(packed.size, dtype=bool)
    first[:1] = True
    np.not_equal(high[1:], high[:-1], out=first[1:])
    unique = high[first].astype(np.uint32)
    owners_unique = (packed[first] & np.uint64(0xFF)).astype(np.uint8)
    shingles = unique
    n_shingles = int(unique.size)
    in_lead = owners_unique < LEAD_UNITS
    lead = unique[in_lead][:LEAD_KEYS]
    queried = unique[in_lead | (unique < QUERY_HASH_BOUND)]
    level = 0
    while unique.size > cap:
        level += 1
        keep = (unique & np.uint32((1 << level) - 1)) == 0
        unique = unique[keep]
        owners_unique = owners_unique[keep]
    return Fingerprint(
        unique,
        owners_unique,
        n_shingles,
        level,
        frozenset(numbers),
        shingles,
        continued_arr,
        min(units, MAX_PARAGRAPHS + 1),
        edges,
        lead,
        queried,
    )


def index_keys(fp: Fingerprint, minimum: int = 8, maximum: int = 32, rate: int = 8) -> np.ndarray:
    """The hashes an article is posted under: a bottom-k sample of its
    shingles, and a bottom-k sample of its lead's.

    Bottom-k is a uniform sample of the article's shingles, so a later copy,
    trimmed or extended, holds a share of them in proportion to what it kept;
    the copy's lookup (its shingles below QUERY_HASH_BOUND, where the
    samples lie, and its lead's) finds them. A
    teaser or a first take keeps only the lead, a fifth of a long story or
    less, and could miss every key of the uniform sample: the lead is
    therefore sampled on its own too.
    """
    count = min(maximum, max(minimum, fp.n_shingles // rate))
    keys = fp.shingles[:count]
    if fp.lead.size and count < fp.n_shingles:
        # A few dozen keys: a Python set joins them faster than np.union1d.
        joined = sorted({*keys.tolist(), *fp.lead.tolist()})
        keys = np.array(joined, dtype=fp.shingles.dtype)
    return keys
