"""Which wire agency an article credits, from its dateline, byline and credit lines.

Only *credits* count, never mentions. An agency is credited by

- a dateline opening one of the first paragraphs: ``OTTAWA, Mar 6 (Reuters) -``,
  ``MOSCOW (AP) —``, ``(AFP) -``, ``BEIJING, May 2 /Xinhua/ --``;
- a credit line closing the text: ``-- Xinhua``, ``With inputs from PTI``,
  ``Bureau Report``, ``(Reporting by ...; Editing by ...)``, ``Copyright ...
  Associated Press``, ``Read the full story at Reuters``;
- a byline or author that is the agency: ``By Reuters``, ``AFP``.

"state-run Itar-Tass news agency quoted ...", "told Reuters" or a photo credit
inside the body are mentions and give nothing. Only the head and the tail of
the text are looked at, so the cost does not grow with the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# canonical name -> spellings (regex fragments, matched case-insensitively
# unless the entry is in _CASE_SENSITIVE: short acronyms that are also words).
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": (r"Thomson\s+Reuters", r"Reuters"),
    "AP": (r"(?:The\s+)?Associated\s+Press", r"AP"),
    "AFP": (r"Agence\s+France[-\s]Presse", r"AFP"),
    "TASS": (r"ITAR[-\s]TASS", r"TASS"),
    "Xinhua": (r"Xinhua(?:\s+News\s+Agency)?", r"Xinhuanet"),
    "PA": (r"Press\s+Association", r"PA\s+Media", r"PA\s+Wire", r"PA"),
    "dpa": (r"Deutsche\s+Presse[-\s]Agentur", r"dpa"),
    "ANI": (r"Asian\s+News\s+International", r"ANI"),
    "PTI": (r"Press\s+Trust\s+of\s+India", r"PTI"),
    "IANS": (r"Indo[-\s]Asian\s+News\s+Service", r"IANS"),
    "UPI": (r"United\s+Press\s+International", r"UPI"),
    "EFE": (r"Agencia\s+EFE", r"EFE"),
    "ANSA": (r"ANSA",),
    "Kyodo": (r"Kyodo(?:\s+News)?",),
    "Yonhap": (r"Yonhap(?:\s+News\s+Agency)?",),
    "Bloomberg": (r"Bloomberg(?:\s+News)?",),
    "Anadolu": (r"Anadolu(?:\s+Agency|\s+Ajansi)?", r"AA"),
    "Interfax": (r"Interfax(?:-Ukraine)?",),
    "RIA": (r"RIA\s+Novosti", r"RIA"),
    "KNA": (r"Kenya\s+News\s+Agency", r"KNA"),
    "Bernama": (r"Bernama",),
    "Antara": (r"Antara(?:\s+News)?",),
    "CNA": (r"Central\s+News\s+Agency", r"CNA"),
    "AAP": (r"Australian\s+Associated\s+Press", r"AAP"),
    "CP": (r"(?:The\s+)?Canadian\s+Press", r"CP"),
    "NTB": (r"NTB",),
    "TT": (r"TT\s+Nyhetsbyr[aå]n", r"TT"),
    "EPA": (r"European\s+Pressphoto\s+Agency", r"EPA"),
    "Europa Press": (r"Europa\s+Press",),
    "Agencia Brasil": (r"Ag[eê]ncia\s+Brasil",),
    "IRNA": (r"Islamic\s+Republic\s+News\s+Agency", r"IRNA"),
    "WAM": (r"Emirates\s+News\s+Agency", r"WAM"),
    "SPA": (r"Saudi\s+Press\s+Agency", r"SPA"),
    "APA": (r"Austria\s+Presse\s+Agentur", r"APA"),
    "Belga": (r"Belga",),
    "ANP": (r"ANP",),
    "Lusa": (r"Lusa",),
    "MENA": (r"Middle\s+East\s+News\s+Agency", r"MENA"),
    "Prensa Latina": (r"Prensa\s+Latina",),
    "Notimex": (r"Notimex",),
    "CTK": (r"CTK",),
    "PAP": (r"PAP",),
    "BTA": (r"BTA",),
    "HINA": (r"HINA",),
    "Tanjug": (r"Tanjug",),
    "Ukrinform": (r"Ukrinform",),
    "Sputnik": (r"Sputnik",),
    "NNA": (r"National\s+News\s+Agency",),
    "Agencies": (r"(?:News\s+)?Agencies", r"Agency\s+inputs?", r"Wire\s+services?"),
    "Bureau Report": (r"Bureau\s+Report",),
}

#: Credits that name the outlet's own desk, not a wire agency. They fill the
#: ``wire`` field but never become a story's origin.
OUTLET_CREDITS = frozenset({"Bureau Report", "Agencies"})

# Acronyms that are also ordinary words or initials: only matched in capitals.
_CASE_SENSITIVE = {"AP", "PA", "AA", "CP", "TT", "SPA", "APA", "ANP", "WAM", "ANI", "CNA", "RIA"}
_CASE_SENSITIVE |= {"ANSA", "NTB", "EPA", "EFE", "KNA", "UPI", "PTI", "IANS", "TASS", "AFP"}
_CASE_SENSITIVE |= {"MENA", "CTK", "PAP", "BTA", "HINA", "IRNA", "AAP"}

_HEAD_CHARS = 1200
_TAIL_CHARS = 1500
_DASH = r"(?:-{1,2}|\u2014|\u2013|:|\u2012)"


def _alternation(case_sensitive: bool, named: bool) -> str:
    parts = []
    for name, spellings in AGENCIES.items():
        for spelling in spellings:
            if (spelling in _CASE_SENSITIVE) == case_sensitive:
                group = re.sub(r"[^A-Za-z]", "_", name)
                parts.append((spelling, group))
    # Longest first, so "Thomson Reuters" wins over "Reuters".
    parts.sort(key=lambda p: -len(p[0]))
    if not named:
        return "|".join(s for s, _ in parts)
    tag = "s" if case_sensitive else "i"
    return "|".join(f"(?P<{g}_{tag}{i}>{s})" for i, (s, g) in enumerate(parts))


def _agency_pattern(named: bool = False) -> str:
    loose = _alternation(case_sensitive=False, named=named)
    strict = _alternation(case_sensitive=True, named=named)
    return rf"(?:(?i:{loose})|{strict})"


_GROUP_TO_NAME = {re.sub(r"[^A-Za-z]", "_", name): name for name in AGENCIES}
_AGENCY = _agency_pattern()
_NAMED_AGENCY_RE = re.compile(rf"\b{_agency_pattern(named=True)}\b")
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:/|,|and|&)\s*(?:{_AGENCY}))*"

# A dateline: an optional capitalised place and date, then the credit in
# parentheses or slashes, then a dash. At the start of a paragraph only.
_DATELINE_RE = re.compile(
    rf"""^\s*(?:[A-Z][\w.'\u2019-]*(?:[ ,/]+[\w.'\u2019-]+){{0,6}}?\s*)?
    (?:\(\s*{_AGENCY_LIST}\s*\)\s*\.?\s*{_DASH}|/\s*{_AGENCY}\s*/\s*(?:[.,]|{_DASH}))""",
    re.VERBOSE,
)
# A credit line: a short paragraph that is the credit and nothing else.
_CREDIT_RE = re.compile(
    rf"""^\s*[\(\[]?\s*(?:{_DASH}\s*)?
    (?:(?i:source|sources|credit|courtesy|via|with\s+inputs?\s+from|inputs?\s+from
        |with\s+additional\s+reporting\s+by|additional\s+reporting\s+by
        |read\s+(?:the\s+)?(?:full|original)\s+(?:story|article)\s+(?:at|on)
        |copyright|\(c\)|\u00a9|published\s+by|distributed\s+by)\b[:\s\d\u00a9(c)]*)?
    (?:(?i:the)\s+)?{_AGENCY_LIST}[\s.,;:]*
    (?:(?i:all\s+rights\s+reserved|news\s+agency|wire|staff|contributed\s+to\s+this\s+report)[\s.,]*)*
    [\)\]]?\s*\.?\s*$""",
    re.VERBOSE,
)
_COPYRIGHT_RE = re.compile(
    rf"(?:(?i:copyright)|\u00a9|\(c\))[^\n]{{0,60}}?\b{_AGENCY}\b", re.VERBOSE
)
_REUTERS_SIGNOFF_RE = re.compile(
    r"^\s*[\(\[]?\s*(?:Reporting|Additional\s+reporting|Writing)\s+by\b[^\n]{1,200}?"
    r"(?:;|\band\b)\s*(?:Editing|editing)\s+by\b",
)
_BYLINE_RE = re.compile(rf"^\s*(?i:by|from|source:?)?\s*(?:the\s+)?{_AGENCY_LIST}\s*$")
_PHOTO_RE = re.compile(r"(?i)\b(?:photo|image|picture|video|file|graphic)s?\b")


def _name(match: re.Match[str]) -> str:
    group = match.lastgroup
    if group is None:  # pragma: no cover - the pattern always names a group
        for key, value in match.groupdict().items():
            if value is not None:
                group = key
                break
    return _GROUP_TO_NAME[group.rsplit("_", 1)[0]]


def _first_agency(text: str) -> str | None:
    found = _NAMED_AGENCY_RE.search(text)
    return _name(found) if found else None


def _paragraphs(chunk: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", chunk) if p.strip()]


def _from_byline(byline: str | None, authors: Sequence[str]) -> str | None:
    for candidate in (byline, *authors):
        if not candidate or len(candidate) > 80:
            continue
        line = candidate.strip()
        if _BYLINE_RE.match(line):
            return _first_agency(line)
        # "Reuters Staff", "AFP | Updated: ..."
        head = re.split(r"\s*[|\u2022\u00b7]\s*|\s+(?i:staff|news\s+desk)\b", line)[0]
        if head != line and _BYLINE_RE.match(head):
            return _first_agency(head)
    return None


def _from_head(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:4]:
        match = _DATELINE_RE.match(paragraph[:200])
        if match:
            return _first_agency(match.group(0))
        if len(paragraph) < 60 and _BYLINE_RE.match(paragraph):
            return _first_agency(paragraph)
    return None


def _from_tail(paragraphs: list[str]) -> str | None:
    for paragraph in reversed(paragraphs[-6:]):
        if len(paragraph) <= 160 and not _PHOTO_RE.search(paragraph):
            if _CREDIT_RE.match(paragraph):
                return _first_agency(paragraph)
            if _REUTERS_SIGNOFF_RE.match(paragraph):
                return "Reuters"
            found = _COPYRIGHT_RE.search(paragraph)
            if found:
                return _first_agency(found.group(0))
    return None


def detect_wire(
    text: str,
    *,
    byline: str | None = None,
    authors: Sequence[str] = (),
    title: str | None = None,
) -> str | None:
    """The canonical name of the agency (or outlet desk) the article credits.

    Returns ``None`` when nothing is credited; mentions of an agency as a
    source ("... Itar-Tass news agency quoted ...") are not credits.
    """
    if not isinstance(text, str):
        text = ""
    agency = _from_byline(byline, authors or ())
    if agency:
        return agency
    head = _paragraphs(text[:_HEAD_CHARS])
    if title and head and head[0].strip() == title.strip():
        head = head[1:]
    agency = _from_head(head)
    if agency:
        return agency
    tail_text = text[-_TAIL_CHARS:] if len(text) > _TAIL_CHARS else text
    tail = _paragraphs(tail_text)
    if len(text) > _TAIL_CHARS and tail:
        tail = tail[1:]  # the first piece is probably cut mid-paragraph
    return _from_tail(tail)


def is_agency(name: str | None) -> bool:
    """True for a wire agency, False for an outlet's own desk credit or None."""
    return bool(name) and name not in OUTLET_CREDITS


def agency_credit(text: str | None) -> str | None:
    """The agency (or outlet desk) that ``text`` names and nothing else, or None.

    For author fields: "Reuters", "By AFP", "The Associated Press", "Reuters
    Staff" and "Bureau Report" are credits; "Jane Doe" and "Jane Doe, Reuters"
    are not (split the names first).
    """
    if not isinstance(text, str):
        return None
    # Most author strings are people: a set lookup of their words spares them
    # the agency pattern (the words of every spelling, regex syntax and all).
    if _AGENCY_WORDS.isdisjoint(re.findall(r"\w+", text.casefold())):
        return None
    return _from_byline(text, ())


_AGENCY_WORDS = frozenset(
    word.casefold()
    for spellings in AGENCIES.values()
    for spelling in spellings
    for word in re.findall(r"\w+", spelling)
)
