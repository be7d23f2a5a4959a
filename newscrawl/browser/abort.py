"""Which of a rendered page's own requests the browser never makes.

Images, fonts and media cost most of a page's bytes and nothing of its text;
ad and tracker scripts cost time, memory and privacy. Consent platforms are
deliberately not blocked: some outlets show the article only after the
platform's wall has been answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Request as PlaywrightRequest

BLOCKED_RESOURCE_TYPES = ("image", "font", "media")

# Matched against the host and every parent domain of it.
AD_AND_TRACKER_HOSTS = frozenset(
    {
        "2mdn.net",
        "adform.net",
        "adnxs.com",
        "adroll.com",
        "adsrvr.org",
        "adservice.google.com",
        "amazon-adsystem.com",
        "bidswitch.net",
        "bluekai.com",
        "casalemedia.com",
        "chartbeat.com",
        "chartbeat.net",
        "connect.facebook.net",
        "criteo.com",
        "criteo.net",
        "demdex.net",
        "doubleclick.net",
        "doubleverify.com",
        "everesttech.net",
        "google-analytics.com",
        "googleadservices.com",
        "googlesyndication.com",
        "googletagmanager.com",
        "googletagservices.com",
        "hotjar.com",
        "krxd.net",
        "mathtag.com",
        "moatads.com",
        "mixpanel.com",
        "nr-data.net",
        "omtrdc.net",
        "openx.net",
        "outbrain.com",
        "pubmatic.com",
        "quantserve.com",
        "rlcdn.com",
        "rubiconproject.com",
        "scorecardresearch.com",
        "segment.io",
        "smartadserver.com",
        "taboola.com",
        "teads.tv",
        "yieldmo.com",
    }
)


def parent_domains(host: str) -> Iterable[str]:
    """``a.b.example.com`` -> itself, ``b.example.com``, ``example.com``, ``com``."""
    parts = host.lower().rstrip(".").split(".")
    return (".".join(parts[i:]) for i in range(len(parts)))


class RequestBlocker:
    """``PLAYWRIGHT_ABORT_REQUEST``: true for a request the browser should drop."""

    def __init__(
        self,
        resource_types: Iterable[str] = BLOCKED_RESOURCE_TYPES,
        hosts: Iterable[str] = AD_AND_TRACKER_HOSTS,
    ) -> None:
        self.resource_types = frozenset(t.lower() for t in resource_types)
        self.hosts = frozenset(h.lower().lstrip(".") for h in hosts)

    def blocks(self, url: str, resource_type: str, *, main_frame: bool = False) -> bool:
        # The page asked for is never blocked, whatever its host.
        if main_frame:
            return False
        if resource_type in self.resource_types:
            return True
        host = urlsplit(url).hostname or ""
        return any(domain in self.hosts for domain in parent_domains(host))

    def __call__(self, request: PlaywrightRequest) -> bool:
        try:
            main_frame = request.is_navigation_request() and request.frame.parent_frame is None
        except PlaywrightError:  # a service worker's request has no frame
            main_frame = False
        return self.blocks(request.url, request.resource_type, main_frame=main_frame)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({sorted(self.resource_types)}, {len(self.hosts)} hosts)"
