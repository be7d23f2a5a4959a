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
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

SHINGLE_SIZE = 4
#: A sketch keeps at most this many shingles; longer texts are sampled by
#: hash (nested sampling, so two sketches stay comparable).
SKETCH_CAP = 192
#: Upper bound on the characters looked at; a 5 MB page is not an article.
MAX_CHARS = 200_000
MAX_PARAGRAPHS = 255

_CJK_RANGES = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
)
_TOKEN_RE = re.compile(rf"[{_CJK_RANGES}]|\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
# The same tokens for ASCII text, found about twice as fast.
_ASCII_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z]+", re.ASCII)
_CJK_RE = re.compile(rf"[{_CJK_RANGES}]")
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


class _Vocabulary:
    """Cache of word -> 64-bit token id; words repeat across articles."""

    def __init__(self, limit: int = 500_000) -> None:
        self._ids: dict[str, int] = {}
        self._limit = limit

    def token_id(self, raw: str) -> int | None:
        ids = self._ids
        tid = ids.get(raw)
        if tid is not None:
            return tid or None
        word = raw.casefold()
        if word[0].isdigit():
            word = word.replace(",", "").replace(".", "")
            word = str(int(word)) if word.isdigit() and word.isascii() else word
        else:
            word = _WORD_EQUIVALENTS.get(word, word)
        word = _skeleton(word) if word else word
        tid = _stable_id(word) if word else 0
        if len(ids) >= self._limit:
            ids.clear()
        ids[raw] = tid
        return tid or None


_VOCABULARY = _Vocabulary()


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
    """Shingle hashes of one article, with the paragraph each comes from."""

    hashes: np.ndarray  # uint32, unique, sorted: the stored sketch
    paragraphs: np.ndarray  # uint8: first paragraph (ordinal) holding each hash
    n_shingles: int  # distinct shingles before sampling
    level: int  # sketch keeps hashes whose low `level` bits are zero
    numbers: frozenset[int]  # hashes of the numbers in the text
    shingles: np.ndarray  # uint32, every distinct shingle (queried, not stored)

    def __len__(self) -> int:
        return int(self.hashes.size)


@dataclass(slots=True)
class Paragraph:
    """One paragraph, tokenised once and reused for every fingerprint of it."""

    tokens: list[int]  # token ids, in order
    numbers: frozenset[int]  # hashes of its numbers of two digits and more
    key: int  # :func:`paragraph_key`


def _token_ids(raw_tokens: list[str]) -> list[int]:
    vocab = _VOCABULARY
    # Nearly every word is cached: a plain dict lookup per token is the hot path.
    ids = list(map(vocab._ids.get, raw_tokens))
    if None in ids:
        ids = [vocab.token_id(raw) or 0 for raw in raw_tokens]
    if 0 in ids:
        ids = [tid for tid in ids if tid]
    return ids


def tokenize(paragraph: str) -> list[int]:
    return _token_ids(_TOKEN_RE.findall(paragraph))


@functools.lru_cache(maxsize=65_536)
def _number_hash(number: str) -> int:
    return _stable_id(number) & 0xFFFFFFFF


def _number_hashes(numbers: list[str]) -> frozenset[int]:
    cleaned = (n.replace(",", "").replace(".", "") for n in numbers)
    return frozenset(_number_hash(n) for n in cleaned if len(n) > 1)


def parse_paragraph(paragraph: str) -> Paragraph:
    if paragraph.isascii():
        raw = _ASCII_TOKEN_RE.findall(paragraph)
        # For ASCII text the tokens already are what paragraph_key() and
        # numbers_of() would find; scanning the paragraph again costs as much
        # as the rest of the fingerprint.
        key = _stable_id(" ".join(raw).lower()) >> 1
        numbers = _number_hashes([t for t in raw if t[0].isdigit()])
    else:
        raw = _TOKEN_RE.findall(paragraph)
        key = paragraph_key(paragraph)
        numbers = _number_hashes(re.findall(r"\d+(?:[.,]\d+)*", paragraph))
    return Paragraph(_token_ids(raw), numbers, key)


def parse_paragraphs(paragraphs: list[str]) -> list[Paragraph]:
    return [parse_paragraph(p) for p in paragraphs]


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


def fingerprint_parsed(
    parsed: list[Paragraph],
    *,
    skip: frozenset[int] | set[int] = frozenset(),
    size: int = SHINGLE_SIZE,
    cap: int = SKETCH_CAP,
) -> Fingerprint:
    """:func:`fingerprint` of paragraphs already parsed with :func:`parse_paragraphs`."""
    # All paragraphs are shingled in one vectorised pass: each paragraph's
    # tokens are followed by size-1 zero ids (no real token has id 0), so a
    # window never mixes two paragraphs and a paragraph shorter than a
    # shingle gives one shorter shingle, as shingle_paragraph() does.
    pad = [0] * (size - 1)
    flat: list[int] = []
    starts: list[int] = []
    widths: list[int] = []
    numbers: set[int] = set()
    for index, paragraph in enumerate(parsed):
        if index in skip or not paragraph.tokens:
            continue
        numbers.update(paragraph.numbers)
        n = len(paragraph.tokens)
        if n < 2:
            continue
        starts.append(len(flat))
        widths.append(n - min(size, n) + 1)
        flat.extend(paragraph.tokens)
        flat.extend(pad)
    if not widths:
        empty = np.empty(0, dtype=np.uint32)
        return Fingerprint(empty, np.empty(0, dtype=np.uint8), 0, 0, frozenset(numbers), empty)
    arr = np.array(flat, dtype=np.uint64)
    windows = arr.size - size + 1
    acc = arr[:windows] * _MULTIPLIERS[0]
    for j in range(1, size):
        acc += arr[j : j + windows] * _MULTIPLIERS[j]
    width_arr = np.array(widths, dtype=np.int64)
    ordinals = np.minimum(np.arange(width_arr.size), MAX_PARAGRAPHS).astype(np.uint8)
    all_owners = np.repeat(ordinals, width_arr)
    # Window starts: each paragraph's start plus 0 .. width-1.
    offsets = np.arange(all_owners.size) - np.repeat(np.cumsum(width_arr) - width_arr, width_arr)
    positions = np.repeat(np.array(starts, dtype=np.int64), width_arr) + offsets
    all_hashes = (acc[positions] >> np.uint64(32)).astype(np.uint32)
    unique, first = np.unique(all_hashes, return_index=True)
    shingles = unique
    owners_unique = all_owners[first]
    n_shingles = int(unique.size)
    level = 0
    while unique.size > cap:
        level += 1
        keep = (unique & np.uint32((1 << level) - 1)) == 0
        unique = unique[keep]
        owners_unique = owners_unique[keep]
    return Fingerprint(unique, owners_unique, n_shingles, level, frozenset(numbers), shingles)


def index_keys(fp: Fingerprint, minimum: int = 8, maximum: int = 32, rate: int = 8) -> np.ndarray:
    """The hashes an article is posted under: a bottom-k sample of its shingles.

    Bottom-k is a uniform sample of the article's shingles, so a later copy,
    trimmed or extended, holds a share of them in proportion to what it kept;
    the copy is looked up with all of its shingles, which finds them.
    """
    count = min(maximum, max(minimum, fp.n_shingles // rate))
    return fp.shingles[:count]
