"""decode_html picks a readable decoding even when pages lie about it."""

# The fixtures are non-English text on purpose: typographic quotes, dashes, Cyrillic.
# ruff: noqa: RUF001

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extraction.encoding import (
    decode_html,
    decode_html_with_utf8,
    looks_binary,
    sniff_binary,
)

FRENCH = (
    "<p>Le président a déclaré lundi que le gouvernement préparera une nouvelle loi "
    "sur l’économie avant la fin de l’année. « Ça coûte cher », a-t-il ajouté.</p>"
)
GERMAN = (
    "<p>Die Bundesregierung hat am Montag beschlossen, die Förderung für Elektroautos "
    "zu verlängern. Das Gesetz soll ab März gelten – größere Änderungen folgen.</p>"
)
RUSSIAN = (
    "<p>Президент заявил в понедельник, что правительство подготовит новый закон "
    "о местном самоуправлении до конца года. Депутаты обсудят проект в среду.</p>"
)
JAPANESE = (
    "<p>東京都は月曜日、新しい防災計画を発表しました。計画には避難所の増設と、"
    "高齢者向けの支援体制の強化が含まれています。</p>"
)
POLISH = (
    "<p>Rząd ogłosił w poniedziałek, że nie podniesie podatków. Wybory odbędą się "
    "w październiku; społeczeństwo jest zaniepokojone sytuacją gospodarczą.</p>"
)
PORTUGUESE = (
    "<p>O governo anunciou na segunda-feira que não vai aumentar os impostos. "
    "As eleições serão em outubro e a população está atenta às decisões.</p>"
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{body}</body></html>"


def test_str_input_is_returned_unchanged():
    text = page(FRENCH)
    assert decode_html(text) == (text, "utf-8")


def test_empty_and_ascii_bodies():
    assert decode_html(b"") == ("", "utf-8")
    assert decode_html(b"<p>plain</p>", "text/html; charset=ISO-8859-1") == (
        "<p>plain</p>",
        "cp1252",
    )


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ],
)
def test_bom_wins_over_declarations(bom, codec):
    text = page(FRENCH, '<meta charset="iso-8859-1">')
    data = bom + text.encode(codec)
    decoded, encoding = decode_html(data, "text/html; charset=windows-1251")
    assert decoded == text
    assert encoding == codec


def test_header_charset_is_used_when_it_fits():
    text = page(RUSSIAN)
    decoded, encoding = decode_html(text.encode("koi8-r"), "text/html; charset=KOI8-R")
    assert (decoded, encoding) == (text, "koi8-r")


def test_header_beats_meta_when_both_fit():
    # Both cp1251 and koi8-r decode any byte string: the header decides.
    text = page(RUSSIAN, '<meta charset="koi8-r">')
    decoded, encoding = decode_html(text.encode("cp1251"), "text/html; charset=windows-1251")
    assert (decoded, encoding) == (text, "cp1251")


def test_meta_charset_when_no_header():
    text = page(
        RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    )
    assert decode_html(text.encode("cp1251")) == (text, "cp1251")


def test_header_says_utf8_but_body_is_cp1252():
    text = page(FRENCH)
    decoded, encoding = decode_html(text.encode("cp1252"), "text/html; charset=utf-8")
    assert decoded == text
    assert encoding == "cp1252"


def test_meta_says_latin1_but_body_is_utf8():
    text = page(GERMAN, '<meta charset="iso-8859-1">')
    decoded, encoding = decode_html(text.encode("utf-8"))
    assert decoded == text
    assert encoding == "utf-8"


def test_header_says_latin1_but_body_is_utf8():
    text = page(FRENCH)
    decoded, encoding = decode_html(text.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert (decoded, encoding) == (text, "utf-8")


def test_utf8_page_with_stray_cp1252_bytes_keeps_both_readable():
    data = page(GERMAN).encode("utf-8") + "<p>“Quoted” – dash</p>".encode("cp1252")
    decoded, encoding = decode_html(data, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert "Förderung" in decoded
    assert "“Quoted” – dash" in decoded


def test_latin1_declaration_over_utf8_with_a_stray_byte():
    html = page(GERMAN, '<meta charset="iso-8859-1">')
    data = html.encode("utf-8") + b"<p>caf\xe9</p>"
    decoded, encoding = decode_html(data)
    assert encoding == "utf-8"
    assert decoded == html + "<p>café</p>"


def test_unknown_declared_charset_is_ignored():
    text = page(FRENCH)
    decoded, _ = decode_html(text.encode("utf-8"), "text/html; charset=x-no-such-codec")
    assert decoded == text


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (JAPANESE, "shift_jis", "cp932"),
        (FRENCH, "cp1252", "cp1252"),
        (PORTUGUESE, "cp1252", "cp1252"),
        (POLISH, "cp1250", "cp1250"),
        (POLISH, "iso-8859-2", "iso8859-2"),
    ],
)
def test_undeclared_legacy_encodings_are_detected(text, codec, expected):
    html = page(text)
    decoded, encoding = decode_html(html.encode(codec))
    assert decoded == html
    assert encoding == expected


def test_misdeclared_cyrillic_is_detected():
    html = page(RUSSIAN, '<meta charset="utf-8">')
    decoded, encoding = decode_html(html.encode("cp1251"), "text/html; charset=utf-8")
    assert (decoded, encoding) == (html, "cp1251")


def test_meta_utf16_on_ascii_compatible_page_is_ignored():
    html = page(GERMAN, '<meta charset="utf-16">')
    decoded, encoding = decode_html(html.encode("utf-8"))
    assert (decoded, encoding) == (html, "utf-8")


def test_utf16_without_bom_follows_the_nul_pattern():
    html = page(GERMAN)
    decoded, encoding = decode_html(html.encode("utf-16-le"), "text/html; charset=utf-16")
    assert decoded == html
    assert encoding == "utf-16-le"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("a.txt", date_time=(2020, 1, 1, 0, 0, 0)), "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypmp42", "mp4"),
        (_zip_bytes(), "zip"),
        (gzip.compress(b"<html></html>", mtime=0), "gzip"),
        (b"\x7fELF\x02\x01\x01", "elf"),
        (b"some header\x00\x01\x02\x03 binary junk", "binary"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_binary_bodies_are_named(data, kind):
    assert sniff_binary(data) == kind
    assert looks_binary(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        page(FRENCH).encode("utf-8"),
        page(RUSSIAN).encode("cp1251"),
        b"\xff\xfe" + page(GERMAN).encode("utf-16-le"),
        page(GERMAN).encode("utf-16-le"),
        b"BMW announces a new electric car",
        b"  \n<!doctype html><p>x</p>",
    ],
    ids=["empty", "utf8", "cp1251", "utf16-bom", "utf16-no-bom", "bmw", "doctype"],
)
def test_text_bodies_are_not_binary(data):
    assert sniff_binary(data) is None
    assert not looks_binary(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=60)))
def test_decode_html_never_raises(data, content_type):
    text, encoding = decode_html(data, content_type)
    assert isinstance(text, str)
    assert isinstance(encoding, str) and encoding
    assert isinstance(looks_binary(data), bool)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16"]))
def test_unicode_bodies_round_trip(text, codec):
    # A leading BOM would be stripped, and a leading NUL after the UTF-16 BOM
    # makes it read as the UTF-32 BOM: both ambiguous by nature.
    text = text.lstrip("\ufeff\x00")
    decoded, _ = decode_html(text.encode(codec), f"text/html; charset={codec}")
    assert decoded == text


# -- bad bytes in a good article (issue 10, point 9) --------------------------


def good_article() -> tuple[str, list[str]]:
    from datetime import UTC, datetime

    from tests.site import article_html, make_story

    story = make_story("planet", 42, datetime(2026, 11, 20, 8, tzinfo=UTC))
    return article_html(story).replace("{BASE}", "https://planet.example"), story.paragraphs


def test_a_few_nul_bytes_do_not_make_an_article_binary():
    from newscrawl.extraction import extract

    html, paragraphs = good_article()
    data = html.encode("utf-8")
    # Eight NULs from a broken CMS, in the head and in the body.
    cut = data.index(b"<title>")
    data = data[:cut] + b"\x00" * 4 + data[cut:]
    cut = data.index(b"</p>")
    data = data[:cut] + b"\x00" * 4 + data[cut:]
    assert sniff_binary(data) is None
    result = extract(data, "https://planet.example/story")
    assert result.error is None
    assert paragraphs[1] in result.text


def test_a_body_that_is_mostly_control_bytes_is_still_binary():
    junk = bytes(range(256)) * 40
    assert sniff_binary(junk) == "binary"
    assert sniff_binary(b"<html>" + b"\x00\x01\x02\x03" * 1000) == "binary"


def test_utf16le_without_bom_or_declaration_is_decoded():
    from newscrawl.extraction import extract

    html, paragraphs = good_article()
    data = html.replace('<meta charset="utf-8">', "").encode("utf-16-le")
    decoded, encoding = decode_html(data)
    assert (decoded, encoding) == (html.replace('<meta charset="utf-8">', ""), "utf-16-le")
    result = extract(data, "https://planet.example/story")
    assert paragraphs[0] in result.text
    assert "<" not in result.text


def test_utf16be_without_bom_is_decoded():
    html = page(GERMAN)
    assert decode_html(html.encode("utf-16-be")) == (html, "utf-16-be")


def test_a_5_mb_head_of_scripts_keeps_the_body():
    from newscrawl.extraction import MAX_HTML_CHARS, extract

    html, paragraphs = good_article()
    bundle = "<script>" + "window.__STATE__ = {'k': 'v'};\n" * 180_000 + "</script>"
    data = html.replace("</head>", bundle * 2 + "</head>")
    assert data.index("<body>") > MAX_HTML_CHARS
    result = extract(data.encode("utf-8"), "https://planet.example/story")
    assert result.error is None, result.error
    for paragraph in paragraphs:
        assert paragraph in result.text
    assert result.title  # the head's metadata (JSON-LD) survives


def test_shorten_html_empties_code_before_metadata_and_cuts_only_then():
    from newscrawl.extraction.oversize import shorten_html

    ld = '<script type="application/ld+json">{"headline": "H"}</script>'
    text = f"<head>{ld}<style>{'x' * 50}</style><script>{'y' * 80}</script></head><body>B</body>"
    short = shorten_html(text, len(text) - 60)
    assert (
        "y" * 80 not in short and "x" * 50 in short and ld in short and short.endswith("B</body>")
    )
    assert shorten_html(text, 10) == text.replace("y" * 80, "").replace("x" * 50, "")[:10]
    assert shorten_html("<p>short</p>", 100) == "<p>short</p>"


# -- the UTF-8 body handed back with the text ------------------------------------

_CP1252_META = '<meta charset="windows-1252">'
_UTF8_META = '<meta charset="utf-8">'
_BODY_CASES = {
    "ascii": (page("<p>plain</p>").encode(), None, True),
    "ascii, declared cp1252": (page("<p>x</p>", _CP1252_META).encode(), None, True),
    "ascii, header utf-16": (page("<p>x</p>").encode(), "text/html; charset=utf-16", True),
    "ascii with NULs": (page("<p>a\x00b</p>").encode(), None, None),
    "utf-8": (page(FRENCH).encode(), None, True),
    "utf-8, declared": (page(RUSSIAN, _UTF8_META).encode(), None, True),
    "utf-8, header latin-1": (page(GERMAN).encode(), "text/html; charset=ISO-8859-1", True),
    "utf-8, meta cp1252": (page(JAPANESE, _CP1252_META).encode(), None, True),
    "cp1252": (page(GERMAN).encode("cp1252"), None, False),
    "cp1252, declared": (page(PORTUGUESE, _CP1252_META).encode("cp1252"), None, False),
    "cp1252, header": (page(FRENCH).encode("cp1252"), "text/html; charset=windows-1252", False),
    "cp1250 detected": (page(POLISH).encode("cp1250"), None, False),
    "utf-8 BOM": (b"\xef\xbb\xbf" + page(FRENCH).encode(), None, False),
    "utf-16-le BOM": (page(RUSSIAN).encode("utf-16"), None, False),
    "utf-16-be BOM": (b"\xfe\xff" + page(RUSSIAN).encode("utf-16-be"), None, False),
    "utf-16-le, no BOM": (page(FRENCH).encode("utf-16-le"), None, False),
    "utf-16-be, declared": (page(GERMAN).encode("utf-16-be"), "text/html; charset=utf-16", False),
    "utf-8 with a stray cp1252 byte": (page(FRENCH).encode() + b"\x93x\x94", None, False),
    "truncated sequence": (page(FRENCH).encode() + b"\xe2\x80", None, False),
    "overlong slash": (page("<p>a\u00e9</p>").encode() + b"\xc0\xaf", None, False),
    "encoded surrogate": (page("<p>\u00e9</p>").encode() + b"\xed\xa0\x80", None, False),
    "lone 0xff": (page("<p>x</p>").encode() + b"\xff", None, False),
}


@pytest.mark.parametrize(
    ("data", "content_type", "has_body"), _BODY_CASES.values(), ids=_BODY_CASES.keys()
)
def test_the_body_handed_back_is_the_text_in_utf8(data, content_type, has_body):
    decoded = decode_html_with_utf8(data, content_type)
    assert (decoded.text, decoded.encoding) == decode_html(data, content_type)
    if decoded.utf8_body is not None:
        assert decoded.utf8_body == decoded.text.encode("utf-8")
    if has_body is not None:  # the cases whose answer is known, so none is vacuous
        assert (decoded.utf8_body is not None) is has_body
    for wrapped in (bytearray(data), memoryview(data)):
        assert decode_html_with_utf8(wrapped, content_type) == decoded


def test_no_body_is_handed_back_for_a_str():
    assert decode_html_with_utf8(FRENCH) == (FRENCH, "utf-8", None)


_PIECES = st.sampled_from(
    [
        b"<p>",
        b"</p>",
        b"plain words ",
        _UTF8_META.encode(),
        _CP1252_META.encode(),
        b'<meta charset="utf-16">',
        b"\x00",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        "é—“x”".encode(),
        "é—“x”".encode("cp1252"),
        "Москва".encode(),
        "Москва".encode("cp1251"),
        "東京".encode(),
        "é".encode("utf-16-le"),
        b"\xe2\x80",
        b"\xed\xa0\x80",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    pieces=st.lists(st.one_of(_PIECES, st.binary(max_size=8)), max_size=12),
    content_type=st.sampled_from(
        [
            None,
            "text/html; charset=utf-8",
            "text/html; charset=windows-1252",
            "text/html; charset=utf-16",
            "text/html; charset=iso-8859-1",
        ]
    ),
)
def test_any_body_handed_back_is_the_text_in_utf8(pieces, content_type):
    decoded = decode_html_with_utf8(b"".join(pieces), content_type)
    if decoded.utf8_body is not None:
        assert decoded.utf8_body == decoded.text.encode("utf-8")
