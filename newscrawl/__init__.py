"""newscrawl: boilerplate-aware news collection for Scrapy.

``ADDONS = {"newscrawl.Addon": 500}`` enables it in any Scrapy project; a
spider yields ``newscrawl.ArticlePage.from_response(response)`` for each
article page. The names below are imported on first use, so that importing
newscrawl (as Scrapy does to read ``newscrawl.settings``) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newscrawl.addons import Addon
    from newscrawl.items import Article, ArticlePage
    from newscrawl.outlet import Outlet

_EXPORTS = {
    "Addon": "newscrawl.addons",
    "Article": "newscrawl.items",
    "ArticlePage": "newscrawl.items",
    "Outlet": "newscrawl.outlet",
}
__all__ = ["Addon", "Article", "ArticlePage", "Outlet", "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newscrawl' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
