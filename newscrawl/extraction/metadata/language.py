"""Language: the page's declared language as a BCP 47 tag in canonical case."""

from __future__ import annotations

import re
from typing import Any

from .jsonld import first_text
from .page import Page
from .text import chain

_LANGUAGE_META = ("content-language", "og:locale", "dc.language", "language", "inlanguage")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_LANGUAGE_NAMES = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "português": "pt",
    "dutch": "nl",
    "nederlands": "nl",
    "russian": "ru",
    "polish": "pl",
    "polski": "pl",
    "japanese": "ja",
    "chinese": "zh",
    "arabic": "ar",
    "turkish": "tr",
    "swedish": "sv",
    "norwegian": "no",
    "danish": "da",
    "finnish": "fi",
    "greek": "el",
    "hindi": "hi",
    "korean": "ko",
}
_LANGUAGE_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")


def normalize_language(value: str | None) -> str | None:
    """A BCP 47 tag in canonical case, or None.

    "EN" -> "en", "en_us" -> "en-US", "zh-hant-tw" -> "zh-Hant-TW",
    "English" -> "en", "en-US,en;q=0.9" -> "en-US". Primary subtag lower
    case, script title case, region upper case (RFC 5646 section 2.1.1).
    "und", "x-default" and junk give None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip().split(",")[0].split(";")[0].strip().replace("_", "-").lower()
    if not text:
        return None
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    if not _LANGUAGE_TAG_RE.match(text) or text.startswith(("und", "mul", "zxx")):
        return None
    subtags = text.split("-")
    result = [subtags[0]]
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            result.append(subtag.title())
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            result.append(subtag.upper())
        else:
            result.append(subtag)
    return "-".join(result)


def page_language(page: Page, node: dict[str, Any]) -> str | None:
    """JSON-LD ``inLanguage``, then ``<html lang>``, then language metas."""
    html_lang = page.root.get("lang") or page.root.get(_XML_LANG)
    candidates = chain(
        (first_text(node.get("inLanguage")), html_lang),
        page.raw_firsts(_LANGUAGE_META),
    )
    for candidate in candidates:
        language = normalize_language(candidate)
        if language:
            return language
    return None
