"""Article URLs: canonical form, tracking parameters, and per-outlet rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote_plus, urlsplit, urlunsplit

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


DEFAULT_PORTS = {"http": 80, "https": 443}
# What discovery follows by default. Scrapy also reads file:// (and would read
# a local path named by a hostile sitemap), so only these web schemes pass.
WEB_SCHEMES = ("http", "https")


def strip_tracking(url: str, extra_params: Iterable[str] = ()) -> str:
    """``url`` without tracking parameters, fragment, default port or host case.

    The query is filtered as written, never decoded and re-encoded, so the
    parameters an outlet routes by come through byte for byte. A URL that
    cannot be parsed comes back unchanged, for the caller to try and fail.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url
    if parts.scheme not in DEFAULT_PORTS:
        return url
    drop = TRACKING_PARAMS.union(p.lower() for p in extra_params)
    kept = []
    for pair in parts.query.split("&"):
        key = unquote_plus(pair.split("=", 1)[0]).lower()
        if pair and key not in drop and not key.startswith(TRACKING_PREFIXES):
            kept.append(pair)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host = hostport.lower()
    if port is not None and port == DEFAULT_PORTS[parts.scheme]:
        host = host.rsplit(":", 1)[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "&".join(kept), ""))


def compile_rules(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Regular expressions from an outlet spec, compiled once."""
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
        *,
        schemes: Iterable[str] = WEB_SCHEMES,
        ports: Iterable[int] = (),
    ) -> None:
        self.domains = tuple(d.lower().lstrip(".") for d in domains if d)
        self.article = compile_rules(article)
        self.exclude = compile_rules(exclude)
        self.listing = compile_rules(listing)
        self.schemes = frozenset(s.lower() for s in schemes)
        # Explicit ports discovery may follow besides each scheme's default:
        # those of the outlet's own sources (add_source) and configured ones.
        self.ports: set[int] = set(ports)

    def add_source(self, url: str) -> None:
        """Let discovery follow the port of a source URL the outlet names."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return
        if port is not None and parts.scheme.lower() in self.schemes and self.in_domains(url):
            self.ports.add(port)

    def refusal(self, url: str) -> str | None:
        """Why discovery must not follow ``url``, or None when it may.

        ``scheme`` (not http or https, such as file://), ``offsite`` (a host
        outside the outlet's domains), ``port`` (a port the outlet's sources
        do not use) or ``bad_url``. Hosts are compared by name and ports by
        number: the outlet's origin is its scheme, host and port together.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return "bad_url"
        scheme = parts.scheme.lower()
        if scheme not in self.schemes:
            return "scheme"
        if not parts.hostname:
            return "bad_url"
        if not self.in_domains(url):
            return "offsite"
        if port is not None and port != DEFAULT_PORTS.get(scheme) and port not in self.ports:
            return "port"
        return None

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
