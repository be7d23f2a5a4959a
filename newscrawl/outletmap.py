"""``NEWSCRAWL_OUTLETS``: outlet specs by domain, for pages yielded without one.

A spider of any project may yield ``ArticlePage.from_response(response)``
without naming the outlet; extraction then takes the spec of the page's
domain (subdomains included, the longest domain wins) from this setting::

    NEWSCRAWL_OUTLETS = {
        # A dotted path to an Outlet, or to a spider class with an ``outlet``.
        "jpost.com": "newscrawl.spiders.outlets.jpost.JPostSpider",
        # Or the Outlet's fields; ``domains`` defaults to the key.
        "example.com": {"name": "The Example Times", "drop_selectors": [".promo"]},
    }

A value that is neither is a configuration error, raised when the crawl starts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from scrapy.utils.misc import load_object

from newscrawl.outlet import Outlet

_TUPLE_FIELDS = frozenset(
    f.name for f in dataclasses.fields(Outlet) if str(f.type).startswith("tuple")
)


def outlet_from_value(domain: str, value: Any) -> Outlet:
    """The Outlet a ``NEWSCRAWL_OUTLETS`` value stands for."""
    if isinstance(value, str):
        value = load_object(value)
    if isinstance(value, Outlet):
        return value
    if isinstance(getattr(value, "outlet", None), Outlet):
        return value.outlet
    if isinstance(value, Mapping):
        fields = {"domains": (domain,), **value}
        unknown = set(fields) - {f.name for f in dataclasses.fields(Outlet)}
        if unknown:
            raise ValueError(f"NEWSCRAWL_OUTLETS[{domain!r}]: no Outlet field {sorted(unknown)}")
        for name in _TUPLE_FIELDS & set(fields):
            item = fields[name]
            fields[name] = (item,) if isinstance(item, str) else tuple(item)
        fields.setdefault("name", domain)
        return Outlet(**fields)
    raise ValueError(
        f"NEWSCRAWL_OUTLETS[{domain!r}] must be an Outlet, a dotted path to one "
        f"(or to a spider with an outlet), or a dict of Outlet fields; got {value!r}"
    )


class OutletMap:
    """Looks up the outlet spec of a URL by its host."""

    def __init__(self, outlets: Mapping[str, Any]) -> None:
        self.by_domain = {
            domain.lower().removeprefix("www."): outlet_from_value(domain, value)
            for domain, value in outlets.items()
        }

    def __bool__(self) -> bool:
        return bool(self.by_domain)

    def outlet_for(self, url: str) -> Outlet | None:
        host = (urlsplit(url).hostname or "").lower()
        best: tuple[int, Outlet] | None = None
        for domain, outlet in self.by_domain.items():
            if (host == domain or host.endswith("." + domain)) and (
                best is None or len(domain) > best[0]
            ):
                best = (len(domain), outlet)
        return best[1] if best else None
