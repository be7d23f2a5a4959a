"""parse_date and parse_since on the date shapes pages, feeds and users write."""

# Dates in other scripts on purpose: Arabic-Indic digits, Cyrillic zone names.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extraction.dates import parse_date, parse_since


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO 8601 and its common deviations
        ("2012-04-09T12:24:00Z", "2012-04-09T12:24:00+00:00"),
        ("2012-04-09T12:24:00+05:30", "2012-04-09T12:24:00+05:30"),
        ("2012-04-09T12:24:00-0400", "2012-04-09T12:24:00-04:00"),
        ("2012-04-09T12:24:00.123456789Z", "2012-04-09T12:24:00+00:00"),
        ("2012-04-09T12:24:00.000+01:00", "2012-04-09T12:24:00+01:00"),
        ("2012-04-09 12:24:00", "2012-04-09T12:24:00+00:00"),
        ("2012-04-09 12:24:00 +0200", "2012-04-09T12:24:00+02:00"),
        ("2012-04-09T12:24:00 UTC", "2012-04-09T12:24:00+00:00"),
        ("2012-04-09T12:24:00-05:00 EST", "2012-04-09T12:24:00-05:00"),
        ("2012-04-09t12:24:00z", "2012-04-09T12:24:00+00:00"),
        ("2012-04-09", "2012-04-09T00:00:00+00:00"),
        ("2012-4-9", "2012-04-09T00:00:00+00:00"),
        ("2012/04/09 12:24", "2012-04-09T12:24:00+00:00"),
        ("20120409", "2012-04-09T00:00:00+00:00"),
        ("  2012-04-09T12:24:00Z\n", "2012-04-09T12:24:00+00:00"),
        # RFC 822 / 1123 as in RSS
        ("Mon, 09 Apr 2012 12:24:00 GMT", "2012-04-09T12:24:00+00:00"),
        ("Mon, 9 Apr 2012 12:24:00 EDT", "2012-04-09T12:24:00-04:00"),
        ("Mon, 09 Apr 2012 12:24:00 +0200", "2012-04-09T12:24:00+02:00"),
        ("09 Apr 2012 12:24 -0000", "2012-04-09T12:24:00+00:00"),
        # epoch seconds and milliseconds
        ("1333974240", "2012-04-09T12:24:00+00:00"),
        ("1333974240000", "2012-04-09T12:24:00+00:00"),
        # human English
        ("April 9, 2012 12:24", "2012-04-09T12:24:00+00:00"),
        ("April 9, 2012 at 12:24 pm", "2012-04-09T12:24:00+00:00"),
        ("Apr. 9, 2012 8:15 a.m. ET", "2012-04-09T08:15:00-05:00"),
        ("Updated: Apr 9, 2012, 12:24 PM IST", "2012-04-09T12:24:00+05:30"),
        ("Published 9 April 2012 | 08:15 BST", "2012-04-09T08:15:00+01:00"),
        ("Monday, April 9, 2012 - 08:15", "2012-04-09T08:15:00+00:00"),
        ("Sept 9, 2012", "2012-09-09T00:00:00+00:00"),
        ("By Jane Doe, April 9, 2012", "2012-04-09T00:00:00+00:00"),
        # numeric, day first with dots and dashes
        ("09.04.2012", "2012-04-09T00:00:00+00:00"),
        ("09.04.2012 12:24", "2012-04-09T12:24:00+00:00"),
        ("09-04-2012", "2012-04-09T00:00:00+00:00"),
        ("04/09/2012", "2012-04-09T00:00:00+00:00"),
        ("13/04/2012", "2012-04-13T00:00:00+00:00"),
        # German, French, Spanish, Italian, Portuguese, Dutch
        ("9. April 2012", "2012-04-09T00:00:00+00:00"),
        ("Montag, 9. April 2012, 12:24 Uhr", "2012-04-09T12:24:00+00:00"),
        ("Stand: 09.03.2012 12:24 Uhr", "2012-03-09T12:24:00+00:00"),
        ("veröffentlicht am 9. März 2012 um 12:24 Uhr", "2012-03-09T12:24:00+00:00"),
        ("Publié le 9 avril 2012 à 12h24", "2012-04-09T12:24:00+00:00"),
        ("lundi 9 février 2012", "2012-02-09T00:00:00+00:00"),
        ("Mis à jour le 9 août 2012", "2012-08-09T00:00:00+00:00"),
        ("9 de abril de 2012", "2012-04-09T00:00:00+00:00"),
        ("Actualizado el 9 de diciembre de 2012 a las 12:24", "2012-12-09T12:24:00+00:00"),
        ("9 settembre 2012", "2012-09-09T00:00:00+00:00"),
        ("9 de março de 2012", "2012-03-09T00:00:00+00:00"),
        ("9 mei 2012", "2012-05-09T00:00:00+00:00"),
    ],
)
def test_formats(value, expected):
    assert parse_date(value) == expected


def test_other_scripts_go_through_dateparser():
    assert parse_date("9 апреля 2012") == "2012-04-09T00:00:00+00:00"


def test_numbers_are_epoch_timestamps():
    assert parse_date(1333974240) == "2012-04-09T12:24:00+00:00"
    assert parse_date(1333974240000) == "2012-04-09T12:24:00+00:00"
    assert parse_date(True) is None


def test_naive_values_take_the_default_time_zone():
    cet = timezone(timedelta(hours=1))
    assert parse_date("2012-04-09 12:24", default_tz=cet) == "2012-04-09T12:24:00+01:00"
    assert parse_date("2012-04-09T12:24:00Z", default_tz=cet) == "2012-04-09T12:24:00+00:00"


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "junk",
        "12",
        "2012",
        "3 hours ago",
        "Page 12 of 2012",
        "Decision 2012",
        "0001-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "0",
        "2012-13-45",
        "2012-04-09T25:00:00",
        "31.02.2012",
        "NaN",
        "x" * 1000,
        "99999999999999999999",
    ],
)
def test_junk_and_placeholders_give_none(value):
    assert parse_date(value) is None


def test_far_future_dates_are_rejected_near_future_kept():
    soon = datetime.now(UTC) + timedelta(hours=20)
    later = datetime.now(UTC) + timedelta(days=30)
    assert parse_date(soon.isoformat()) == soon.replace(microsecond=0).isoformat()
    assert parse_date(later.isoformat()) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_date_never_raises(value):
    result = parse_date(value)
    assert result is None or datetime.fromisoformat(result).tzinfo is not None


@settings(max_examples=100, deadline=None)
@given(st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2025, 1, 1)))
def test_iso_round_trip(moment):
    moment = moment.replace(microsecond=0, tzinfo=UTC)
    assert parse_date(moment.isoformat()) == moment.isoformat()
    assert parse_date(moment.strftime("%a, %d %b %Y %H:%M:%S GMT")) == moment.isoformat()


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2d", NOW - timedelta(days=2)),
        ("12h", NOW - timedelta(hours=12)),
        ("30m", NOW - timedelta(minutes=30)),
        ("1w", NOW - timedelta(weeks=1)),
        ("1d12h", NOW - timedelta(days=1, hours=12)),
        ("90 minutes", NOW - timedelta(minutes=90)),
        ("45s", NOW - timedelta(seconds=45)),
        (" 3 days ", NOW - timedelta(days=3)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20T08:00:00", datetime(2026, 11, 20, 8, tzinfo=UTC)),
        ("2026-11-20T08:00+01:00", datetime(2026, 11, 20, 7, tzinfo=UTC)),
        ("2026-11-20T08:00:00Z", datetime(2026, 11, 20, 8, tzinfo=UTC)),
    ],
)
def test_parse_since(value, expected):
    assert parse_since(value, now=NOW) == expected


def test_parse_since_defaults_to_now():
    before = datetime.now(UTC)
    since = parse_since("1h")
    assert before - timedelta(hours=1, seconds=5) <= since <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("yesterday-ish", "cannot read"),
        ("2x", "cannot read"),
        ("-2d", "cannot read"),
        ("d", "cannot read"),
        ("2d junk", "cannot read"),
        ("20.11.2026", "cannot read"),
        ("2030-01-01", "in the future"),
        ("1000000000w", "too long"),
    ],
)
def test_parse_since_rejects_junk_loudly(value, message):
    with pytest.raises(ValueError, match=message):
        parse_since(value, now=NOW)


def test_published_before_compares_bare_dates_by_day():
    from newscrawl.extraction.dates import published_before

    since = datetime(2026, 11, 22, 18, 40, tzinfo=UTC)
    assert not published_before("2026-11-22", since)
    assert published_before("2026-11-21", since)
    assert published_before("2026-11-22T18:00:00+00:00", since)
    assert not published_before("2026-11-22T19:00:00+00:00", since)
    assert not published_before("Sun, 22 Nov 2026 20:00:00 +0000", since)
    assert not published_before(None, since)
    assert not published_before("not a date", since)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Japanese, Chinese, Korean: year-month-day characters, full-width digits
        ("2026年11月22日 10:30", "2026-11-22T10:30:00"),
        ("2026年11月22日", "2026-11-22T00:00:00"),
        ("２０２６年１１月２２日 午後３時５分", "2026-11-22T15:05:00"),
        ("2026年11月22日(日) 10時30分", "2026-11-22T10:30:00"),
        ("2026年11月22日 10:30 JST", "2026-11-22T10:30:00+09:00"),
        ("2026년 11월 22일 오후 3:05", "2026-11-22T15:05:00"),
        # Spanish, Latvian ("year. gada day. month")
        ("22 de noviembre de 2026", "2026-11-22T00:00:00"),
        ("22 de noviembre de 2026 a las 10:30", "2026-11-22T10:30:00"),
        ("2026. gada 22. novembris", "2026-11-22T00:00:00"),
        ("2026. gada 22. novembris 10:30", "2026-11-22T10:30:00"),
        # Thai: Buddhist-era years and Thai digits
        ("22 พฤศจิกายน 2569", "2026-11-22T00:00:00"),
        ("22 พฤศจิกายน 2569 เวลา 10:30 น.", "2026-11-22T10:30:00"),
        ("๒๒ พฤศจิกายน ๒๕๖๙", "2026-11-22T00:00:00"),
        # Arabic, with Arabic-Indic digits too
        ("الأحد 22 نوفمبر 2026 10:30", "2026-11-22T10:30:00"),
        ("الأحد ٢٢ نوفمبر ٢٠٢٦ ١٠:٣٠", "2026-11-22T10:30:00"),
        # a zone the text names is kept, through dateparser too
        ("22 novembre 2026 10:30 CET", "2026-11-22T10:30:00+01:00"),
        ("22 ноября 2026, 10:30 МСК", "2026-11-22T10:30:00+03:00"),
        ("22 ноября 2026 GMT+3", "2026-11-22T00:00:00+03:00"),
        # a lower-case word at the end is not a zone abbreviation ("pt", "et")
        ("2026年11月22日 10:30 et", "2026-11-22T10:30:00"),
    ],
)
def test_dates_in_other_languages_and_scripts_keep_local_time(value, expected):
    assert parse_date(value, default_tz=None) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-22 10:30", "2026-11-22T10:30:00"),
        ("2026-11-22T10:30:00+09:00", "2026-11-22T10:30:00+09:00"),
        ("Sun, 22 Nov 2026 10:30:00 GMT", "2026-11-22T10:30:00+00:00"),
        # RFC 5322 "-0000": a UTC time whose local zone is not said
        ("Sun, 22 Nov 2026 10:30:00 -0000", "2026-11-22T10:30:00+00:00"),
        (1795343400, "2026-11-22T10:30:00+00:00"),
    ],
)
def test_no_default_zone_means_no_invented_offset(value, expected):
    assert parse_date(value, default_tz=None) == expected


def test_parse_moment_is_naive_exactly_when_the_value_has_no_offset():
    from newscrawl.extraction.dates import parse_moment

    assert parse_moment("2026-11-22 10:30") == datetime(2026, 11, 22, 10, 30)
    aware = parse_moment("2026-11-22T10:30:00.5+09:00")
    assert aware == datetime(2026, 11, 22, 10, 30, tzinfo=timezone(timedelta(hours=9)))
    assert parse_moment("junk") is None
    assert parse_moment("2099-01-01 10:30") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-22T10:30:00+09:00", True),
        ("2026-11-22T10:30:00-04:00", True),
        ("2026-11-22T10:30:00Z", True),
        ("2026-11-22T10:30:00", False),
        ("2026-11-22", False),
        ("", False),
        (None, False),
    ],
)
def test_has_offset(value, expected):
    from newscrawl.extraction.dates import has_offset

    assert has_offset(value) is expected
