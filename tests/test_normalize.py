"""Invisible characters in article text: dropped, except where a script spells with them."""

# ruff: noqa: RUF001 - the Arabic-script letters are intended

from __future__ import annotations

from newscrawl.extraction import extract, fingerprint
from newscrawl.extraction.normalize import normalize_text

STORY = (
    "The council voted on Tuesday to extend the tram line to the northern suburbs, ending "
    "a dispute that had delayed the project for almost three years."
)


def test_soft_hyphen_and_zero_width_characters_are_dropped():
    assert normalize_text("Bundes\u00adregierung") == "Bundesregierung"
    assert normalize_text("long\u200bword") == "longword"
    assert normalize_text("word\u2060joiner") == "wordjoiner"
    assert normalize_text("\ufeffHeadline") == "Headline"
    assert normalize_text("US \u00adforces") == "US forces"  # spaces collapsed again


def test_text_without_invisible_characters_is_returned_as_it_is():
    text = "Ünïcödé text with “quotes” and no invisible characters"
    assert normalize_text(text) is text
    assert normalize_text(STORY) is STORY


def test_joiners_are_kept_where_the_script_spells_with_them():
    persian = "می\u200cخواهم"  # ZWNJ between two Arabic-script letters
    devanagari = "क्\u200dष"  # ZWJ inside a Devanagari cluster
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji from three
    for text in (persian, devanagari, family):
        assert normalize_text(text) == text


def test_joiners_between_latin_letters_are_dropped():
    assert normalize_text("co\u200coperate") == "cooperate"
    assert normalize_text("re\u200dport") == "report"
    assert normalize_text("end\u200c") == "end"


def test_article_text_comes_out_without_them():
    body = (
        f"<p>{STORY}</p><p>Die Bundes&shy;regierung will das Gesetz im Herbst beschließen, "
        "hieß es am Montag aus Regierungs\u200bkreisen in Berlin.</p><p>\u200b</p>"
    )
    html = f"<html><body><article><h1>Tram</h1>{body}</article></body></html>"
    result = extract(html)
    assert "Bundesregierung will" in result.text
    assert "Regierungskreisen" in result.text
    assert "\u00ad" not in result.text and "\u200b" not in result.text
    assert "\n\n\n" not in result.text
    invisible = [r for r in result.removed if r["rule"] == "text:invisible"]
    assert [r["kind"] for r in invisible] == ["hidden"]


def test_fingerprint_is_blind_to_soft_hyphens():
    assert fingerprint("Die Bundes\u00adregierung will") == fingerprint("Die Bundesregierung will")
