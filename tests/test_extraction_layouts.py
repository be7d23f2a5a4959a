"""Every common page layout gives the whole article and none of the named boilerplate.

One small page per layout pattern (tests/fixtures/extraction/layouts/, written
for these tests in several languages); expected.json names, per page, text that
must be kept (each in one paragraph of the result) and text that must be gone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extraction import extract

LAYOUTS = Path(__file__).parent / "fixtures" / "extraction" / "layouts"
EXPECTED = json.loads((LAYOUTS / "expected.json").read_text(encoding="utf-8"))


def test_every_fixture_has_expectations():
    pages = {path.name for path in LAYOUTS.glob("*.html")}
    assert pages == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_keeps_the_article_and_drops_boilerplate(name):
    html = (LAYOUTS / name).read_bytes()
    result = extract(html, f"https://example.org/{name}")
    expected = EXPECTED[name]
    missing = [text for text in expected["keep"] if not any(text in p for p in result.paragraphs)]
    assert not missing, f"lost: {missing}\ngot: {result.paragraphs}"
    kept = [text for text in expected["drop"] if text in result.text]
    assert not kept, f"kept boilerplate: {kept}\ngot: {result.paragraphs}"


def test_donation_and_support_boxes_are_pruned_by_their_class():
    html = (LAYOUTS / "cms_blocks.de.html").read_bytes()
    removed = {r["text"][:20]: (r["kind"], r["rule"]) for r in extract(html).removed}
    assert removed["Unabhängiger Lokaljo"] == ("donation", "structure:class")
    assert removed["Werden Sie Teil unse"] == ("donation", "structure:class")


def test_removed_text_keeps_word_boundaries_between_blocks():
    story = "".join(
        f"<p>{text}</p>"
        for text in (
            "The river festival returns to the old quay this summer after a break of four years.",
            "Organisers expect forty thousand visitors over the three days of music and food.",
        )
    )
    html = (
        "<html><body><h1>Festival</h1><div class='story'>"
        f"{story}</div><div class='related'><h3>Related</h3><p>River festival returns</p>"
        "<p>Quay works finished</p></div></body></html>"
    )
    texts = [r["text"] for r in extract(html).removed]
    assert "Related River festival returns Quay works finished" in texts


def _page_with_a_fragment_and_a_body() -> str:
    body = "".join(
        f"<p>Paragraph {n} of the story, with enough words in it to read as prose, and a comma.</p>"
        for n in range(12)
    )
    return f"<html><body><div class='story'>{body}</div></body></html>"


def test_a_short_selection_is_replaced_by_readabilitys_fuller_choice(monkeypatch):
    from newscrawl.extraction import core
    from newscrawl.extraction.selection import Selection

    def fragment_only(doc, article_body=None, title=None):
        first = next(doc.iter("p"))
        return Selection(nodes=[first], prose=len(first.text), page_prose=1000)

    monkeypatch.setattr(core, "select", fragment_only)
    result = extract(_page_with_a_fragment_and_a_body())
    assert len(result.paragraphs) == 12


def test_a_full_selection_is_not_second_guessed(monkeypatch):
    from newscrawl.extraction import core

    calls = []
    monkeypatch.setattr(core, "readability_summary", lambda doc: calls.append(doc))
    result = extract(_page_with_a_fragment_and_a_body())
    assert len(result.paragraphs) == 12
    assert calls == []


def test_readabilitys_second_opinion_keeps_a_page_wrapper_it_finds_unlikely():
    from newscrawl.extraction.content import readability_summary
    from newscrawl.extraction.core import _parse

    paragraphs_html = "".join(
        f"<p>Paragraph {n} of the story, long enough to be read as prose by anyone, really.</p>"
        for n in range(6)
    )
    doc = _parse(f"<html><body><div class='sidebar-layout'>{paragraphs_html}</div></body></html>")
    node = readability_summary(doc)
    assert node is not None
    assert "Paragraph 5 of the story" in node.text_content()
    assert doc.find(".//div").get("class") == "sidebar-layout"  # the caller's tree is untouched


def test_hover_cards_inside_paragraphs_are_not_text():
    card = (
        "<span class='rollover-people-block'><a href='/p/jane'>Jane Doe</a>"
        "<a href='/story/9'>Council rejects harbour plan after long debate</a></span>"
    )
    story = "".join(
        f"<p>The councillor <a href='/p/jane'>Jane Doe</a>{card} said on day {n} that the "
        "budget would be published next week, after the committee meets again.</p>"
        for n in range(4)
    )
    result = extract(f"<html><body><h1>Budget</h1><div class='story'>{story}</div></body></html>")
    assert len(result.paragraphs) == 4
    assert "Council rejects harbour plan" not in result.text


def test_teasers_left_out_of_the_body_are_recorded_as_related():
    from newscrawl.extraction.kinds import RULE_PREFIXES

    html = (LAYOUTS / "related_inside_body.it.html").read_bytes()
    removed = [r for r in extract(html).removed if r["rule"] == "selection:link-list"]
    assert [r["kind"] for r in removed] == ["related"]
    # one space where one teaser block ends and the next begins
    assert "con le isole. Lavori sulla diga" in removed[0]["text"]
    assert "selection" in RULE_PREFIXES
