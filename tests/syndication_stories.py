"""Synthetic wire stories and realistic reprint edits for the syndication tests."""

from __future__ import annotations

import random

_PLACES = ["GENEVA", "LIMA", "OSLO", "NAIROBI", "HANOI", "QUITO", "TUNIS", "RIGA", "DAKAR", "SEOUL"]
_PEOPLE = [
    ("Walid", "al-Mouallem"),
    ("Sergei", "Ivanov"),
    ("Yusuf", "Khalidi"),
    ("Maria", "Fernandes"),
    ("Ahmed", "al-Rashid"),
    ("Olga", "Petrova"),
    ("Chen", "Weiming"),
    ("Kofi", "Mensah"),
]
_NOUNS = ["port", "railway", "refinery", "grain deal", "bond issue", "pipeline", "airline", "mine"]
_VERBS = ["expand", "suspend", "review", "finance", "sell", "rebuild", "inspect", "close"]
_TOPICS = ["harbour", "labour", "centre", "defence", "programme", "organisation"]


def make_story(seed: int, paragraphs: int = 7) -> list[str]:
    """A wire story: a lead and body paragraphs with names, places and numbers."""
    rng = random.Random(seed)
    first, last = rng.choice(_PEOPLE)
    place = rng.choice(_PLACES)
    noun, verb, topic = rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_TOPICS)
    amount = rng.randint(11, 990)
    day = rng.choice(["Monday", "Friday"])
    out = [
        f"The government of {place.title()} plans to {verb} the {noun} near the {topic} "
        f"at a cost of {amount} mln dlrs, minister {first} {last} said on {day}.",
    ]
    for i in range(paragraphs - 1):
        words = rng.sample(
            [
                "officials",
                "expect",
                "the",
                "work",
                "to",
                "take",
                "several",
                "months",
                "while",
                "unions",
                "and",
                "local",
                "companies",
                "weigh",
                "in",
                "on",
                "the",
                "plan",
                "and",
                "lenders",
                "study",
                "the",
                "terms",
                "of",
                "the",
                "loan",
                "offered",
                "by",
                "a",
                "group",
                "of",
                "regional",
                "banks",
                "under",
                "pressure",
                "from",
                "investors",
            ],
            18,
        )
        num = rng.randint(2, 9000)
        out.append(
            f"{last} told a news conference the {noun} had handled {num} tonnes in "
            f"{1990 + i + seed % 20} and that " + " ".join(words) + f" by {rng.randint(2, 30)} pct."
        )
    return out


def wire_version(story: list[str], place: str, agency: str = "Reuters") -> str:
    lead = f"{place}, Mar 6 ({agency}) - " + story[0]
    return "\n\n".join([lead, *story[1:], "(Reporting by Ann Smith; Editing by Tom Brown)"])


def outlet_page(body: list[str], outlet: str, headline: str | None = None) -> str:
    """The outlet's header and footer around a body (its own repeated lines)."""
    header = [f"Welcome to {outlet}, your trusted source of regional news and analysis"]
    footer = [
        f"Subscribe to the {outlet} morning briefing to receive our best stories every day",
        f"Copyright {outlet}. Our journalism relies on readers like you, please support us",
    ]
    parts = ([headline] if headline else []) + header + body + footer
    return "\n\n".join(parts)


def respell(text: str) -> str:
    return (
        text.replace("al-Mouallem", "Moualem")
        .replace("Ivanov", "Ivanoff")
        .replace("Khalidi", "Halidi")
        .replace("harbour", "harbor")
        .replace("labour", "labor")
        .replace("centre", "center")
        .replace("mln dlrs", "million dollars")
        .replace(" pct", " percent")
    )
