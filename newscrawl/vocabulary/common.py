"""Names and signs that every language uses: networks, agencies, currencies, quotes."""

# ruff: noqa: E501 - long fragments

from __future__ import annotations

from ._model import Language

_NETWORKS = (
    "facebook",
    "twitter",
    "instagram",
    "telegram",
    "whatsapp",
    "youtube",
    "tiktok",
    "linkedin",
    "threads",
    "bluesky",
    "mastodon",
    "google news",
    "x.com",
    "pinterest",
)

LANGUAGE = Language(
    code="*",
    wording={
        "ad_label": (r"pr",),  # the Japanese press marks advertorials so
        "share_word": (
            r"whatsapp|facebook|twitter|x|linkedin|pinterest|reddit|telegram|flipboard|messenger",
        ),
        "social_network": (
            r"facebook|twitter|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads",
            r"bluesky|mastodon|google news|x\.com|pinterest",
        ),
        "price": (r"[$€£₹]\s?\d|\b(?:rs\.?|inr)\s?\d|\d(?:[.,]\d+)?\s?(?:€|euros?|dollars?|£)",),
        "photo_agency": (
            r"getty images|afp via getty|reuters/|ap photo|dpa|epa-efe|shutterstock|istock(?:photo)?|imago",
        ),
        "agency": (
            r"getty(?: images)?|epa(?:-efe)?|reuters|ap|afp|dpa|pa(?: media| wire)?|shutterstock",
            r"istock|imago|alamy|efe|anadolu|xinhua|bloomberg|ansa|keystone|picture alliance",
        ),
        "copyright": (r"^\W*©",),
        "follow_author": (r"^\W*(?:email|e-mail|contact)\s*:?\s*\S+@\S+",),
        "quote_mark": (r"[\"“”„«»]",),
    },
    needles={
        "social_network": _NETWORKS,
        "photo_agency": (
            "getty",
            "afp via getty",
            "reuters/",
            "ap photo",
            "dpa",
            "epa-efe",
            "shutterstock",
            "istock",
            "imago",
        ),
        "copyright": ("©",),
        "follow_author": ("@",),
        "quote_mark": ('"', "“", "”", "„", "«", "»"),
    },
)
