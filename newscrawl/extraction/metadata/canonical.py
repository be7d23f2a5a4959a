"""The page's canonical URL: absolute, http(s), and not a template's home-page bug."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from .jsonld import JsonLd
from .page import Page
from .text import chain


def canonical_url(page: Page, json_ld: JsonLd, node: dict[str, Any], url: str | None) -> str | None:
    """``<link rel=canonical>``, then og:url, then the JSON-LD article's URL."""
    base = _absolute_http_url(page.base_href, url) or url
    json_ld_urls = json_ld.urls_of(node, ("url", "mainEntityOfPage"))
    for candidate in chain(page.canonical_hrefs, page.all("og:url"), json_ld_urls):
        absolute = _absolute_http_url(candidate, base)
        if absolute is None:
            continue
        if url and _is_bogus_home_canonical(absolute, url):
            continue
        return absolute
    return None


def _absolute_http_url(href: str | None, base: str | None) -> str | None:
    if not href or not isinstance(href, str):
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urljoin(base or "", href)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _is_bogus_home_canonical(canonical: str, url: str) -> bool:
    """A deep page whose canonical is the site root: a template bug, not a fact."""
    try:
        canonical_path = urlsplit(canonical).path.strip("/")
        page_path = urlsplit(url).path.strip("/")
    except ValueError:
        return False
    return not canonical_path and bool(page_path)
