"""Characters that are in the markup but not in the text a reader sees.

Soft hyphens (U+00AD) mark where a word may break; zero-width spaces (U+200B),
word joiners (U+2060) and byte-order marks (U+FEFF) mark where a line may or
may not break. Left in, they split words for every later comparison
("Bundes\\u00adregierung" is not "Bundesregierung"), so they are removed.

The zero-width non-joiner and joiner (U+200C, U+200D) are different: in
Persian, Arabic, the Indic scripts and others they choose the shape of the
letters around them and are part of the spelling (Persian "می‌خواهم" needs its
ZWNJ), and in emoji sequences the joiner builds one symbol from several. They
are kept between two characters of such scripts (or emoji) and removed
elsewhere, where they only come from copy-and-paste.
"""

from __future__ import annotations

import re

__all__ = ["has_invisible", "normalize_text"]

_ALWAYS = "\u00ad\u200b\u2060\ufeff"
_DROP_ALWAYS = str.maketrans(dict.fromkeys(_ALWAYS))
_CANDIDATES = _ALWAYS + "\u200c\u200d"

# Scripts whose spelling uses ZWNJ / ZWJ: Arabic (with its supplements and
# presentation forms), Syriac, Thaana, N'Ko, the Brahmic scripts of India and
# Sri Lanka, Tibetan, Myanmar, Khmer, Mongolian; and emoji with their
# variation selector and skin-tone modifiers.
_JOINING = (
    "\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u0780-\u07bf\u07c0-\u07ff\u0860-\u08ff"
    "\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1800-\u18af"
    "\ua8e0-\ua8ff\ufb50-\ufdff\ufe70-\ufefe"
    "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
)
_LOOSE_JOINER = re.compile(f"(?<![{_JOINING}])[\u200c\u200d]|[\u200c\u200d](?![{_JOINING}])")


def has_invisible(text: str) -> bool:
    """Does ``text`` hold a character :func:`normalize_text` may remove?"""
    # Six substring tests run several times faster than one character-class search.
    return not text.isascii() and any(map(text.__contains__, _CANDIDATES))


def normalize_text(text: str) -> str:
    """``text`` without invisible formatting characters, spaces collapsed again.

    Returns ``text`` itself when there is nothing to remove (the common case,
    tested first without building a new string).
    """
    if not has_invisible(text):
        return text
    cleaned = text.translate(_DROP_ALWAYS)
    if "\u200c" in cleaned or "\u200d" in cleaned:
        cleaned = _LOOSE_JOINER.sub("", cleaned)
    return " ".join(cleaned.split())
