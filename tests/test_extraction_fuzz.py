"""Property-based: extract() never raises, whatever it is fed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extraction import Extraction, extract

TAGS = ["p", "div", "span", "a", "article", "nav", "ul", "li", "h2", "blockquote", "br", "script"]
ATTRS = [
    "",
    ' class="share"',
    ' class="cookie-banner"',
    " hidden",
    ' style="display:none"',
    ' role="navigation"',
    ' itemprop="articleBody"',
    ' id="comments"',
]


@st.composite
def html_soup(draw):
    parts = draw(
        st.lists(
            st.one_of(
                st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
                st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
                st.text(max_size=80),
                st.sampled_from(
                    [
                        "<!--",
                        "-->",
                        "<?xml version='1.0'?>",
                        "&amp;",
                        "&#0;",
                        "<",
                        "Subscribe now for $5 a month",
                        "Dear Reader,",
                        "We use cookies.",
                    ]
                ),
            ),
            max_size=60,
        )
    )
    return "".join(parts)


def _check(result):
    assert isinstance(result, Extraction)
    assert (result.error is None) == bool(result.text)
    assert all(p.strip() for p in result.paragraphs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup())
def test_random_markup_never_raises(html):
    _check(extract(html, "https://example.com/a"))


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from([None, "text/html", "text/html; charset=utf-16", "text/html; charset=bogus"]),
)
def test_random_bytes_never_raise(data, content_type):
    _check(extract(data, content_type=content_type))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_raises(text):
    _check(extract(text, disabled_kinds={"hidden"}, repeated={1, 2}))
