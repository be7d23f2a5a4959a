"""detect_wire: credits in datelines, bylines and sign-offs count; mentions do not."""

from __future__ import annotations

import pytest

from newscrawl.wire import detect_wire, is_agency

BODY = "The central bank left its main rate unchanged on Thursday, officials said."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"OTTAWA, Mar 6 (Reuters) - {BODY}", "Reuters"),
        (f"MOSCOW (AP) \u2014 {BODY}", "AP"),
        (f"(AP) \u2014 {BODY}", "AP"),
        (f"PARIS (AFP) - {BODY}", "AFP"),
        (f"BEIJING, May 2 (Xinhua) -- {BODY}", "Xinhua"),
        (f"MOSCOW, April 9 /ITAR-TASS/. {BODY}", "TASS"),
        (f"MOSCOW, April 9 (Itar-Tass) - {BODY}", "TASS"),
        (f"{BODY}\n\nReporting by Ann Lee; Editing by Tom Ray", "Reuters"),
        (f"{BODY}\n\n(Reporting by Ann Lee; Editing by Tom Ray)", "Reuters"),
        (f"{BODY}\n\n-- Xinhua", "Xinhua"),
        (f"{BODY}\n\nWith inputs from PTI", "PTI"),
        (f"{BODY}\n\nAgencies", "Agencies"),
        (f"{BODY}\n\nIANS", "IANS"),
        (f"{BODY}\n\nBureau Report", "Bureau Report"),
        (f"{BODY}\n\nCopyright 2020 The Associated Press. All rights reserved.", "AP"),
        (f"{BODY}\n\nRead the full story at Reuters.", "Reuters"),
        (f"Headline\n\nBy Staff\n\nLONDON, Jan. 5 (PA) \u2014 {BODY}", "PA"),
        (f"{BODY}\n\n\u2014 dpa", "dpa"),
    ],
)
def test_credits(text, expected):
    assert detect_wire(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY} Moscow is working, state-run Itar-Tass news agency quoted the minister.\n\n"
        "He said so, according to Itar-Tass. More text follows here.",
        f"{BODY} He told Reuters on Monday that talks would go on.\n\nMore text.",
        f"{BODY}\n\n(photo credit: REUTERS/Some Photographer)",
        f"A PA spokesman said the AP and AFP figures were wrong. {BODY}",
        f"WASHINGTON - {BODY}",
        "",
    ],
)
def test_mentions_are_not_credits(text):
    assert detect_wire(text) is None


def test_byline_and_authors():
    assert detect_wire(BODY, byline="By Reuters") == "Reuters"
    assert detect_wire(BODY, byline="Reuters Staff") == "Reuters"
    assert detect_wire(BODY, authors=["AFP"]) == "AFP"
    assert detect_wire(BODY, byline="John Smith", authors=["Jane Doe"]) is None


def test_title_paragraph_is_skipped_before_the_dateline():
    text = f"Rates on hold\n\nFRANKFURT, Jan 3 (dpa) - {BODY}"
    assert detect_wire(text, title="Rates on hold") == "dpa"


def test_a_dateline_in_the_middle_of_a_long_text_is_a_quote():
    long_text = "\n\n".join([BODY] * 50 + ["PARIS (AFP) - quoted."] + [BODY] * 50)
    assert detect_wire(long_text) is None


def test_outlet_credits_are_not_agencies():
    assert is_agency("Reuters") and not is_agency("Bureau Report") and not is_agency(None)


# A page given as one block: the story's sentences, then the credit, then the
# outlet's footer, with no paragraph break anywhere.
_LONG_BLOCK = " ".join([BODY] * 30)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            "Copyright 2005 The Associated Press. All rights reserved. This may not be reprinted.",
            "AP",
        ),
        (
            "Exports rose 36.8 mln Reporting by Ann Lee; Editing by Tom Ray Share this story",
            "Reuters",
        ),
        ('"We are in the same boat." -- dpa Share this article', "dpa"),
        ("Talks resume on Monday. \u2014 AFP", "AFP"),
    ],
)
def test_credits_at_the_end_of_a_long_one_block_text(tail, expected):
    assert len(_LONG_BLOCK) > 1500  # longer than the tail that is read
    assert detect_wire(f"{_LONG_BLOCK} {tail}") == expected


@pytest.mark.parametrize(
    "tail",
    [
        "Talks failed. -- Reuters reported that the minister left early.",
        "He praised the reporting by Ann Lee; editing by Tom Ray was thorough.",
        "Officials said so. Reuters and AFP were not allowed in.",
    ],
)
def test_mentions_at_the_end_of_a_one_block_text_are_not_credits(tail):
    assert detect_wire(f"{_LONG_BLOCK} {tail}") is None


def test_an_agency_writer_who_contributed_is_a_credit():
    text = f"{BODY}\n\nAssociated Press writer Jane Roe contributed to this report."
    assert detect_wire(text) == "AP"
    assert detect_wire(f"{BODY}\n\nJane Roe contributed to this report.") is None
