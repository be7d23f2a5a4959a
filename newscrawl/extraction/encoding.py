"""Turn fetched bodies into text, whatever their declared encoding says.

News sites lie about encodings more often than one would hope: a server-wide
``Content-Type: text/html; charset=utf-8`` in front of a legacy Windows-1252
CMS, or a template that still says ``iso-8859-1`` while the database has long
been UTF-8. :func:`decode_html` follows the order a browser uses (BOM, HTTP
header, ``<meta>`` declaration, detection) but checks each declaration against
the bytes before trusting it, so a mis-declared page still comes out readable.

:func:`looks_binary` / :func:`sniff_binary` let callers refuse PDFs, images and
archives that were served as HTML before anything tries to parse them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

__all__ = ["DecodedHtml", "decode_html", "decode_html_with_utf8", "looks_binary", "sniff_binary"]

_UNICODE_CODECS = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})

# Single-byte Latin codecs that statistical detectors confuse with one another
# on short texts (German in cp1252 is often reported as cp1250 and Polish in
# cp1250 as cp1252). They are settled by _pick_latin_codec instead.
_LATIN_CODECS = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
    )
)

_TAGS_RE = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>", re.I | re.S)
_SPACES_RE = re.compile(rb"\s+")
# A well-formed multi-byte UTF-8 sequence (lead byte plus continuation bytes).
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_NON_ASCII_RE = re.compile(rb"[\x80-\xff]")

_DETECTION_SAMPLE = 64 * 1024


def _utf8_with_cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as Windows-1252.

    Pages assembled from a UTF-8 template and a legacy source often carry a
    few stray cp1252 bytes (curly quotes, dashes) among valid UTF-8: reading
    those bytes as cp1252 keeps both parts readable.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("newscrawl-cp1252", _utf8_with_cp1252_fallback)


def decode_html(data: bytes | str, content_type: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for an HTML body.

    The encoding is chosen in this order: byte order mark, the charset of the
    HTTP ``Content-Type`` header, a ``<meta charset>`` / ``<meta http-equiv>``
    or XML declaration near the top of the document, then detection. A
    declared codec is only used if the body decodes under it without errors;
    a body that is valid UTF-8 (and not plain ASCII) is read as UTF-8 even
    when a legacy codec is declared, because legacy text that happens to be
    valid multi-byte UTF-8 is vanishingly rare while stale ``iso-8859-1``
    templates are common. Never raises; ``str`` input is returned unchanged
    with ``"utf-8"`` as its encoding name.
    """
    decoded = decode_html_with_utf8(data, content_type)
    return decoded.text, decoded.encoding


class DecodedHtml(NamedTuple):
    """An HTML body decoded by :func:`decode_html_with_utf8`."""

    text: str
    encoding: str
    #: The body itself when ``text`` is exactly its UTF-8 (or ASCII)
    #: decoding, else None; then ``utf8_body == text.encode("utf-8")``.
    utf8_body: bytes | None


def decode_html_with_utf8(data: bytes | str, content_type: str | None = None) -> DecodedHtml:
    """:func:`decode_html`, and the body itself when it is the text's UTF-8.

    A caller that needs the text as UTF-8 (libxml2 parses bytes faster than
    a str) or searches it for ASCII words (a bytes search is several times
    faster than one in a str of wide characters) need not encode it again:
    see :attr:`DecodedHtml.utf8_body`.
    """
    if isinstance(data, str):
        return DecodedHtml(data, "utf-8", None)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return DecodedHtml("", "utf-8", None)
    data = bytes(data)
    if not data:
        return DecodedHtml("", "utf-8", None)

    bom_encoding, bom = read_bom(data)
    if bom_encoding is not None and bom is not None:
        return DecodedHtml(
            data[len(bom) :].decode(bom_encoding, errors="replace"), bom_encoding, None
        )

    declared = _declared_encodings(data, content_type)

    if data.isascii() and b"\x00" not in data:
        # Every ASCII-compatible codec reads ASCII the same way.
        ascii_compatible = [e for e in declared if e not in _UNICODE_CODECS or e == "utf-8"]
        encoding = ascii_compatible[0] if ascii_compatible else "utf-8"
        return DecodedHtml(data.decode("ascii"), encoding, data)

    if _looks_like_utf16(data[:1024]) and not any(e.startswith("utf-32") for e in declared):
        # UTF-16 without a BOM (ASCII in it is valid UTF-8, NULs and all, so
        # the UTF-8 check below would take it): the NUL pattern says which end.
        wide = _decode_wide(data, "utf-16")
        if wide is not None:
            return DecodedHtml(*wide, None)
    utf8_text = _decode_strict(data, "utf-8")
    for encoding in declared:
        if encoding.startswith(("utf-16", "utf-32")):
            wide = _decode_wide(data, encoding)
            if wide is not None:
                return DecodedHtml(*wide, None)
            continue
        if utf8_text is not None:
            return DecodedHtml(utf8_text, "utf-8", data)
        if encoding == "utf-8":
            continue
        if _mostly_utf8(data):
            # A stale legacy declaration over a UTF-8 body with a few stray bytes.
            return DecodedHtml(data.decode("utf-8", errors="newscrawl-cp1252"), "utf-8", None)
        text = _decode_strict(data, encoding)
        if text is not None:
            return DecodedHtml(text, encoding, None)

    if utf8_text is not None:
        return DecodedHtml(utf8_text, "utf-8", data)
    if _mostly_utf8(data):
        return DecodedHtml(data.decode("utf-8", errors="newscrawl-cp1252"), "utf-8", None)

    detected = _detect(data)
    if detected is not None:
        return DecodedHtml(data.decode(detected, errors="replace"), detected, None)
    return DecodedHtml(data.decode("cp1252", errors="replace"), "cp1252", None)


def _declared_encodings(data: bytes, content_type: str | None) -> list[str]:
    """Header charset then in-document declaration, as Python codec names."""
    found: list[str] = []
    for getter, arg in (
        (http_content_type_encoding, content_type),
        (html_body_declared_encoding, data),
    ):
        if arg is None:
            continue
        try:
            label = getter(arg)
        except Exception:  # w3lib parses attacker-controlled bytes; a bad label is no label
            label = None
        name = _codec_name(label)
        if name is not None and name not in found:
            found.append(name)
    return found


def _codec_name(label: str | None) -> str | None:
    """Normalise an encoding label to the canonical Python codec name."""
    if not label:
        return None
    resolved = resolve_encoding(label) or label
    try:
        name = codecs.lookup(resolved).name
    except (LookupError, TypeError, ValueError):
        return None
    if name in {"utf-16", "utf-32"}:
        # Without a BOM, HTML's rules make these big-endian; _decode_wide
        # checks the byte layout anyway.
        return name + "-be"
    return name


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_wide(data: bytes, encoding: str) -> tuple[str, str] | None:
    """Decode UTF-16/32 declared without a BOM, only if the bytes look like it.

    A ``<meta charset=utf-16>`` on an ASCII-compatible page is a known
    mistake (the HTML standard maps it to UTF-8): without NUL bytes in the
    sample the declaration cannot be true.
    """
    sample = data[:1024]
    if b"\x00" not in sample:
        return None
    if encoding.startswith("utf-16"):
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls >= even_nuls else "utf-16-be"
    return data.decode(encoding, errors="replace"), encoding


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences."""
    non_ascii = len(_NON_ASCII_RE.findall(data))
    if not non_ascii:
        return False
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE_RE.findall(data))
    return in_sequences >= 0.8 * non_ascii


def _detection_sample(data: bytes) -> bytes:
    """The visible text bytes, where the language signal is."""
    text = _SPACES_RE.sub(b" ", _TAGS_RE.sub(b" ", data[: 4 * _DETECTION_SAMPLE]))
    if _NON_ASCII_RE.search(text) is None:
        # Non-ASCII only inside attributes or scripts: better than nothing.
        return data[:_DETECTION_SAMPLE]
    return text[:_DETECTION_SAMPLE]


_CENTRAL_EUROPEAN = frozenset(
    {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian", "Bosnian"}
)
_C1_BYTES_RE = re.compile(rb"[\x80-\x9f]")


def _detect(data: bytes) -> str | None:
    """Guess the codec of a body no declaration explains."""
    sample = _detection_sample(data)
    detected: str | None = None
    language = ""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # the detector is best effort; cp1252 below is the fallback
        best = None
    if best is not None:
        detected = _codec_name(best.encoding)
        language = best.language or ""
    if detected is None or detected in _LATIN_CODECS or detected == "ascii":
        return _pick_latin_codec(sample, _latin_candidates(sample, detected, language))
    return detected


def _latin_candidates(sample: bytes, detected: str | None, language: str) -> list[str]:
    """Latin code pages to try, most likely first.

    The detector's language guess is more reliable than its codec guess on
    short texts, so it decides the family; within Central European codecs,
    text without any byte in 0x80-0x9F is far more likely ISO-8859-2 (cp1250
    puts the frequent š, ś, ž, ź there).
    """
    if language in _CENTRAL_EUROPEAN:
        if _C1_BYTES_RE.search(sample) is None:
            candidates = ["iso8859-2", "cp1250", "cp1252"]
        else:
            candidates = ["cp1250", "iso8859-2", "cp1252"]
    elif language == "Turkish":
        candidates = ["cp1254", "iso8859-9", "cp1252"]
    elif language in {"Lithuanian", "Latvian"}:
        candidates = ["cp1257", "iso8859-13", "cp1252"]
    elif language == "Vietnamese":
        candidates = ["cp1258", "cp1252"]
    else:
        candidates = ["cp1252", "cp1250", "iso8859-2"]
    if detected is not None and detected not in candidates and detected != "ascii":
        candidates.append(detected)
    return candidates


# A non-ASCII character between two ASCII letters.
_IN_WORD_RE = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")


def _pick_latin_codec(sample: bytes, candidates: list[str]) -> str:
    """Choose among Latin code pages by what reads as words.

    Decoding Central European text as cp1252 puts symbols such as ``¹ ³ ¿``
    in the middle of words ("Rz¹d"), and ISO-8859-2 text read as cp1250 does
    the same with other bytes. The codec with the fewest such in-word symbols
    (and undecodable bytes) wins; ties go to the earlier candidate.
    """
    best_codec, best_score = candidates[0], None
    for codec in candidates:
        text = sample.decode(codec, errors="replace")
        score = text.count("\ufffd") * 4 + sum(
            1
            for m in _IN_WORD_RE.finditer(text)
            if not unicodedata.category(m.group()).startswith(("L", "M"))
        )
        if best_score is None or score < best_score:
            best_codec, best_score = codec, score
    return best_codec


# Leading bytes of formats that are never HTML, checked at the very start of
# the body.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"%!PS", "postscript"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"fLaC", "flac"),
    (b"\x1aE\xdf\xa3", "webm"),
    (b"wOFF", "woff"),
    (b"wOF2", "woff2"),
    (b"OTTO", "otf"),
    (b"\x00\x01\x00\x00\x00", "ttf"),
    (b"\x7fELF", "elf"),
    (b"\x00asm", "wasm"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ms-office"),
    (b"{\\rtf", "rtf"),
    (b"CWS", "swf"),
    (b"FWS", "swf"),
)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` (``"pdf"``, ``"png"``...) or None.

    Returns ``"binary"`` for unknown formats recognised only by NUL bytes in
    the first kilobytes. UTF-16/32 text (with a BOM, or with the regular NUL
    pattern of UTF-16 without one) is text, not binary.
    """
    if not data or not isinstance(data, (bytes, bytearray, memoryview)):
        return None
    head = bytes(data[:8192])
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None
    for magic, kind in _MAGIC_NUMBERS:
        # "BM" is also how a text body could start; require the header shape.
        if head.startswith(magic) and (kind != "bmp" or _bmp_header(head)):
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return head[8:12].decode("ascii").strip().lower()
    if head[4:8] == b"ftyp":
        return "mp4"
    if _looks_like_utf16(head):
        return None
    if _control_share(head) > _binary_share_limit(head):
        return "binary"
    return None


# C0 control bytes that never occur in text (tab, newline, form feed and
# carriage return do).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
# Random, compressed or encrypted bytes are about 10% control bytes (27 of
# 256 values); text is about 0%, even with a few stray NULs from a broken
# CMS. A body is binary above this share of them...
BINARY_CONTROL_SHARE = 0.05
# ...or, when it starts like markup (a tag after any whitespace or NULs),
# only when a third of it is control bytes: a page that says it is HTML is
# given the benefit of the doubt.
MARKUP_CONTROL_SHARE = 0.33


def _control_share(head: bytes) -> float:
    if not head:
        return 0.0
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)


def _binary_share_limit(head: bytes) -> float:
    starts_like_markup = head.lstrip(b"\x00 \t\r\n\f")[:1] == b"<"
    return MARKUP_CONTROL_SHARE if starts_like_markup else BINARY_CONTROL_SHARE


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is an image, PDF, archive or other non-text body."""
    return sniff_binary(data) is not None


def _bmp_header(head: bytes) -> bool:
    # The 4-byte file size then 4 reserved zero bytes.
    return len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00"


def _looks_like_utf16(head: bytes) -> bool:
    """NUL bytes in every other position, as ASCII text in UTF-16 has."""
    sample = head[:1024]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    return max(even_nuls, odd_nuls) >= 0.9 * half and min(even_nuls, odd_nuls) == 0
