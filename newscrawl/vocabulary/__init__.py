"""The wording of news pages, one module per language, as data.

The block classifier (:mod:`newscrawl.extraction.classify`), the date parser
(:mod:`newscrawl.extraction.dates`) and the syndication fingerprint read the
words they look for from here, so that adding a language or a phrasing is a
change to one list, not to three modules that disagree.

* :func:`pattern` gives the compiled pattern of one *slot* (a list of
  wordings, such as ``"paywall"`` or ``"embed_consent"``) over all languages,
  :func:`needles` its substring gate, :func:`alternation` its bare
  alternation for composite patterns; :data:`SLOTS` names and describes them.
* :data:`MONTHS` maps month words of every language to 1..12;
  :func:`month_number`, :func:`month_words`, :func:`month_alternation` and
  :func:`month_tokens` serve the date parser, the classifier's date lines and
  the fingerprint.

Patterns are matched case-insensitively. Every wording is a call to action or
a label, never a topic word: a story *about* donations or cookies must not
match (``tests/test_vocabulary.py`` and ``tests/test_extraction_boilerplate.py``
hold the sentences that must be kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from . import common, de, en, es, fr, it, ja, ko, lv, nl, pt, th, zh
from ._model import Language, Slot
from ._slots import SLOTS

__all__ = [
    "ENGLISH_MONTHS",
    "LANGUAGES",
    "MONTHS",
    "SLOTS",
    "Language",
    "Slot",
    "alternation",
    "language",
    "month_alternation",
    "month_number",
    "month_tokens",
    "month_words",
    "needles",
    "pattern",
]

#: Every language module, ``*`` (names and signs shared by all) first.
LANGUAGES: tuple[Language, ...] = tuple(
    module.LANGUAGE for module in (common, en, de, fr, es, it, pt, nl, lv, ja, zh, ko, th)
)
_BY_CODE = {lang.code: lang for lang in LANGUAGES}

ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

FLAGS = re.I | re.U


def language(code: str) -> Language:
    """The vocabulary of one language by its code (``KeyError`` when unknown)."""
    return _BY_CODE[code]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _fragments(slot: str, spaced: bool) -> list[str]:
    if slot not in SLOTS:
        raise KeyError(f"unknown vocabulary slot {slot!r}")
    return _unique(
        fragment
        for lang in LANGUAGES
        if lang.spaced == spaced
        for fragment in lang.wording.get(slot, ())
    )


def _case_sensitive(fragments: list[str]) -> str:
    # Scripts without spaces have no case either; matching them case-blind
    # only costs time (each character goes through case folding).
    return f"(?-i:{'|'.join(fragments)})" if fragments else ""


@cache
def alternation(slot: str) -> str:
    """The fragments of ``slot`` in all languages, as one regular-expression alternation."""
    parts = ["|".join(_fragments(slot, True)), _case_sensitive(_fragments(slot, False))]
    if not any(parts):
        raise ValueError(f"vocabulary slot {slot!r} has no wording")  # would match anything
    return "|".join(part for part in parts if part)


_NEVER = "(?!)"


@cache
def pattern(slot: str, *, spaced: bool | None = None, folded: bool = False) -> re.Pattern[str]:
    """The compiled pattern of ``slot``: its template around all languages' wording.

    Languages written without spaces get the template without its ``\\b``.
    ``spaced`` keeps only the languages written with (True) or without
    (False) spaces; a subset without wording never matches. ``folded=True``
    compiles without ``re.IGNORECASE``, for text the caller has lower-cased
    (as :func:`newscrawl.extraction.classify.fold` does): the same matches,
    several times faster.
    """
    template = SLOTS[slot].template
    with_spaces = _fragments(slot, True) if spaced is not False else []
    without = _fragments(slot, False) if spaced is not True else []
    if not with_spaces and not without:
        if spaced is None:
            raise ValueError(f"vocabulary slot {slot!r} has no wording")
        return re.compile(_NEVER)
    if r"\b" not in template or not without:
        source = template.replace(
            "{}", "|".join(filter(None, ["|".join(with_spaces), _case_sensitive(without)]))
        )
    else:
        parts = [template.replace("{}", "|".join(with_spaces))] if with_spaces else []
        parts.append(template.replace(r"\b", "").replace("{}", _case_sensitive(without)))
        source = "|".join(parts)
    return re.compile(source, re.U if folded else FLAGS)


@cache
def needles(slot: str) -> tuple[str, ...]:
    """Lower-case substrings of which every match of :func:`pattern` holds one.

    A substring test is much cheaper than the alternation, so callers test the
    needles first and run the pattern only when one is present.
    """
    if not SLOTS[slot].gated:
        raise ValueError(f"vocabulary slot {slot!r} has no needles")
    given = _unique(n for lang in LANGUAGES for n in lang.needles.get(slot, ()))
    # A needle that contains another one adds nothing but time.
    return tuple(n for n in given if not any(o != n and o in n for o in given))


def month_words(languages: Iterable[str] | None = None) -> dict[str, int]:
    """Month words (lower case, abbreviations without their dot) -> month number.

    ``languages`` restricts the table to those language codes.
    """
    chosen = set(languages) if languages is not None else None
    table: dict[str, int] = {}
    for lang in LANGUAGES:
        if chosen is None or lang.code in chosen:
            for word, number in lang.months.items():
                if table.setdefault(word, number) != number:
                    raise ValueError(f"month word {word!r} means two months")
    return table


#: Every language's month words -> 1..12.
MONTHS: Mapping[str, int] = MappingProxyType(month_words())


def month_number(word: str) -> int | None:
    """The month a word names in any language ("März", "sept.", "maijā"), else None."""
    key = word.strip().lower()
    number = MONTHS.get(key)
    if number is None and key.endswith("."):
        number = MONTHS.get(key.rstrip("."))
    return number


@cache
def month_alternation(spaced: bool | None = None) -> str:
    """A regular-expression alternation of month words, each with an optional dot.

    ``spaced`` restricts it to the languages written with (True) or without
    (False) spaces between words, whose words take no ``\\b`` around them.
    """
    codes = [lang.code for lang in LANGUAGES if spaced is None or lang.spaced == spaced]
    words = sorted(month_words(codes), key=len, reverse=True)  # "marzo" before "mar"
    return "|".join(re.escape(word) + ("" if word.endswith(".") else r"\.?") for word in words)


def month_tokens(code: str = "en") -> dict[str, str]:
    """One language's month words -> the English three-letter abbreviation.

    Words that already are that abbreviation are left out. This is the table
    the syndication fingerprint uses to make "January" and "Jan" one token.
    """
    return {
        word: abbreviation
        for word, number in language(code).months.items()
        if word != (abbreviation := ENGLISH_MONTHS[number - 1][:3].lower())
    }
