"""The shapes of the vocabulary: one :class:`Language` per module, one :class:`Slot` per rule."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Slot:
    """One list of wordings that a rule looks for, in every language at once.

    ``template`` is the regular expression around the alternation of all
    languages' fragments (``{}`` marks the place). Its ``\\b`` word boundaries
    are dropped for languages written without spaces between words (Japanese,
    Chinese, Thai; Korean, whose particles stick to the word), where a phrase
    usually sits between two word characters. ``gated`` slots are tested with
    their needles first (see :func:`newscrawl.vocabulary.needles`), so every
    language that words them must give needles too.
    """

    template: str
    doc: str
    gated: bool = False


@dataclass(frozen=True, slots=True)
class Language:
    """The wording of one language (or ``*``: names and signs every language uses).

    ``wording`` maps a slot name to regular-expression fragments (case is
    ignored, so they are written in lower case); ``needles`` maps a gated slot
    to lower-case substrings one of which every match of the fragments
    contains; ``months`` maps month words (names, abbreviations, inflected
    forms) to the month number.
    """

    code: str
    spaced: bool = True
    wording: dict[str, tuple[str, ...]] = field(default_factory=dict)
    needles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
