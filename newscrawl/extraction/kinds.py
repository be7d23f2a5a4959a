"""The vocabulary of removals.

Every block the cleaning stage drops is recorded with one of these kinds. The
list is short and stable on purpose: each kind is also a crawl stats key
(``newscrawl/removed/<kind>``) and a value users put in
``NEWSCRAWL_CLEANING_DISABLED_KINDS`` to switch its rules off.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "ad": "advertising slots and 'Advertisement' labels",
    "bio": "author biographies at the end of the story",
    "byline": "bylines, datelines and reading times repeated in the body",
    "caption": "image captions and photo credits",
    "comments": "comment sections and comment calls to action",
    "cookie": "cookie and consent notices, placeholders asking consent to load an embed",
    "donation": "donation and membership appeals",
    "form": "forms and login boxes outside the article",
    "hidden": (
        "elements hidden from readers (hidden attribute, display:none, screen-reader-only), "
        "paragraphs of invisible characters only"
    ),
    "navigation": "menus, breadcrumbs, headers, footers, tag lists, pagination",
    "newsletter": "newsletter sign-up boxes and calls to action",
    "promo": "promotion of the outlet's own products: apps, podcasts, events, shop",
    "related": "related, read-more and most-read lines and lists",
    "repeated": "a line this outlet repeats on many of its pages",
    "share": "share bars and share buttons",
    "sidebar": "asides and sidebars outside the article text",
    "social": "calls to follow or join the outlet on social networks",
    "subscription": "paywalls, premium upsells and subscription offers",
    "title": "the headline repeated at the top of the body",
    "outlet": "blocks matched by the drop_selectors of the outlet spec",
}

#: Removal rules at the structure level (before the main-content step) are
#: named ``structure:<what>``; link lists left out of the chosen article
#: ``selection:<what>``; text-level rules ``text:<what>``; outlet rules
#: ``outlet:<selector>``.
RULE_PREFIXES = ("structure", "selection", "text", "outlet")
