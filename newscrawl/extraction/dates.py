"""Dates as news pages, feeds and sitemaps write them, turned into ISO 8601.

:func:`parse_date` runs for every page and every sitemap entry, so the machine
formats (ISO 8601, RFC 822 as in RSS, epoch numbers) go through the standard
library first; only human-written text ("Updated: Apr 9, 2012, 12:24 PM IST",
"9. April 2012", "9 de abril de 2012") reaches python-dateutil, and only text
in other languages and scripts reaches dateparser, imported on first use.

Decisions worth knowing:

* The result keeps the offset the source gave ("+05:30" stays "+05:30");
  naive values get ``default_tz`` (UTC unless told otherwise), or stay local
  time without an offset with ``default_tz=None`` (:func:`parse_moment` gives
  the datetime itself, naive or not). Seconds precision: fractions are dropped.
* A date without a time is midnight: "2012-04-09" -> "2012-04-09T00:00:00+00:00".
* Digits of other scripts (Arabic-Indic, full-width, Thai, Devanagari...) are
  read as digits; Thai years of the Buddhist era (2569) are converted (2026);
  "2026年11月22日 10:30" and the Korean "2026년 11월 22일" are read without
  dateparser; Latvian "2026. gada 22. novembris" is put in day-month-year order.
* Implausible dates are rejected (None): before 1990 (epoch-zero and
  "0001-01-01" placeholders; the web news archive barely predates that) or
  more than two days in the future (a publish date cannot be in the future;
  two days absorb time-zone mistakes and scheduled-post clock skew).
* Numeric dates with dots or dashes ("09.04.2012", "09-04-2012") are read
  day first, as everywhere those separators are used; slashes follow the US
  month-first reading unless the first number cannot be a month.
* Relative phrases ("2 hours ago") are not dates and give None: their meaning
  depends on when the page was fetched, not on the page.
* "IST" is India Standard Time (the reading news pages mean by far most often).
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
import warnings
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

__all__ = ["MIN_YEAR", "has_offset", "parse_date", "parse_moment", "parse_since"]

MIN_YEAR = 1990
FUTURE_TOLERANCE = timedelta(days=2)
_MAX_LENGTH = 200

_ISO_START_RE = re.compile(r"\d{4}[-/]\d{1,2}")
_ISO_SLASHES_RE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_ISO_SHORT_FIELDS_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")
_ISO_TZ_NAME_RE = re.compile(r"\s*(?:Z|UTC|GMT)$", re.I)
_ISO_OFFSET_AND_NAME_RE = re.compile(r"([+-]\d{2}:?\d{2})\s*\(?[A-Za-z]{2,5}\)?$")
_ISO_SPACED_OFFSET_RE = re.compile(r"\s+([+-]\d{2}:?\d{2})$")
_ISO_FRACTION_RE = re.compile(r"(\.\d{6})\d+")
_RFC822_RE = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\b")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH_NAME_RE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
    re.I,
)
_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_\x00-\x7f]")
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")

# Words that introduce a date in bylines and datelines, in the languages whose
# month names are translated below. Removed before parsing.
_PREFIX_RE = re.compile(
    r"^\W*(?:(?:last\s+)?(?:updated|modified|published|posted|created|date|dated|"
    r"first\s+published|originally\s+published|stand|aktualisiert|ver[öo]ffentlicht|"
    r"erstellt|zuletzt\s+aktualisiert|publi[ée]e?|mis\s+[àa]\s+jour|modifi[ée]e?|"
    r"actualizad[oa]|publicad[oa]|atualizad[oa]|aggiornat[oa]|pubblicat[oa]|"
    r"gepubliceerd|bijgewerkt)\b\s*(?:on|am|le|el|em|il|op|at|:)?\s*:?\s*)+",
    re.I,
)

# Month words of the languages dateutil reads once they are put in English
# (the shared table: newscrawl.vocabulary).
from newscrawl.vocabulary import ENGLISH_MONTHS, month_words  # noqa: E402 - beside its one use

_MONTHS = {
    word: ENGLISH_MONTHS[number - 1]
    for word, number in month_words(("en", "de", "fr", "es", "it", "pt", "nl", "lv")).items()
}
_WEEKDAYS = frozenset(
    {
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "miercoles",
        "jueves",
        "viernes",
        "sábado",
        "sabado",
        "domingo",
        "lunedì",
        "lunedi",
        "martedì",
        "martedi",
        "mercoledì",
        "mercoledi",
        "giovedì",
        "giovedi",
        "venerdì",
        "venerdi",
        "sabato",
        "domenica",
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    }
)
_WORD_RE = re.compile(r"[^\W\d_][^\W\d_-]*(?:-feira)?\.?", re.I)
# Glue words between day, month, year and time in those languages.
_GLUE_RE = re.compile(
    r"\b(?:de|del|um|à|a\s+las|às|alle|om|uhr|h(?=\s|$)|le|el|am(?=\s+\d))\b", re.I
)
_FRENCH_TIME_RE = re.compile(r"(?<=\d)\s*h\s*(?=\d{2}\b)", re.I)


class _DecimalDigits(dict):
    """str.translate table: any script's decimal digit to its ASCII digit."""

    def __missing__(self, code: int) -> int | str:
        value = unicodedata.decimal(chr(code), None)
        # Mapping a code to itself leaves the character as it is.
        result: int | str = code if value is None else str(value)
        self[code] = result
        return result


_DIGITS = _DecimalDigits()
# Year, month and day as Japanese, Chinese and Korean write them, then
# perhaps a time ("10:30", "10時30分", "오후 3시 5분").
_CJK_DATE_RE = re.compile(
    r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号號]"
    r"(?:[^\d]{0,12}?(\d{1,2})\s*[:\uff1a時时시]\s*(\d{1,2}))?"
)
_AFTERNOON_WORDS = ("午後", "下午", "오후", "PM", "pm")
# Latvian: "2026. gada 22. novembris" (year, "gada", day, month).
_LATVIAN_DATE_RE = re.compile(r"(\d{4})\.\s*gada\s+(\d{1,2})\.\s*([^\W\d_]+)", re.I)
# The clock time after it ("plkst. 10:30").
_CLOCK_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_THAI_RE = re.compile(r"[\u0e00-\u0e7f]")
# Thai pages count years in the Buddhist era, 543 years ahead (2569 is 2026).
_BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_YEAR_RE = re.compile(r"(?<!\d)2[45]\d\d(?!\d)")
_TRAILING_ZONE_RE = re.compile(
    r"\s*\(?\b(?:(?:UTC|GMT)\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?"
    # Zone abbreviations in capitals only: "et" or "pt" ending a line is a word.
    r"|(?P<name>[A-Z\u0410-\u042f]{2,5}))\)?\s*$"
)
# The widest offset in use (UTC+14, Line Islands).
_MAX_OFFSET_MINUTES = 14 * 60

# Offsets for abbreviations dateutil does not know on its own.
_TZ_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "IST": 5.5,
    "CET": 1,
    "MEZ": 1,
    "CEST": 2,
    "MESZ": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "PKT": 5,
    "SGT": 8,
    "HKT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "AEST": 10,
    "AEDT": 11,
    "ACST": 9.5,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "ET": -5,
    "PT": -8,
    "\u041c\u0421\u041a": 3,  # MSK in Cyrillic, as Russian pages write it
}
_TZINFOS = {name: timezone(timedelta(hours=hours)) for name, hours in _TZ_OFFSETS.items()}


def parse_date(value: str | int | float | None, *, default_tz: tzinfo | None = UTC) -> str | None:
    """Parse a date or date-time into ISO 8601 with an offset, or None.

    Accepts ISO 8601 variants, RFC 822/1123 (RSS ``pubDate``), epoch seconds
    or milliseconds, numeric day-first dates ("09.04.2012") and human text in
    English, German, French, Spanish, Italian, Portuguese and Dutch (other
    languages through dateparser). A value without an offset gets
    ``default_tz``; with ``default_tz=None`` it stays local time and the
    result has no offset ("2026-11-22T10:30:00"). Never raises.
    """
    moment = parse_moment(value)
    if moment is None:
        return None
    if moment.tzinfo is None and default_tz is not None:
        moment = moment.replace(tzinfo=default_tz)
    return moment.isoformat()


def parse_moment(value: str | int | float | None) -> datetime | None:
    """The datetime ``value`` writes, or None; naive when it gives no offset.

    Plausibility as for :func:`parse_date` (a naive value is judged as if
    UTC); microseconds dropped. Never raises.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        parsed = _from_epoch(float(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > _MAX_LENGTH:
            return None
        parsed = _parse(text)
    else:
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is not None and parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=None)
    judged = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    if not _plausible(judged):
        return None
    return parsed.replace(microsecond=0)


_OFFSET_END_RE = re.compile(r"(?:[+-]\d\d:?\d\d|Z)$")


def has_offset(value: str | None) -> bool:
    """Whether an ISO 8601 date-time (as :func:`parse_date` writes) has an offset."""
    return bool(value) and _OFFSET_END_RE.search(value) is not None


def _plausible(moment: datetime) -> bool:
    try:
        if moment.year < MIN_YEAR:
            return False
        return moment <= datetime.now(UTC) + FUTURE_TOLERANCE
    except (OverflowError, ValueError):
        return False


def _parse(text: str) -> datetime | None:
    if not text.isascii():
        text = text.translate(_DIGITS)
    if text.isdigit():
        return _from_digits(text)
    if _ISO_START_RE.match(text):
        parsed = _from_iso(text)
        if parsed is not None:
            return parsed
    elif _RFC822_RE.match(text):
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        else:
            # "-0000" (RFC 5322): a UTC time whose local zone is not said.
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return _from_text(text)


def _from_digits(text: str) -> datetime | None:
    try:
        if len(text) in (8, 14):  # 20120409, 20120409122400
            fields = [int(text[i : i + 2]) for i in range(4, len(text), 2)]
            return datetime(int(text[:4]), *fields)
        if len(text) in (9, 10):
            return _from_epoch(float(text))
        if len(text) in (12, 13):
            return _from_epoch(int(text) / 1000)
    except ValueError:
        return None
    return None


def _from_epoch(seconds: float) -> datetime | None:
    if seconds != seconds:  # NaN
        return None
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> datetime | None:
    try:
        # Python 3.11 reads most of ISO 8601 itself: the common case, and fast.
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    candidate = text
    if "/" in candidate[:10]:
        candidate = _ISO_SLASHES_RE.sub(r"\1-\2-\3", candidate, count=1)
    # fromisoformat wants two-digit month and day fields.
    candidate = _ISO_SHORT_FIELDS_RE.sub(
        lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", candidate, count=1
    )
    candidate = _ISO_OFFSET_AND_NAME_RE.sub(r"\1", candidate)  # "-05:00 EST"
    candidate = _ISO_TZ_NAME_RE.sub("+00:00", candidate)
    candidate = _ISO_SPACED_OFFSET_RE.sub(r"\1", candidate)
    candidate = _ISO_FRACTION_RE.sub(r"\1", candidate)
    if len(candidate) > 10 and candidate[10] in "t ":
        candidate = candidate[:10] + "T" + candidate[11:]
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _translate_words(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group()
        key = word.rstrip(".").lower()
        if key in _WEEKDAYS:
            return " "
        month = _MONTHS.get(key)
        return month if month is not None else word

    return _WORD_RE.sub(replace, text)


def _from_text(text: str) -> datetime | None:
    if _THAI_RE.search(text):
        text = _BUDDHIST_YEAR_RE.sub(lambda m: str(int(m[0]) - _BUDDHIST_ERA_OFFSET), text)
    # Without a four-digit year there is no absolute date to find (and this
    # keeps "2 hours ago" or "Page 12 of 40" away from the lenient parsers).
    if not _YEAR_RE.search(text):
        return None
    return _parse_text_cached(text)


@lru_cache(maxsize=2048)
def _parse_text_cached(text: str) -> datetime | None:
    cjk = _CJK_DATE_RE.search(text)
    if cjk is not None:
        return _from_cjk(cjk, text)
    latvian = _LATVIAN_DATE_RE.search(text)
    if latvian is not None:
        # The shared month table knows the case forms ("maijā", "novembrī")
        # that dateparser reads only in the nominative.
        from newscrawl.vocabulary import month_number

        month = month_number(latvian[3])
        if month is not None:
            clock = _CLOCK_RE.search(text, latvian.end())
            try:
                return datetime(
                    int(latvian[1]),
                    month,
                    int(latvian[2]),
                    int(clock[1]) if clock else 0,
                    int(clock[2]) if clock else 0,
                )
            except ValueError:
                return None
        day_first = f"{latvian[2]}. {latvian[3]} {latvian[1]}{text[latvian.end() :]}"
        return _dateparser_parse(day_first, languages=["lv"])
    cleaned = _PREFIX_RE.sub("", text)
    cleaned = cleaned.replace("|", " ").replace("•", " ").replace("·", " ")
    cleaned = _FRENCH_TIME_RE.sub(":", cleaned)
    translated = _translate_words(cleaned)
    translated = _GLUE_RE.sub(" ", translated)
    if _MONTH_NAME_RE.search(translated) is None and _NUMERIC_DATE_RE.search(translated) is None:
        # No month in a form this parser knows: another language, or no date.
        if _NON_ASCII_LETTER_RE.search(translated):
            return _dateparser_parse(text)
        return None
    return _dateutil_parse(translated)


def _dateutil_parse(text: str) -> datetime | None:
    from dateutil import parser as dateutil_parser

    numeric = _NUMERIC_DATE_RE.search(text)
    if numeric is not None:
        dayfirst = numeric.group(2) in ".-" or int(numeric.group(1)) > 12
    else:
        dayfirst = False
    default = datetime(2000, 1, 1)
    for fuzzy in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parsed = dateutil_parser.parse(
                    text, dayfirst=dayfirst, tzinfos=_TZINFOS, default=default, fuzzy=fuzzy
                )
            except (ValueError, OverflowError, TypeError, AttributeError, IndexError):
                continue
        # Fuzzy parsing picks numbers out of any text: accept its reading only
        # if the year it settled on is written in the text.
        if str(parsed.year) in text:
            return parsed
    return None


def _from_cjk(match: re.Match[str], text: str) -> datetime | None:
    """ "2026年11月22日 10:30", "2026年11月22日 午後3時", "2026년 11월 22일 오후 3:05"."""
    hour = int(match[4]) if match[4] else 0
    minute = int(match[5]) if match[5] else 0
    if match[4] and hour < 12 and any(word in match[0] for word in _AFTERNOON_WORDS):
        hour += 12
    _, zone = _trailing_zone(text)
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), hour, minute, tzinfo=zone)
    except ValueError:
        return None


def _trailing_zone(text: str) -> tuple[str, tzinfo | None]:
    """``text`` without a closing zone ("JST", "(MSK)", "GMT+8") and that zone."""
    match = _TRAILING_ZONE_RE.search(text)
    if match is None:
        return text, None
    if match["name"]:
        zone = _TZINFOS.get(match["name"])
        if zone is None:
            return text, None
    else:
        minutes = int(match["hours"]) * 60 + int(match["minutes"] or 0)
        if minutes > _MAX_OFFSET_MINUTES:
            return text, None
        zone = timezone(timedelta(minutes=-minutes if match["sign"] == "-" else minutes))
    return text[: match.start()], zone


def _dateparser_parse(text: str, languages: list[str] | None = None) -> datetime | None:
    try:
        import dateparser
    except ImportError:
        return None
    text, zone = _trailing_zone(text)
    # No RETURN_AS_TIMEZONE_AWARE: dateparser then gives an aware datetime
    # exactly when the text names a zone, and a naive one otherwise.
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["month", "year"],
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(text, languages=languages, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd text; None is the answer
        return None
    if parsed is not None and zone is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


_DURATION_PART_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)\s*", re.I)
_DURATION_UNITS = {
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "second": "seconds",
    "seconds": "seconds",
    "m": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
}


def parse_since(value: str, *, now: datetime | None = None) -> datetime:
    """The start of a crawl time window, as an aware datetime.

    ``value`` is a duration back from ``now`` ("2d", "12h", "30m", "1w",
    "1d12h", "90 minutes"; "m" means minutes) or an ISO 8601 date or
    date-time ("2026-11-20", "2026-11-20T08:00+01:00"; naive means UTC).
    Raises ValueError with an explanation for anything else, including a
    start in the future.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("empty time window: give a duration like '2d' or a date like '2026-11-20'")
    text = value.strip()
    since = _since_duration(text, now)
    if since is None:
        since = _since_date(text)
    if since is None:
        raise ValueError(
            f"cannot read time window {value!r}: use a duration such as '2d', '12h', "
            "'30m' (minutes), '1w', or an ISO date such as '2026-11-20' "
            "or '2026-11-20T08:00:00+00:00'"
        )
    if since > now:
        raise ValueError(f"time window start {value!r} is in the future ({since.isoformat()})")
    return since


def _since_duration(text: str, now: datetime) -> datetime | None:
    position = 0
    total = timedelta()
    lowered = text.lower()
    while position < len(lowered):
        match = _DURATION_PART_RE.match(lowered, position)
        if match is None:
            return None
        unit = _DURATION_UNITS.get(match.group(2))
        if unit is None:
            return None
        try:
            total += timedelta(**{unit: float(match.group(1))})
        except OverflowError as exc:
            raise ValueError(f"time window {text!r} is too long") from exc
        position = match.end()
    if position == 0:
        return None
    try:
        return now - total
    except OverflowError as exc:
        raise ValueError(f"time window {text!r} is too long") from exc


def _since_date(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_DATE_ONLY = re.compile(r"\s*\d{4}-\d\d-\d\d\s*")


def published_before(value: str | None, since: datetime) -> bool:
    """Whether a date from a page, sitemap or feed falls before a crawl window.

    A bare date (``2026-11-22``, common in sitemap ``<lastmod>``) names a
    whole day: it is before the window only if that day ended before the
    window's first day began, so a story from this morning, dated by day,
    stays in a two-hour window. Unknown or unreadable dates are not before.
    """
    if not value:
        return False
    if _DATE_ONLY.fullmatch(value):
        try:
            return date.fromisoformat(value.strip()) < since.astimezone(UTC).date()
        except ValueError:
            return False
    parsed = parse_date(value)
    return parsed is not None and datetime.fromisoformat(parsed) < since
