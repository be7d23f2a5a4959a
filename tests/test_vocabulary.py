"""newscrawl.vocabulary: the shared wording and month tables, and their contracts."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl import vocabulary
from newscrawl.extraction import dates
from newscrawl.extraction.classify import Wording, fold, has_needle
from newscrawl.syndication import fingerprint as syndication_fingerprint

GATED = sorted(slot for slot, spec in vocabulary.SLOTS.items() if spec.gated)
LOWERCASE_SLOTS = sorted(set(vocabulary.SLOTS) - {"reader_voice", "about_heading"})


def test_every_slot_has_wording_and_compiles():
    for slot in vocabulary.SLOTS:
        assert vocabulary.alternation(slot)
        assert isinstance(vocabulary.pattern(slot), re.Pattern)


def test_unknown_slot_is_an_error():
    with pytest.raises(KeyError):
        vocabulary.pattern("no such slot")
    with pytest.raises(ValueError):
        vocabulary.needles("ad_label")  # not gated


def test_every_language_that_words_a_gated_slot_gives_needles():
    for lang in vocabulary.LANGUAGES:
        for slot in lang.wording:
            assert slot in vocabulary.SLOTS, (lang.code, slot)
            if vocabulary.SLOTS[slot].gated:
                assert lang.needles.get(slot), (lang.code, slot)
        for slot in lang.needles:
            assert slot in lang.wording, (lang.code, slot)


@pytest.mark.parametrize("slot", LOWERCASE_SLOTS)
def test_wording_is_lower_case_so_folded_matching_agrees(slot):
    """The classifier matches most slots on folded text without IGNORECASE."""
    for lang in vocabulary.LANGUAGES:
        for fragment in lang.wording.get(slot, ()):
            letters = re.sub(r"\\.", "", fragment)  # \W, \S, \b are escapes, not words
            assert letters == letters.lower(), (lang.code, slot, fragment)
    for lang in vocabulary.LANGUAGES:
        for needle in lang.needles.get(slot, ()):
            assert needle == fold(needle), (lang.code, slot, needle)


def test_scripts_without_spaces_match_inside_a_sentence():
    # No \b around Japanese: the notice sits between two word characters.
    assert vocabulary.pattern("member_only").search("本日この記事は会員限定です")
    assert vocabulary.pattern("member_only").search("This story is for members only.")
    assert not vocabulary.pattern("member_only", spaced=True).search("この記事は会員限定です")
    assert vocabulary.pattern("member_only", spaced=False).search("この記事は会員限定です")


def test_a_needle_that_contains_another_is_dropped():
    for slot in GATED:
        needles = vocabulary.needles(slot)
        assert len(needles) == len(set(needles))
        for needle in needles:
            assert not any(other != needle and other in needle for other in needles), needle


@pytest.mark.parametrize("slot", GATED)
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_every_match_of_a_gated_slot_holds_a_needle(slot, data):
    pattern = vocabulary.pattern(slot)
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert has_needle(fold(text), vocabulary.needles(slot)), text


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("member_only", "この記事は会員限定です。"),
        ("member_only", "This article is only available to subscribers."),
        ("embed_consent", "Um diesen Inhalt zu sehen, müssen Sie zustimmen."),
        ("donation", "Donate to The Example Post today."),
        ("paywall", "Jetzt abonnieren und weiterlesen."),
        ("cookie", "WE USE COOKİES ON THIS SITE"),
    ],
)
def test_folded_gated_matching_agrees_with_the_plain_pattern(slot, text):
    wording = Wording(slot)
    wide = re.search("[\u3040-\u9fff]", text) is not None
    assert bool(vocabulary.pattern(slot).search(text))
    assert wording.search(fold(text), wide)


# -- months ------------------------------------------------------------------------


def test_month_words_of_every_language():
    cases = {
        "March": 3,
        "märz": 3,
        "Jänner": 1,
        "sept.": 9,
        "setiembre": 9,
        "août": 8,
        "maggio": 5,
        "outubro": 10,
        "mrt": 3,
        "maijā": 5,
        "decembris": 12,
        "พฤษภาคม": 5,
        "พ.ค.": 5,
    }
    for word, number in cases.items():
        assert vocabulary.month_number(word) == number, word
    assert vocabulary.month_number("Montag") is None


def test_no_month_word_means_two_months():
    table = vocabulary.month_words()
    assert table == dict(vocabulary.MONTHS)
    assert set(table.values()) == set(range(1, 13))


def test_month_alternation_prefers_the_longest_word():
    rx = re.compile(rf"^(?:{vocabulary.month_alternation()})$", re.I)
    for word in ("marzo", "mar", "mar.", "septembre", "Sept.", "maijā"):
        assert rx.match(word), word


def test_the_date_parser_reads_the_shared_table():
    for word, number in vocabulary.month_words(("de", "fr", "es", "it", "pt", "nl")).items():
        assert dates._MONTHS[word] == vocabulary.ENGLISH_MONTHS[number - 1], word
    assert dates.parse_date("Publicēts 2024. gada 12. maijā plkst. 10:30").startswith(
        "2024-05-12T10:30"
    )
    assert dates.parse_date("12. März 2024").startswith("2024-03-12")


def test_the_fingerprint_reads_the_shared_table():
    expected = {
        "january": "jan",
        "february": "feb",
        "march": "mar",
        "april": "apr",
        "june": "jun",
        "july": "jul",
        "august": "aug",
        "september": "sep",
        "sept": "sep",
        "october": "oct",
        "november": "nov",
        "december": "dec",
    }
    assert vocabulary.month_tokens("en") == expected  # the table it had, unchanged
    assert expected == syndication_fingerprint._MONTHS
    assert vocabulary.month_tokens("de")["dezember"] == "dec"
