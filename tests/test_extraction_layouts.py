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
