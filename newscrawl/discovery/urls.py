"""Article URLs: canonical form, tracking parameters, and per-outlet rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only say where a reader came from; stripping them lets one
# article fetched through a feed, a sitemap and a share link count once.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "ocid", "cmpid", "cmp", "icid", "ito", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "xtor", "at_medium", "at_campaign", "at_source", "smid",
        "smtyp", "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "source", "src",
        "ftag", "taid", "guccounter", "guce_referrer", "guce_referrer_sig", "mbid", "rss",
        "partner", "share", "s_cid", "s_kwcid", "sr_share", "ceid", "utm",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "__hs", "trk_", "sc_")


def canonicalize_url(url: str, extra_params: Iterable[str] = ()) -> str:
    """Return ``url`` with tracking parameters and the fragment removed.

    The host is lower-cased and a default port dropped; the path and the order
    of the remaining parameters are kept, since some outlets route by them.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if parts.scheme not in ("http", "https"):
        return url
    drop = TRACKING_PARAMS.union(p.lower() for p in extra_params)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in drop and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    netloc = (parts.hostname or "").lower()
    if parts.port and parts.port != {"http": 80, "https": 443}[parts.scheme]:
        netloc = f"{netloc}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", urlencode(query), ""))


def compile_rules(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# A link "looks like an article" when its last path segment is a slug of
# several words or carries a long numeric id, or the path holds a date.
_SLUG = re.compile(r"[a-z0-9%]+(?:[-_][a-z0-9%]+){3,}", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"\d{5,}")
_DATE_PATH = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/")
_NOT_ARTICLE = re.compile(
    r"/(?:tag|tags|topic|topics|author|authors|category|categories|section|search|page|"
    r"login|register|subscribe|account|about|contact|privacy|terms|newsletter|video|"
    r"videos|gallery|galleries|photos|podcasts?)(?:/|$)|\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|"
    r"zip|css|js|xml|rss)$",
    re.IGNORECASE,
)


def looks_like_article(url: str) -> bool:
    path = urlsplit(url).path
    if _NOT_ARTICLE.search(path):
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_SLUG.search(last) or _NUMERIC_ID.search(last) or _DATE_PATH.search(path))


class UrlRules:
    """Decides which URLs of an outlet are articles, listings, or off limits."""

    def __init__(
        self,
        domains: Iterable[str],
        article: Iterable[str] = (),
        exclude: Iterable[str] = (),
        listing: Iterable[str] = (),
    ) -> None:
        self.domains = tuple(d.lower().lstrip(".") for d in domains if d)
        self.article = compile_rules(article)
        self.exclude = compile_rules(exclude)
        self.listing = compile_rules(listing)

    def in_domains(self, url: str) -> bool:
        if not self.domains:
            return True
        # By host name, not netloc as scrapy.utils.url does, so ports do not matter.
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return False
        return any(host == d or host.endswith(f".{d}") for d in self.domains)

    def is_excluded(self, url: str) -> bool:
        return any(p.search(url) for p in self.exclude)

    def is_article(self, url: str, *, trusted_source: bool = False) -> bool:
        """Whether ``url`` is an article page of this outlet.

        Sitemaps and feeds list articles by design, so their entries pass
        when the outlet names no article rule; links on listing pages must
        match a rule or look like an article.
        """
        if not self.in_domains(url) or self.is_excluded(url):
            return False
        if self.article:
            return any(p.search(url) for p in self.article)
        return trusted_source or looks_like_article(url)

    def is_listing(self, url: str) -> bool:
        if not self.in_domains(url) or self.is_excluded(url):
            return False
        return any(p.search(url) for p in self.listing)
