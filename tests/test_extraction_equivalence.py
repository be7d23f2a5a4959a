"""The speed-ups of the extractor decide exactly as the plain code they replace.

Each fast path is checked against its reference: the classifier's needle
prefilters against the full regexes and the metadata source hints against
the tree-wide scans. (Content selection is our own code and readability-lxml
is only called through its public API, so nothing pins readability's internals.)
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extraction import extract
from newscrawl.extraction.classify import GATED, fold, has_needle
from newscrawl.extraction.core import _PARSER
from newscrawl.extraction.metadata import extract_metadata

# -- classifier needles ----------------------------------------------------------

_GATE_IDS = [f"gate{i}" for i in range(len(GATED))]


# Strings built from each pattern's parse tree, walking every alternative of
# every alternation (and each optional part taken and skipped) at least once.
def _in_class(ch, items):
    negate = False
    hit = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= ord(ch) == av
        elif op is C.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is C.CATEGORY:
            probe = {
                C.CATEGORY_DIGIT: r"\d",
                C.CATEGORY_NOT_DIGIT: r"\D",
                C.CATEGORY_SPACE: r"\s",
                C.CATEGORY_NOT_SPACE: r"\S",
                C.CATEGORY_WORD: r"\w",
                C.CATEGORY_NOT_WORD: r"\W",
            }[av]
            hit |= bool(re.fullmatch(probe, ch))
    return hit != negate


def _class_samples(items):
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE:
            out.append(chr(av[0]))
    for ch in "a1 #-xé":
        if not out and _in_class(ch, items):
            out.append(ch)
    return [c for c in out if _in_class(c, items)] or ["a"]


def _samples(items):
    seqs = [_item(op, av) for op, av in items]
    n = max((len(s) for s in seqs), default=1)
    return ["".join(s[i % len(s)] for s in seqs) for i in range(n)]


def _item(op, av):
    if op is C.LITERAL:
        return [chr(av)]
    if op is C.NOT_LITERAL:
        return ["#" if av != ord("#") else "~"]
    if op is C.ANY:
        return ["a"]
    if op is C.IN:
        return _class_samples(av)
    if op is C.BRANCH:
        return [s for alternative in av[1] for s in _samples(alternative)]
    if op is C.SUBPATTERN:
        return _samples(av[3])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        base = _samples(sub)
        counts = [low] + ([low + 1] if high > low else [])
        return [b * n for n in counts for b in base]
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT, C.GROUPREF):
        return [""]
    raise ValueError(op)


def branch_samples(pattern):
    """Strings that walk every alternative of every alternation at least once."""
    return _samples(P.parse(pattern.pattern, pattern.flags))


@pytest.mark.parametrize(("pattern", "needles"), GATED, ids=_GATE_IDS)
def test_every_branch_of_a_gated_pattern_holds_a_needle(pattern, needles):
    matched = [text for text in branch_samples(pattern) if pattern.search(text)]
    assert matched, "the samples must exercise the pattern"
    for text in matched:
        assert has_needle(fold(text), needles), text


# Random matches on top, the same ones on every run.
@pytest.mark.parametrize(("pattern", "needles"), GATED, ids=_GATE_IDS)
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_every_match_holds_a_needle(pattern, needles, data):
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert has_needle(fold(text), needles), text


@pytest.mark.parametrize(
    "text",
    [
        "WE USE COOKİES ON THIS SITE",  # dotted capital I
        "we u\u017fe cookies",  # long s, matched as s by re.IGNORECASE
        "Ask the \u212aitchen: download our app",  # kelvin sign
        "Subscr\u0131be now to continue reading",  # dotless i
        "ALL RIGHTS RESERVED",
    ],
)
def test_folding_agrees_with_ignorecase(text):
    for pattern, needles in GATED:
        if pattern.search(text):
            assert has_needle(fold(text), needles), (pattern.pattern[:40], text)


def test_ascii_letters_only_fold_from_the_known_characters():
    # Characters re.IGNORECASE equates with ASCII letters; fold() maps each.
    letter = re.compile("[a-z]", re.I)
    odd = [chr(c) for c in range(0x80, 0x3000) if letter.match(chr(c))]
    odd += [chr(0x212A)]
    for char in odd:
        assert fold(char).isascii() and fold(char).isalpha(), repr(char)


# -- metadata source hints ------------------------------------------------------------

META_PAGES = [
    """<html><body><div class="story-byline">By Ann Example</div>
    <article><time datetime="2024-03-01T10:00:00Z">1 March</time><p>Text.</p></article>
    </body></html>""",
    """<html><body><aside><time datetime="2020-01-01">old</time></aside>
    <div class="entry-meta"><span><time datetime="2024-05-06">6 May</time></span></div>
    <span itemprop="author" itemscope><span itemprop="name">Bo Martin</span></span>
    </body></html>""",
    """<html><body><p>By <a rel="author" href="/a">Cy Author</a></p>
    <time pubdate datetime="2023-07-08T09:10:00+02:00">8 July</time>
    <div itemscope itemtype="https://schema.org/NewsArticle">
    <meta itemprop="datePublished" content="2023-07-08"></div></body></html>""",
    """<html><body><div id="byline-box">Dee Reporter, Staff Writer</div>
    <span itemprop="datePublished">2022-02-02</span>
    <time datetime="2021-01-01">in a list</time></body></html>""",
    """<html><body><div class="BYLINE">Capital Class</div>
    <div class="post-date"><time datetime="">empty</time><time datetime="2019-09-09">x</time>
    </div></body></html>""",
]


@pytest.mark.parametrize("html", META_PAGES)
def test_metadata_with_source_hints_is_the_same(html):
    url = "https://example.org/2024/story"
    with_hints = extract_metadata(lxml.html.document_fromstring(html), url, source=html)
    without = extract_metadata(lxml.html.document_fromstring(html), url)
    assert with_hints == without


# The same pages with wide characters before the attributes: a word then
# stands at other offsets in the UTF-8 bytes than in the str.
WIDE_META_PAGES = [
    page.replace("<body>", "<body><p>Über “Zitate” 北京 — Москва</p>", 1) for page in META_PAGES
]


@pytest.mark.parametrize("html", META_PAGES + WIDE_META_PAGES)
def test_metadata_with_the_source_in_utf8_is_the_same(html):
    # The bytes branch of the source tests (Page.mentions, Page.has_itemprop),
    # which extract() takes, against the str one and against no hints at all.
    url = "https://example.org/2024/story"
    with_bytes = extract_metadata(
        lxml.html.document_fromstring(html), url, source=html, source_utf8=html.encode()
    )
    with_str = extract_metadata(lxml.html.document_fromstring(html), url, source=html)
    without = extract_metadata(lxml.html.document_fromstring(html), url)
    assert with_bytes == with_str == without


def _one_byte_changed(data: bytes) -> bytes:
    at = data.index(b"itemprop")
    return data[:at] + b"I" + data[at + 1 :]


@pytest.mark.parametrize(
    "wrong",
    [
        lambda html: b"",
        lambda html: META_PAGES[0].encode(),
        lambda html: html.encode("utf-16-le"),
        lambda html: html.encode()[:-1],
        lambda html: _one_byte_changed(html.encode()),  # same length
    ],
    ids=["empty", "another page", "utf-16", "shorter", "one byte changed"],
)
def test_metadata_refuses_bytes_that_are_not_the_source(wrong):
    html = WIDE_META_PAGES[1]
    doc = lxml.html.document_fromstring(html)
    with pytest.raises(ValueError, match="source_utf8"):
        extract_metadata(doc, source=html, source_utf8=wrong(html))


def test_dates_come_from_article_and_date_line_times_only():
    meta = extract_metadata(lxml.html.document_fromstring(META_PAGES[1]), source=META_PAGES[1])
    assert meta.published is not None and meta.published.startswith("2024-05-06")
    assert meta.authors == ["Bo Martin"]


# -- the parser ---------------------------------------------------------------------------


def test_forms_parse_as_plain_elements_and_still_extract():
    html = """<html><body><article><h1>Vote results</h1>
    <p>The committee published the final count on Monday, after two recounts
    that took most of the weekend and several hundred volunteers.</p>
    <form action="/search"><input name="q"><button>Go</button></form>
    <p>Turnout was the highest in a decade, officials said in a statement that
    also thanked the volunteers who counted the ballots by hand.</p>
    </article></body></html>"""
    tree = lxml.html.document_fromstring(html, parser=_PARSER)
    assert type(tree.find(".//form")) is lxml.html.HtmlElement
    result = extract(html, "https://example.org/vote")
    assert "Turnout was the highest" in result.text
    assert "Go" not in result.paragraphs


def test_a_str_page_is_read_as_text_whatever_charset_it_declares():
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body>'
        "<article><p>The caf\u00e9 on the corner raised its prices to 4\u20ac a cup, "
        "and the regulars \u2014 most of them retired teachers \u2014 were not pleased at all."
        "</p><p>Its owner said the beans had doubled in price since the spring, "
        "na\u00efvely hoping nobody would notice the change.</p></article></body></html>"
    )
    result = extract(html, "https://example.org/cafe")
    assert "4\u20ac a cup" in result.text
    assert "na\u00efvely" in result.text


def test_a_page_with_lone_surrogates_still_extracts():
    html = (
        "<html><body><article><p>A paragraph long enough to be the article, with a broken "
        "character \udcff left over from a bad decode, which must not stop extraction at all."
        "</p></article></body></html>"
    )
    result = extract(html, "https://example.org/broken")
    assert result.error is None
    assert "long enough to be the article" in result.text
