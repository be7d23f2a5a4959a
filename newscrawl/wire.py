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

# ruff: noqa: RUF001, RUF003 - credits, sentence marks and examples in their own scripts

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

# canonical name -> spellings (regex fragments, matched case-insensitively
# unless the entry is in _CASE_SENSITIVE: short acronyms that are also words).
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": (
        r"Thomson\s+Reuters",
        r"Reuters",
        r"REUTER",
        r"رويترز",
        r"روئٹرز",
        r"رائٹرز",
        r"路透社",
        r"路透",
        r"ロイター",
        r"Рейтер",
        r"रॉयटर्स",
        r"로이터",
    ),
    "AP": (
        r"(?:The\s+)?Associated\s+Press",
        r"AP",
        r"أ\s?\.?\s?ب",
        r"اسوشی\s?ایٹڈ\s+پریس",
        r"美联社",
        r"美聯社",
        r"AP通信",
        r"Ассошиэйтед\s+Пресс",
        r"एपी",
    ),
    "AFP": (
        r"Agence\s+France[-\s]Presse",
        r"AFP",
        r"أ\s?\.?\s?ف\s?\.?\s?ب",
        r"اے\s?ایف\s?پی",
        r"法新社",
        r"AFP時事",
        r"Франс[-\s]Пресс",
        r"एएफपी",
    ),
    "TASS": (r"ITAR[-\s]TASS", r"TASS", r"ИТАР[-\s]ТАСС", r"ТАСС", r"تاس", r"塔斯社"),
    "Xinhua": (
        r"Xinhua(?:\s+News\s+Agency)?",
        r"Xinhuanet",
        r"新华社",
        r"新華社",
        r"新华网",
        r"新華網",
        r"Синьхуа",
        r"شينخوا",
        r"شنہوا",
        r"신화통신",
    ),
    "PA": (r"Press\s+Association", r"PA\s+Media", r"PA\s+Wire", r"PA"),
    "dpa": (r"Deutsche\s+Presse[-\s]Agentur", r"dpa", r"د\s?\.?\s?ب\s?\.?\s?أ"),
    "APP": (r"Associated\s+Press\s+of\s+Pakistan", r"APP", r"اے\s?پی\s?پی"),
    "ANI": (r"Asian\s+News\s+International", r"ANI", r"एएनआई", r"اے\s?این\s?آئی"),
    "PTI": (r"Press\s+Trust\s+of\s+India", r"PTI", r"पीटीआई", r"पीटीआइ", r"पी\s?टी\s?आई", r"भाषा"),
    "IANS": (r"Indo[-\s]Asian\s+News\s+Service", r"IANS", r"आईएएनएस"),
    "UNI": (r"United\s+News\s+of\s+India", r"UNI", r"यूनीवार्ता"),
    "UPI": (r"United\s+Press\s+International", r"UPI"),
    "EFE": (r"Agencia\s+EFE", r"EFE", r"埃菲社"),
    "ANSA": (r"ANSA", r"安莎社"),
    "Kyodo": (r"Kyodo(?:\s+News)?", r"共同通信社", r"共同通信", r"共同社", r"共同", r"Киодо"),
    "Jiji": (r"Jiji(?:\s+Press)?", r"時事通信社", r"時事通信", r"時事"),
    "Yonhap": (r"Yonhap(?:\s+News\s+Agency)?", r"연합뉴스", r"聯合ニュース", r"韩联社", r"韓聯社"),
    "Bloomberg": (r"Bloomberg(?:\s+News)?", r"ブルームバーグ", r"彭博社"),
    "Anadolu": (
        r"Anadolu(?:\s+Agency|\s+Ajans[ıi])?",
        r"AA",
        r"(?:وكالة\s+)?الأناضول",
        r"انادولو",
    ),
    "Interfax": (r"Interfax(?:-Ukraine|\.ru)?", r"Интерфакс(?:-Украина)?"),
    "RIA": (r"RIA\s+Novosti", r"RIA", r"РИА\s+Новости", r"РИА"),
    "KNA": (r"Kenya\s+News\s+Agency", r"KNA"),
    "Bernama": (r"Bernama",),
    "Antara": (r"Antara(?:\s+News)?",),
    "CNA": (r"Central\s+News\s+Agency", r"CNA", r"中央社"),
    "China News Service": (r"China\s+News\s+Service", r"中新社", r"中新网"),
    "AAP": (r"Australian\s+Associated\s+Press", r"AAP"),
    "CP": (r"(?:The\s+)?Canadian\s+Press", r"CP"),
    "NTB": (r"NTB",),
    "TT": (r"TT\s+Nyhetsbyr[aå]n", r"TT"),
    "EPA": (r"European\s+Pressphoto\s+Agency", r"EPA"),
    "Europa Press": (r"Europa\s+Press",),
    "Agencia Brasil": (r"Ag[eê]ncia\s+Brasil",),
    "IRNA": (r"Islamic\s+Republic\s+News\s+Agency", r"IRNA", r"ایرنا", r"إرنا"),
    "WAM": (r"Emirates\s+News\s+Agency", r"WAM", r"وام"),
    "SPA": (r"Saudi\s+Press\s+Agency", r"SPA", r"واس"),
    "QNA": (r"Qatar\s+News\s+Agency", r"QNA", r"قنا"),
    "KUNA": (r"Kuwait\s+News\s+Agency", r"KUNA", r"كونا"),
    "SANA": (r"Syrian\s+Arab\s+News\s+Agency", r"SANA", r"سانا"),
    "Petra": (r"Jordan\s+News\s+Agency", r"Petra", r"بترا"),
    "APA": (r"Austria\s+Presse\s+Agentur", r"APA"),
    "Belga": (r"Belga",),
    "ANP": (r"ANP",),
    "Lusa": (r"Lusa",),
    "MENA": (r"Middle\s+East\s+News\s+Agency", r"MENA", r"أ\s?\.?\s?ش\s?\.?\s?أ"),
    "Prensa Latina": (r"Prensa\s+Latina",),
    "Notimex": (r"Notimex",),
    "CTK": (r"CTK",),
    "PAP": (r"PAP",),
    "BTA": (r"BTA",),
    "HINA": (r"HINA",),
    "Tanjug": (r"Tanjug",),
    "Ukrinform": (r"Ukrinform", r"Укрінформ", r"Укринформ"),
    "BelTA": (r"BelTA", r"БелТА"),
    "Sputnik": (r"Sputnik", r"Спутник"),
    "NNA": (r"National\s+News\s+Agency",),
    "BSS": (r"Bangladesh\s+Sangbad\s+Sangstha", r"BSS"),
    "UNB": (r"United\s+News\s+of\s+Bangladesh", r"UNB"),
    "Agencies": (
        r"(?:News\s+)?Agencies",
        r"Agency\s+inputs?",
        r"Wire\s+services?",
        r"ایجنسیاں",
        r"ایجنسیز",
        r"एजेंसी",
        r"एजेंसियां",
        r"وكالات",
    ),
    "Bureau Report": (r"Bureau\s+Report",),
}

#: Credits that name the outlet's own desk, not a wire agency. They fill the
#: ``wire`` field but never become a story's origin.
OUTLET_CREDITS = frozenset({"Bureau Report", "Agencies"})

# Acronyms that are also ordinary words or initials: only matched in capitals.
_CASE_SENSITIVE = {"AP", "PA", "AA", "CP", "TT", "SPA", "APA", "ANP", "WAM", "ANI", "CNA", "RIA"}
_CASE_SENSITIVE |= {"ANSA", "NTB", "EPA", "EFE", "KNA", "UPI", "PTI", "IANS", "TASS", "AFP"}
_CASE_SENSITIVE |= {"MENA", "CTK", "PAP", "BTA", "HINA", "IRNA", "AAP", "APP", "REUTER"}
_CASE_SENSITIVE |= {"QNA", "KUNA", "SANA", "BSS", "UNB", "UNI"}

_HEAD_CHARS = 1200
_TAIL_CHARS = 1500
# A text of at most this many paragraphs is read as one block, whose head
# may carry the dateline after the page's header lines (within this many
# characters).
_BLOCK_PARAGRAPHS = 2
_INLINE_HEAD_CHARS = 300
_DASH = r"(?:-{1,2}|\u2014|\u2013|:|\u2012)"


@cache
def _lazy(source: str) -> re.Pattern[str]:
    """A pattern compiled on first use: the agency alternation makes each one
    cost tens of milliseconds to compile, at the start of every crawl, and
    the forms of other scripts and of one-block texts are not needed by most."""
    return re.compile(source)


# Spellings in scripts written without spaces are matched anywhere; all
# others must stand as whole words ("قنا" is not the start of "قناة").
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _bounded(spelling: str) -> str:
    return spelling if _UNSPACED_RE.search(spelling) else rf"(?<!\w){spelling}(?!\w)"


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
        return "|".join(_bounded(s) for s, _ in parts)
    tag = "s" if case_sensitive else "i"
    return "|".join(f"(?P<{g}_{tag}{i}>{_bounded(s)})" for i, (s, g) in enumerate(parts))


def _agency_pattern(named: bool = False) -> str:
    loose = _alternation(case_sensitive=False, named=named)
    strict = _alternation(case_sensitive=True, named=named)
    return rf"(?:(?i:{loose})|{strict})"


_GROUP_TO_NAME = {re.sub(r"[^A-Za-z]", "_", name): name for name in AGENCIES}
_AGENCY = _agency_pattern()
_NAMED_AGENCY_RE = re.compile(_agency_pattern(named=True))
# Searching with hundreds of named groups costs three times the plain search:
# the plain one finds where the credit is, the named one, anchored there,
# which agency (both try the spellings in the same order).
_AGENCY_RE = re.compile(_AGENCY)
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:/|,|and|&|\u060c|\u3001)\s*(?:{_AGENCY}))*"
# Brackets, ASCII and full-width.
_OPEN = r"[\(\[\uff08\uff3b]"
_CLOSE = r"[\)\]\uff09\uff3d]"

# A dateline: an optional capitalised place and date, then the credit in
# parentheses or slashes, then a dash. At the start of a paragraph only.
_DATELINE_RE = re.compile(
    rf"""^\s*(?:[A-Z][\w.'\u2019-]*(?:[ ,/]+[\w.'\u2019-]+){{0,6}}?\s*)?
    (?:{_OPEN}\s*{_AGENCY_LIST}\s*{_CLOSE}\s*\.?\s*{_DASH}|/\s*{_AGENCY}\s*/\s*(?:[.,]|{_DASH}))""",
    re.VERBOSE,
)
# Datelines in other scripts, which need no dash after the credit:
# "اسلام آباد (اے پی پی)", "नई दिल्ली, 6 मार्च (भाषा)", "МОСКВА, 6 марта. /ТАСС/.",
# "دبي في 6 مارس / وام /". The place and date are in the same script.
_NATIVE_PLACE = r"[^\W\d_A-Za-z][^\n()\[\]\uff08\uff09/.!?]{0,60}?"
_NATIVE_DATELINE = (
    rf"^\s*(?P<place>{_NATIVE_PLACE}\s*[.,]?\s*)?"
    rf"(?:{_OPEN}\s*(?P<a>{_AGENCY_LIST})\s*{_CLOSE}|/\s*(?P<b>{_AGENCY})\s*/)"
)
# "МОСКВА, 6 мар — РИА Новости." : place and date, a dash, the agency, a stop.
_DASH_DATELINE_RE = re.compile(
    rf"^\s*(?:[A-Z]|{_NATIVE_PLACE[:-1]})[^\n()]{{0,50}}?\s{_DASH}\s*{_AGENCY}\s*\.(?:\s|$)"
)
# "新华社北京3月6日电", "据新华社东京电", "中新社北京3月6日电": agency, place, date, 电.
_WIRE_TELEGRAM = rf"^\s*[据據]?\s*{_AGENCY}[^\s，,。:：]{{0,20}}?[电電]"
# "【ワシントン共同】", "［東京 ６日 ロイター］", "(서울=연합뉴스)": the credit
# closes a bracket that holds the place and date.
_BRACKET_DATELINE = (
    rf"^\s*(?:[\u3010\uff3b\[]\s*[^\u3011\uff3d\]\n]{{0,20}}?{_AGENCY}\s*[\u3011\uff3d\]]"
    rf"|\(\s*[^)=\n]{{1,20}}=\s*{_AGENCY}\s*\))"
)
# In a text given as one block the dateline may follow the page's header
# lines: "... Updated 26 Feb 1987 WELLINGTON (Reuters) - ...". A credit in
# brackets followed by a dash is a dateline wherever it stands in the head.
_INLINE_DATELINE = rf"{_OPEN}\s*{_AGENCY_LIST}\s*{_CLOSE}\s*{_DASH}"
# Words that introduce a credit line: "Source:", "With inputs from", and
# the same in the scripts of the agencies above.
_CREDIT_LEAD = (
    r"source|sources|credit|courtesy|via|with\s+inputs?\s+from|inputs?\s+from"
    r"|with\s+additional\s+reporting\s+by|additional\s+reporting\s+by"
    r"|read\s+(?:the\s+)?(?:full|original)\s+(?:story|article)\s+(?:at|on)"
    r"|copyright|\(c\)|\u00a9|published\s+by|distributed\s+by"
    r"|quelle|fuente|fonte|kaynak|источник|по\s+материалам|المصدر|مصدر|بشکریہ|ذریعہ"
    r"|स्रोत|इनपुट|来源|來源|出典|출처"
)
# A credit line: a short paragraph that is the credit and nothing else.
_CREDIT_RE = re.compile(
    rf"""^\s*{_OPEN}?\s*(?:{_DASH}\s*)?
    (?:(?i:{_CREDIT_LEAD})(?!\w)[:\s\d\u00a9(c)\uff1a\-]*)?
    (?:(?i:the)\s+)?{_AGENCY_LIST}[\s.,;:\u3002]*
    (?:(?i:all\s+rights\s+reserved|news\s+agency|wire|staff|contributed\s+to\s+this\s+report)[\s.,]*)*
    {_CLOSE}?\s*[.\u3002]?\s*$""",
    re.VERBOSE,
)
# A sign-off after the last sentence: "... it said. REUTER", "... 2005. -- dpa".
_SIGNOFF_RE = re.compile(
    rf"[.!?\u3002\uff01\uff1f\u061f\u06d4\u0964\"\u201d)]\s*(?:{_DASH}\s*)?"
    rf"{_OPEN}?\s*(?P<agency>{_AGENCY_LIST})\s*{_CLOSE}?\s*\.?\s*$"
)
# PTI's Hindi service closes with its name and the desk's initials: "भाषा राजेश सुरेश".
_BHASHA_SIGNOFF_RE = re.compile(r"^\s*\u092d\u093e\u0937\u093e(?:\s+[^\s\u0964.]{1,20}){0,3}\s*$")
_COPYRIGHT_RE = re.compile(
    rf"(?:(?i:copyright)|\u00a9|\(c\))[^\n]{{0,60}}?(?<!\w){_AGENCY}", re.VERBOSE
)
# Reuters' sign-off: "Reporting by X; Editing by Y".
_REUTERS_REPORTING = r"(?:Reporting|Additional\s+reporting|Writing)\s+by"
_REUTERS_EDITING = r"(?:;|\band\b)\s*(?:Editing|editing)\s+by"
_REUTERS_SIGNOFF_RE = re.compile(
    rf"^\s*[\(\[]?\s*{_REUTERS_REPORTING}\b[^\n]{{1,200}}?{_REUTERS_EDITING}\b",
)
# Inside a block, names must follow, so a sentence about reporting is no sign-off.
_REUTERS_SIGNOFF_IN_BLOCK = (
    rf"(?<!\w){_REUTERS_REPORTING}\s+[A-Z][^\n]{{1,200}}?{_REUTERS_EDITING}\s+[A-Z]"
)
_DASH_SIGNOFF_IN_BLOCK = (
    rf"[.!?\u3002\"\u201d]\s+(?:-{{1,2}}|\u2014|\u2013)\s*(?P<agency>{_AGENCY})(?=\s+[A-Z]|\s*$)"
)
# "Associated Press writer Jane Roe contributed to this report."
_CONTRIBUTED = (
    rf"^\s*(?:(?i:the)\s+)?(?P<agency>{_AGENCY})\s+(?i:writers?|reporters?|correspondents?)"
    r"\b[^.\n]{1,80}?\bcontributed\s+to\s+this\s+report\.?\s*$"
)
_BYLINE_RE = re.compile(rf"^\s*(?i:by|from|source:?)?\s*(?:the\s+)?{_AGENCY_LIST}\s*$")
# Sentence ends where a text given as one block is cut into pieces, so that
# a credit line merged into it can be read on its own.
_PIECE_END_RE = re.compile(r"(?<=[.!?)\]\u3002\uff01\uff1f\uff09\u061f\u06d4\u0964\u0965])\s+")
_PHOTO_RE = re.compile(r"(?i)\b(?:photo|image|picture|video|file|graphic)s?\b")
# The brackets _BRACKET_DATELINE opens with, after leading spaces.
_BRACKET_DATELINE_OPENERS = frozenset("\u3010\uff3b[(")
# The sentence ends _SIGNOFF_RE starts at.
_SIGNOFF_END_RE = re.compile(r"[.!?\u3002\uff01\uff1f\u061f\u06d4\u0964\"\u201d)]")


def _name(match: re.Match[str]) -> str:
    group = match.lastgroup
    if group is None:  # pragma: no cover - the pattern always names a group
        for key, value in match.groupdict().items():
            if value is not None:
                group = key
                break
    return _GROUP_TO_NAME[group.rsplit("_", 1)[0]]


def _first_agency(text: str) -> str | None:
    if _AGENCY_START_RE is None:  # pragma: no cover - a spelling it cannot read
        where = _AGENCY_RE.search(text)
        start = None if where is None else where.start()
    else:
        start = None
        pos = 0
        while (hint := _AGENCY_START_RE.search(text, pos)) is not None:
            if _AGENCY_RE.match(text, hint.start()):
                start = hint.start()
                break
            pos = hint.start() + 1
    if start is None:
        return None
    found = _NAMED_AGENCY_RE.match(text, start)
    return _name(found) if found else None


def _first_characters(spelling: str) -> str | None:
    """The characters a spelling can start with, or None if its pattern
    starts otherwise than with a character or an optional group of words."""
    optional = re.match(r"\(\?:([^()\\\[])[^()]*\)\?([^()\\\[?*+{])", spelling)
    if optional:
        return optional.group(1) + optional.group(2)
    return spelling[0] if spelling[0].isalnum() else None


def _agency_start_pattern() -> re.Pattern[str] | None:
    """Where a credit can start: a character a spelling starts with, after
    no word character unless the spelling is in a script written without
    spaces.

    Searching the agency alternation tries its hundreds of spellings at
    every character of the text; this pattern is one character class, and
    the alternation is only tried where it matches.
    """
    classes: dict[tuple[bool, bool], set[str]] = {}
    for spellings in AGENCIES.values():
        for spelling in spellings:
            first = _first_characters(spelling)
            if first is None:
                return None
            bounded = not _UNSPACED_RE.search(spelling)
            classes.setdefault((bounded, spelling in _CASE_SENSITIVE), set()).update(first)

    def charset(bounded: bool, strict: bool) -> str | None:
        chars = classes.get((bounded, strict))
        if not chars:
            return None
        body = "".join(re.escape(c) for c in sorted(chars))
        return f"[{body}]" if strict else f"(?i:[{body}])"

    bounded = [c for c in (charset(True, False), charset(True, True)) if c]
    unbounded = [c for c in (charset(False, False), charset(False, True)) if c]
    parts = [rf"(?<!\w)(?:{'|'.join(bounded)})"] if bounded else []
    return re.compile("|".join(parts + unbounded))


_AGENCY_START_RE = _agency_start_pattern()


def _paragraphs(chunk: str) -> list[str]:
    # Split at every newline: the empty pieces between newlines are dropped
    # with the blank ones, as a split at runs of newlines would give.
    return [p.strip() for p in chunk.split("\n") if p.strip()]


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


def _dateline(paragraph: str) -> str | None:
    head = paragraph[:200]
    match = _DATELINE_RE.match(head)
    if match:
        return _first_agency(match.group(0))
    # An ASCII head holds no native place and no native credit, only a
    # bracketed Latin acronym, which the native rule leaves to the Latin one.
    match = None if head.isascii() else _lazy(_NATIVE_DATELINE).match(head)
    if match:
        credit = match.group("a") or match.group("b")
        # Without a place before it, a bracketed Latin acronym is no dateline
        # unless a dash follows (the Latin rule above).
        if match.group("place") or not credit.isascii():
            return _first_agency(credit)
    patterns = [_DASH_DATELINE_RE]
    # The other two forms need a character of their own.
    if "\u7535" in head or "\u96fb" in head:  # 电, 電
        patterns.append(_lazy(_WIRE_TELEGRAM))
    if head.lstrip()[:1] in _BRACKET_DATELINE_OPENERS:
        patterns.append(_lazy(_BRACKET_DATELINE))
    for pattern in patterns:
        match = pattern.match(head)
        if match:
            return _first_agency(match.group(0))
    return None


def _from_head(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:4]:
        agency = _dateline(paragraph)
        if agency:
            return agency
        if len(paragraph) < 60 and _BYLINE_RE.match(paragraph):
            return _first_agency(paragraph)
    if paragraphs and len(paragraphs) <= _BLOCK_PARAGRAPHS:
        match = _lazy(_INLINE_DATELINE).search(paragraphs[0][:_INLINE_HEAD_CHARS])
        if match:
            return _first_agency(match.group(0))
    return None


def _credit_line(paragraph: str) -> str | None:
    if len(paragraph) > 160 or _PHOTO_RE.search(paragraph):
        return None
    if _CREDIT_RE.match(paragraph):
        return _first_agency(paragraph)
    if _REUTERS_SIGNOFF_RE.match(paragraph):
        return "Reuters"
    if _BHASHA_SIGNOFF_RE.match(paragraph):
        return "PTI"
    contributed = _lazy(_CONTRIBUTED).match(paragraph) if "contributed" in paragraph else None
    if contributed:
        return _first_agency(contributed.group("agency"))
    found = _COPYRIGHT_RE.search(paragraph)
    if found:
        return _first_agency(found.group(0))
    return None


def _may_sign_off(tail: str) -> bool:
    """False when ``tail`` cannot hold a sign-off: no spelling of an agency
    can start after its first sentence end (as at the end of most
    paragraphs). Searching _SIGNOFF_RE tries every spelling after each
    sentence end; this is two character-class searches."""
    end = _SIGNOFF_END_RE.search(tail)
    if end is None:
        return False
    return _AGENCY_START_RE is None or _AGENCY_START_RE.search(tail, end.end()) is not None


def _from_tail(paragraphs: list[str]) -> str | None:
    for paragraph in reversed(paragraphs[-6:]):
        agency = _credit_line(paragraph)
        if agency:
            return agency
    for paragraph in reversed(paragraphs[-6:]):
        # The sign-off closes the story; the outlet's own lines may follow it.
        tail = paragraph[-80:]
        found = _SIGNOFF_RE.search(tail) if _may_sign_off(tail) else None
        if found:
            return _first_agency(found.group("agency"))
    if paragraphs:
        last = paragraphs[-1]
        if len(paragraphs) <= _BLOCK_PARAGRAPHS and len(last) > 160:
            # One block: its last sentences stand for the closing paragraphs.
            block_tail = last[-_TAIL_CHARS:]
            pieces = [p for p in _PIECE_END_RE.split(block_tail) if p.strip()]
            for piece in reversed(pieces[1:][-8:]):
                agency = _credit_line(piece.strip())
                if agency:
                    return agency
            return _credit_in_block(block_tail)
    return None


def _credit_in_block(block_tail: str) -> str | None:
    """A credit run together with what follows it, as in a page given as one block.

    Only forms that are credits wherever they stand: Reuters' "Reporting by
    ...; Editing by ..." and a dash sign-off after a sentence ("... it said.
    -- dpa Share this article"), which the outlet's footer lines may follow
    without a break.
    """
    if _lazy(_REUTERS_SIGNOFF_IN_BLOCK).search(block_tail):
        return "Reuters"
    # The last sign-off closes the story.
    signoffs = list(_lazy(_DASH_SIGNOFF_IN_BLOCK).finditer(block_tail))
    return _first_agency(signoffs[-1].group("agency")) if signoffs else None


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
    if len(text) > _TAIL_CHARS and len(tail) > 1:
        # The first piece is probably cut mid-paragraph. A text given as one
        # block keeps its one piece: its cut first sentence is skipped below.
        tail = tail[1:]
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
