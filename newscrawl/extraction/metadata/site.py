"""The name of the site a page belongs to."""

from __future__ import annotations

from typing import Any

from .jsonld import JsonLd, first_text
from .page import Page
from .text import URL_OR_EMAIL_RE, chain, clean

_SITE_META = ("og:site_name", "application-name", "al:android:app_name", "twitter:site")
_WEBSITE = frozenset({"WebSite"})


def site_name(page: Page, json_ld: JsonLd, node: dict[str, Any]) -> str | None:
    """og:site_name, the JSON-LD WebSite or publisher name, then app names."""
    website = json_ld.first_of(_WEBSITE)
    candidates = chain(
        page.all("og:site_name"),
        lambda: [first_text(website.get("name"))] if website else [],
        lambda: json_ld.names(node.get("publisher")),
        lambda: (page.first((key,)) for key in _SITE_META[1:]),
    )
    for candidate in candidates:
        name = clean(candidate)
        if name and name.startswith("@"):  # twitter:site handles
            name = name[1:]
        if name and not URL_OR_EMAIL_RE.search(name.replace(".com", "")):
            return name
    return None
