# ruff: noqa: RUF001 - the typographic quotes and arrows in the patterns are intended
"""Text-level block classifier: what is left inside the article container.

Outlets print calls to action as ordinary paragraphs of the story ("Dear
Reader ...", "Join our Facebook page", "Click for full coverage"), so the
markup cannot tell them apart. This module decides per block from its wording
(the words are in :mod:`newscrawl.vocabulary`, one module per language; the
shapes of the patterns are here), its length, its link density, its position
in the body and whether the outlet repeats it on many pages.

The wording rules look for the reader being addressed (you, your, now, click,
sign up, Sie, vous, tu) together with the subject (cookies, newsletter,
subscription...), not for the subject alone, so a story ABOUT subscriptions
or cookies keeps its text. Blocks that quote someone are only dropped by the
strictest rules, and when the rules would remove most of a body they are
taken back (the page is then probably about that very subject).

Each block's text is cleaned of invisible characters first
(:func:`newscrawl.extraction.normalize.normalize_text`), in place, so the
rules and the article text see the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from newscrawl import vocabulary

from .content import Block
from .normalize import has_invisible, normalize_text
from .repetition import fingerprint

_I = re.I | re.U


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# -- wording -----------------------------------------------------------------
#
# The words live in newscrawl.vocabulary, one module per language; the shapes
# of the patterns (anchors, what comes between the words) live here.

_A = vocabulary.alternation
_N = vocabulary.needles
_P = vocabulary.pattern


def _F(slot: str) -> re.Pattern[str]:
    """A slot's pattern for folded text (see :func:`fold`): no case folding at match time."""
    return vocabulary.pattern(slot, folded=True)


def _rf(pattern: str) -> re.Pattern[str]:
    """A composite pattern for folded text; its words must be written in lower case."""
    return re.compile(pattern, re.U)


AD_LABEL = _F("ad_label")
SHARE_LINE = _F("share_word")
COOKIE = _P("cookie")
COOKIE_NEEDLES = _N("cookie")
EMBED_CONSENT = _P("embed_consent")
EMBED_CONSENT_NEEDLES = _N("embed_consent")
NEWSLETTER_SUBJECT = _P("newsletter_subject")
NEWSLETTER_NEEDLES = _N("newsletter_subject")
SOCIAL_NETWORK = _P("social_network")
SOCIAL_NETWORK_NEEDLES = _N("social_network")
PAYWALL = _P("paywall")
PAYWALL_NEEDLES = _N("paywall")
MEMBER_ONLY = _P("member_only")
MEMBER_ONLY_NEEDLES = _N("member_only")
OFFER = _P("offer")
OFFER_NEEDLES = _N("offer")
READER_VOICE = _P("reader_voice")
DONATION_OPENER = _F("donation_opener")
DONATION = _P("donation")
DONATION_NEEDLES = _N("donation")
DONATION_IMPERATIVE = _F("donation_imperative")
RELATED_LINE = _F("related_line")

CREDIT_INLINE = _rf(
    rf"\((?:{_A('credit_word')})s?(?: credit| courtesy)?\s*:|\b(?:{_A('credit_label')})\b"
)
CREDIT_INLINE_NEEDLES = ("(", *_N("credit_label"))
CREDIT_START = _rf(rf"^\W*(?:{_A('credit_start_word')})(?:\s+(?:{_A('credit_by')}))?\s*[:/|]")
CREDIT_END = _rf(
    rf"(?:[(|/]\s*(?:{_A('credit_word')})s?(?: by)?\s*:?\s*[^()|]{{2,60}}\)?|"
    rf"\b(?:{_A('photo_agency')})\W*)$"
)
CREDIT_END_NEEDLES = ("(", "|", "/", *_N("photo_agency"))
GALLERY_COUNTER = _rf(rf"^\W*(?:{_A('gallery_word')})\s+\d+\s+(?:{_A('of_word')}|/)\s+\d+\W*$")
AGENCY_ONLY = _rf(rf"^\W*(?:{_A('agency')})(?:\s*/\s*[\w .'-]{{1,40}})?\W*$")
CONTRIBUTED = _P("contributed")
CONTRIBUTED_NEEDLES = _N("contributed")
COPYRIGHT = _P("copyright")
COPYRIGHT_NEEDLES = _N("copyright")

BYLINE = re.compile(
    rf"^\W*(?i:{_A('byline_word')}|{_A('byline_label')})\s+"
    r"[A-ZÀ-Ýa-zà-ÿ][\w.'’-]+(?:\s+[\w.'’&-]+){0,7}\W*$",
    re.U,
)
BYLINE_WORD = _rx(rf"^\W*(?:{_A('byline_word')})\b")
DATELINE_LABEL = _F("dateline_label")
READING_TIME = _P("reading_time")
READING_TIME_NEEDLES = _N("reading_time")
_MONTHS = vocabulary.month_alternation()
DATE_ONLY = _rf(
    rf"^\W*(?:(?:{_A('weekday_prefix')})\s+)?"
    rf"(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|(?:\d{{1,2}}\.?\s+(?:(?:{_A('date_glue')})\s+)?"
    rf"(?:{_MONTHS})(?:\s+(?:(?:{_A('date_glue')})\s+)?\d{{4}})?|(?:{_MONTHS})\s+"
    rf"\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?))"
    rf"(?:[,\s|-]+(?:(?:{_A('time_glue')})\s+)?\d{{1,2}}[:.h]\d{{2}}"
    rf"(?:\s*(?:{_A('time_suffix')}))?(?:\s*[a-z]{{2,4}})?)?\W*$"
)
# A published / updated label and a date or time, and nothing else: in any
# position, since no sentence is made of these words alone.
_DATE_TOKEN = (
    rf"\b(?:{vocabulary.month_alternation(spaced=True)}|{_A('weekday_prefix')}|"
    rf"{_A('date_glue')}|{_A('time_glue')}|{_A('time_suffix')}|(?-i:[A-Z]{{2,5}}))\b\.?|"
    rf"{vocabulary.month_alternation(spaced=False)}|{_A('date_word')}|[\d\s/.,:：|()（）+\-–—]"
)
_DATE_MATERIAL = rf"(?=[^\n]*\d)(?:{_DATE_TOKEN})+"
STAMP_LINE = _rx(
    rf"^\W*(?:(?:{_A('stamp_label')})[\s:：]*{_DATE_MATERIAL}[\s|·•,/-]*)+$|"
    rf"^\W*{_DATE_MATERIAL}(?:{_A('stamp_label')})\W*$"
)
BIO = _rx(
    r"^(?:[A-ZÀ-Ý][\w.'’-]+\s+){1,4}"
    rf"(?:{_A('bio_verb')})\s+(?:(?:{_A('bio_article')})\s+)?(?:[\w'’-]+\s+){{0,5}}"
    rf"(?:{_A('bio_role')})\b"
)
ABOUT_HEADING = _P("about_heading")
FOLLOW_AUTHOR = _P("follow_author")
FOLLOW_AUTHOR_NEEDLES = _N("follow_author")
PROMO = _P("promo")
PROMO_NEEDLES = _N("promo")
COMMENTS_LINE = _F("comments_line")
NAVIGATION_LINE = _rf(rf"{_F('navigation_line').pattern}|{_F('tag_label').pattern}")
BREADCRUMB = re.compile(r"^(?:[^>»›|/]{1,30}\s[>»›|/]\s){2,}[^>»›|/]{1,60}$")

QUOTE_ATTRIBUTION = _rf(rf"{_F('quote_mark').pattern}|{_F('quote_attribution').pattern}")
QUOTE_NEEDLES = (*_N("quote_mark"), *_N("quote_attribution"))
SENTENCE_END = re.compile(r"[.!?…\"”»)。！？」]\s*$")
_FP_WORDS = re.compile(r"\w+", re.U)


# -- needles -------------------------------------------------------------------
#
# Searching a dozen alternations over every paragraph was most of the
# classifier's cost. Every match of a gated pattern contains one of its
# needles (lower case), so a substring test on the case-folded text rules
# most paragraphs out before the regex runs and no decision changes
# (tests/test_vocabulary.py and tests/test_extraction_equivalence.py check the
# needles against the patterns). The gated patterns run on the folded text
# without IGNORECASE (see Wording): the same matches, several times faster.

#: Characters that ``re.IGNORECASE`` matches to ASCII letters but
#: ``str.lower`` does not turn into them (dotted and dotless i, long s; the
#: kelvin sign lower-cases to k), and what ``str.lower`` leaves of them.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_UNFOLDED = re.compile("[\u0131\u017f\u0307]")


def fold(text: str) -> str:
    """Lower-case ``text`` so that needle tests agree with ``re.IGNORECASE``."""
    lowered = text.lower()
    if lowered.isascii() or _UNFOLDED.search(lowered) is None:
        return lowered
    return text.translate(_FOLD).lower()


def has_needle(folded: str, needles: tuple[str, ...]) -> bool:
    """Does the folded text contain one of ``needles``?"""
    return any(map(folded.__contains__, needles))


#: Scripts that a Latin, Greek or Cyrillic text never holds: Thai, Hangul,
#: CJK ideographs and kana, full-width forms.
_WIDE = re.compile(
    "[\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)


class Gate:
    """The needles of one pattern, those in wide scripts apart.

    Most blocks hold no Thai, Hangul or CJK character, and for them the
    needles in those scripts cannot be there: they are not looked for.
    """

    __slots__ = ("narrow", "wide")

    def __init__(self, needles: tuple[str, ...]):
        self.narrow = tuple(n for n in needles if _WIDE.search(n) is None)
        self.wide = tuple(n for n in needles if _WIDE.search(n) is not None)

    def passes(self, folded: str, wide_text: bool) -> bool:
        """Can the pattern match ``folded`` (``wide_text``: it holds wide-script characters)?"""
        return has_needle(folded, self.narrow) or (wide_text and has_needle(folded, self.wide))


#: (pattern, needles) pairs: the pattern can only match where a needle is.
GATED = (
    (COOKIE, COOKIE_NEEDLES),
    (NEWSLETTER_SUBJECT, NEWSLETTER_NEEDLES),
    (SOCIAL_NETWORK, SOCIAL_NETWORK_NEEDLES),
    (PAYWALL, PAYWALL_NEEDLES),
    (OFFER, OFFER_NEEDLES),
    (DONATION, DONATION_NEEDLES),
    (CREDIT_INLINE, CREDIT_INLINE_NEEDLES),
    (CREDIT_END, CREDIT_END_NEEDLES),
    (CONTRIBUTED, CONTRIBUTED_NEEDLES),
    (COPYRIGHT, COPYRIGHT_NEEDLES),
    (READING_TIME, READING_TIME_NEEDLES),
    (FOLLOW_AUTHOR, FOLLOW_AUTHOR_NEEDLES),
    (PROMO, PROMO_NEEDLES),
    (QUOTE_ATTRIBUTION, QUOTE_NEEDLES),
    (_P("meta_label"), (":",)),
    (EMBED_CONSENT, EMBED_CONSENT_NEEDLES),
    (MEMBER_ONLY, MEMBER_ONLY_NEEDLES),
)


# Every stamp line holds a match of its label slot, so the label needles gate it
# (tests/test_vocabulary.py checks them against the slot).
STAMP_GATE = Gate(vocabulary.needles("stamp_label"))


class Wording:
    """A vocabulary slot as the classifier matches it: on folded text, gated.

    The pattern runs without ``re.IGNORECASE`` on the folded text (several
    times faster, the same matches), only when one of its needles is there,
    and the part for scripts without spaces only on blocks that hold such
    characters.
    """

    __slots__ = ("gate", "spaced", "unspaced")

    def __init__(self, slot: str):
        gated = vocabulary.SLOTS[slot].gated
        self.gate = Gate(vocabulary.needles(slot)) if gated else None
        self.spaced = vocabulary.pattern(slot, spaced=True, folded=True)
        self.unspaced = vocabulary.pattern(slot, spaced=False, folded=True)

    def search(self, folded: str, wide_text: bool) -> bool:
        """Does the slot's wording occur in ``folded`` (see :meth:`Gate.passes`)?"""
        gate = self.gate
        if (gate is None or has_needle(folded, gate.narrow)) and self.spaced.search(
            folded
        ) is not None:
            return True
        if not wide_text:
            return False
        if gate is not None and not has_needle(folded, gate.wide):
            return False
        return self.unspaced.search(folded) is not None


W_COOKIE = Wording("cookie")
W_EMBED_CONSENT = Wording("embed_consent")
W_NEWSLETTER_SUBJECT = Wording("newsletter_subject")
W_NEWSLETTER_ACTION = Wording("newsletter_action")
W_PAYWALL = Wording("paywall")
W_MEMBER_ONLY = Wording("member_only")
W_OFFER = Wording("offer")
W_PRICE = Wording("price")
W_DONATION = Wording("donation")
W_FIRST_PERSON_PLURAL = Wording("first_person_plural")
W_DONATION_WEAK = Wording("donation_weak")
W_SOCIAL_NETWORK = Wording("social_network")
W_SOCIAL_ACTION = Wording("social_action")
W_SOCIAL_VOICE = Wording("social_voice")
W_PROMO = Wording("promo")
W_COPYRIGHT = Wording("copyright")
W_READING_TIME = Wording("reading_time")
W_FOLLOW_AUTHOR = Wording("follow_author")
W_CONTRIBUTED = Wording("contributed")
W_META_LABEL = vocabulary.pattern("meta_label", folded=True)
# Whole-line labels: searched, their pattern is anchored at the start.
W_EMBED_LABEL = Wording("embed_label")
W_MEMBER_LABEL = Wording("member_label")


def is_quoted(text: str, folded: str) -> bool:
    """Does the block quote or attribute speech?"""
    return has_needle(folded, QUOTE_NEEDLES) and bool(QUOTE_ATTRIBUTION.search(folded))


@dataclass(slots=True)
class Decision:
    kind: str
    rule: str


@dataclass
class Context:
    title: str | None = None
    authors: Sequence[str] = ()
    disabled_kinds: Collection[str] = ()
    repeated: Collection[int | str] = ()


def _norm(text: str) -> str:
    return " ".join(_FP_WORDS.findall(text.lower()))


# -- thresholds --------------------------------------------------------------
#
# Lengths are in characters of the block's text. Each rule only looks at
# blocks up to its limit: boilerplate is short, and a long block that matches
# a rule's words is prose that happens to use them.

#: A label ("Advertisement", "Anzeige", "会員限定") is a word or three.
LABEL_CHARS = 60
#: A comments link with its count ("12 Comments", "Kommentare (4)").
COMMENTS_LINE_CHARS = 80
#: A share bar, a date or reading-time line: one line of a narrow column.
LINE_CHARS = 120
#: A published / updated line with two dates ("Publicado ... | Actualizado ...").
STAMP_LINE_CHARS = 160
#: The headline repeated in the body is one heading, not a paragraph.
TITLE_CHARS = 300
#: The headline repeats within the first blocks of the body only.
TITLE_MAX_INDEX = 2
#: Consent notices are a few sentences of legal wording; longer text that
#: names cookies is a story about them, and quoting makes it reporting.
COOKIE_CHARS = 700
COOKIE_QUOTED_CHARS = 200
#: A placeholder for an embed awaiting consent: a sentence or two and a button.
EMBED_CONSENT_CHARS = 300
#: A donation letter opening "Dear reader" runs to several sentences.
DONATION_LETTER_CHARS = 1500
#: A sign-up box: one or two sentences and a button label.
NEWSLETTER_CHARS = 400
#: A paywall notice, with its log-in line.
PAYWALL_CHARS = 600
#: A members-only notice is a sentence or two and a button.
MEMBER_ONLY_CHARS = 300
#: An offer or a donation appeal: a short paragraph with a price or a button.
OFFER_CHARS = 500
DONATION_CHARS = 500
#: A follow-us line, a podcast or app plug.
SOCIAL_CHARS = 400
PROMO_CHARS = 300
#: A read-more line carries one headline.
RELATED_LINE_CHARS = 160
#: Photo credits: a caption with its credit, a credit line, a caption's tail.
CREDIT_INLINE_CHARS = 400
CREDIT_LINE_CHARS = 160
CREDIT_END_CHARS = 200
#: A copyright line, a navigation line, a metadata line.
COPYRIGHT_CHARS = 400
NAVIGATION_CHARS = 200
META_LINE_CHARS = 300
#: A byline is a name or two; an author's name repeated is one line.
BYLINE_CHARS = 100
AUTHOR_LINE_CHARS = 120
#: Author names repeat in the first blocks only (under the headline).
AUTHOR_MAX_INDEX = 4
#: A bio is a short paragraph at the end; contributor lines are one sentence.
BIO_CHARS = 600
CONTRIBUTED_CHARS = 250
#: Bylines and "Published" lines sit within this many blocks of either end.
EDGE_BLOCKS = 3
#: Bios sit in the last blocks; an "About the author" heading in the second
#: half, within the last dozen blocks (a bio box can hold several).
BIO_LAST_BLOCKS = 4
ABOUT_LAST_BLOCKS = 12
ABOUT_MIN_SHARE = 0.5
#: Blocks of this many words or more that end like a sentence are prose.
SENTENCE_WORDS = 8
#: Short all-link lines are teasers or menus, from this share of link text.
LINK_LINE_DENSITY = 0.8
#: Continuation of a run: signatures ("Thank you,"), later paragraphs of a
#: donation letter, list items, a bio's paragraphs, a navigation line's links.
RUN_SIGNATURE_CHARS = 80
RUN_DONATION_CHARS = 900
RUN_LIST_CHARS = 400
RUN_BIO_CHARS = 1500
RUN_NAVIGATION_CHARS = 400
RUN_NAVIGATION_LINK_DENSITY = 0.5
RUN_RELATED_LINK_DENSITY = 0.5
RUN_RELATED_LINK_CHARS = 250
RUN_RELATED_CHARS = 150
#: A related-line heading longer than this is a headline, not a list heading.
RUN_OPENER_RELATED_CHARS = 60
#: A navigation line opens a run only when it is a heading ("Tags:").
RUN_OPENER_NAVIGATION_CHARS = 25
#: A run stops after this many blocks: a box is never a whole story.
MAX_RUN = 25
#: The rules are taken back when they would remove more than this share of a
#: body that would keep less than KEEP_ENOUGH_CHARS: such a page is about the
#: very subject (a story about cookies), a real page has one or two boxes.
MAX_REMOVED_SHARE = 0.5
KEEP_ENOUGH_CHARS = 1500
#: The longest block a rule with wording in wide scripts (Japanese, Chinese,
#: Korean, Thai) looks at: longer blocks need not be scanned for those scripts.
WIDE_WORDING_CHARS = max(LABEL_CHARS, STAMP_LINE_CHARS, MEMBER_ONLY_CHARS)


# -- single-block rules ------------------------------------------------------


def _is_sentence(text: str, words: int) -> bool:
    return words >= SENTENCE_WORDS and bool(SENTENCE_END.search(text))


def _wording(
    block: Block,
    index: int,
    count: int,
    ctx: Context,
    quoted: Callable[[], bool],
    folded: str,
    wide: bool,
) -> Decision | None:
    """The kind of one block from its own text, or None for article text.

    ``quoted()`` tells whether the block quotes someone; it is asked last,
    only of blocks a rule would otherwise drop. ``folded`` is the text
    folded (:func:`fold`), ``wide`` whether it holds wide-script characters.
    """
    text = block.text
    length = len(text)
    if length <= LABEL_CHARS and AD_LABEL.match(folded):
        return Decision("ad", "text:ad-label")
    if length <= LINE_CHARS and SHARE_LINE.match(folded):
        return Decision("share", "text:share-line")
    if length <= COMMENTS_LINE_CHARS and COMMENTS_LINE.match(folded):
        return Decision("comments", "text:comments-line")
    if block.tag == "h1" and index <= TITLE_MAX_INDEX:
        return Decision("title", "text:h1")
    if (
        ctx.title
        and index <= TITLE_MAX_INDEX
        and length <= TITLE_CHARS
        and _norm(text) == _norm(ctx.title)
    ):
        return Decision("title", "text:title-repeated")
    if (
        length <= COOKIE_CHARS
        and W_COOKIE.search(folded, wide)
        and not (length > COOKIE_QUOTED_CHARS and quoted())
    ):
        return Decision("cookie", "text:cookie-notice")
    if length <= LABEL_CHARS and W_EMBED_LABEL.search(folded, wide):
        return Decision("cookie", "text:embed-label")
    if length <= EMBED_CONSENT_CHARS and W_EMBED_CONSENT.search(folded, wide) and not quoted():
        return Decision("cookie", "text:embed-consent")
    if length <= DONATION_LETTER_CHARS and DONATION_OPENER.match(folded):
        return Decision("donation", "text:dear-reader")
    if (
        length <= NEWSLETTER_CHARS
        and W_NEWSLETTER_SUBJECT.search(folded, wide)
        and W_NEWSLETTER_ACTION.search(folded, wide)
        and not quoted()
    ):
        return Decision("newsletter", "text:newsletter")
    if length <= PAYWALL_CHARS and W_PAYWALL.search(folded, wide) and not quoted():
        return Decision("subscription", "text:paywall")
    if length <= LABEL_CHARS and W_MEMBER_LABEL.search(folded, wide):
        return Decision("subscription", "text:member-label")
    if length <= MEMBER_ONLY_CHARS and W_MEMBER_ONLY.search(folded, wide) and not quoted():
        return Decision("subscription", "text:member-only")
    if (
        length <= OFFER_CHARS
        and W_OFFER.search(folded, wide)
        and W_PRICE.search(folded, wide)
        and READER_VOICE.search(text)
        and not quoted()
    ):
        return Decision("subscription", "text:offer")
    if (
        length <= DONATION_CHARS
        and W_DONATION.search(folded, wide)
        and (
            READER_VOICE.search(text)
            or W_FIRST_PERSON_PLURAL.search(folded, wide)
            # "Become a supporter from just 5 euros a month": the imperative
            # or the price addresses the reader without a "you".
            or DONATION_IMPERATIVE.match(folded)
            or W_PRICE.search(folded, wide)
        )
        and not quoted()
    ):
        return Decision("donation", "text:appeal")
    if (
        length <= SOCIAL_CHARS
        and W_SOCIAL_NETWORK.search(folded, wide)
        and W_SOCIAL_ACTION.search(folded, wide)
        and W_SOCIAL_VOICE.search(folded, wide)
        and not quoted()
    ):
        return Decision("social", "text:social-cta")
    if length <= PROMO_CHARS and W_PROMO.search(folded, wide) and not quoted():
        return Decision("promo", "text:own-product")
    if length <= RELATED_LINE_CHARS and RELATED_LINE.match(folded):
        return Decision("related", "text:related-line")
    if (
        length <= CREDIT_INLINE_CHARS
        and has_needle(folded, CREDIT_INLINE_NEEDLES)
        and CREDIT_INLINE.search(folded)
    ):
        return Decision("caption", "text:photo-credit")
    if length <= LABEL_CHARS and (GALLERY_COUNTER.match(folded) or AGENCY_ONLY.match(folded)):
        return Decision("caption", "text:credit-only")
    if length <= CREDIT_LINE_CHARS and CREDIT_START.match(folded):
        return Decision("caption", "text:credit-line")
    if (
        length <= CREDIT_END_CHARS
        and has_needle(folded, CREDIT_END_NEEDLES)
        and not _is_sentence(text, text.count(" ") + 1)
        and CREDIT_END.search(folded)
    ):
        return Decision("caption", "text:credit-end")
    if length <= COPYRIGHT_CHARS and W_COPYRIGHT.search(folded, wide):
        return Decision("navigation", "text:copyright")
    if length <= NAVIGATION_CHARS and (NAVIGATION_LINE.match(folded) or BREADCRUMB.match(text)):
        return Decision("navigation", "text:navigation-line")
    edge = index <= EDGE_BLOCKS or index >= count - EDGE_BLOCKS
    if length <= LINE_CHARS and (
        DATE_ONLY.match(folded) or (length <= LABEL_CHARS and W_READING_TIME.search(folded, wide))
    ):
        return Decision("byline", "text:date-line")
    if (
        length <= STAMP_LINE_CHARS
        and _HAS_DIGIT.search(text)
        and STAMP_GATE.passes(folded, wide)
        and STAMP_LINE.match(text)
    ):
        return Decision("byline", "text:stamp-line")
    if edge and length <= BYLINE_CHARS and BYLINE.match(text) and BYLINE_WORD.match(text):
        return Decision("byline", "text:byline")
    if (
        edge
        and length <= STAMP_LINE_CHARS
        and DATELINE_LABEL.match(folded)
        and not _is_sentence(text, SENTENCE_WORDS + 1)
    ):
        return Decision("byline", "text:published-line")
    if length <= META_LINE_CHARS and ":" in text and len(W_META_LABEL.findall(folded)) >= 2:
        return Decision("byline", "text:meta-line")
    if ctx.authors and length <= AUTHOR_LINE_CHARS and index <= AUTHOR_MAX_INDEX:
        normalised = _norm(text)
        for author in ctx.authors:
            name = _norm(author)
            if name and (normalised == name or normalised in (f"by {name}", f"von {name}")):
                return Decision("byline", "text:author-name")
    if (
        length <= LABEL_CHARS
        and index >= count * ABOUT_MIN_SHARE
        and index >= count - ABOUT_LAST_BLOCKS
        and ABOUT_HEADING.match(text)
    ):
        return Decision("bio", "text:about-heading")
    if (
        index >= count - BIO_LAST_BLOCKS
        and length <= BIO_CHARS
        and (BIO.match(text) or W_FOLLOW_AUTHOR.search(folded, wide))
    ):
        return Decision("bio", "text:author-bio")
    if (
        index >= count - EDGE_BLOCKS
        and length <= CONTRIBUTED_CHARS
        and W_CONTRIBUTED.search(folded, wide)
    ):
        return Decision("byline", "text:contributors")
    return None


_HAS_DIGIT = re.compile(r"\d")


def _link_line(block: Block) -> Decision | None:
    """Short lines that are all link and no sentence: teasers and menus."""
    text = block.text
    if block.link_density < LINK_LINE_DENSITY or len(text) > RELATED_LINE_CHARS or block.is_heading:
        return None
    if _is_sentence(text, text.count(" ") + 1):
        return None
    return Decision("related", "text:link-line")


# -- runs ----------------------------------------------------------------------


def _continues_run(kind: str, block: Block, opener_list: int) -> bool:
    """Does this block belong to the appeal or list a dropped opener started?"""
    text = block.text
    length = len(text)
    if block.list_id and (block.list_id == opener_list or block.tag == "li"):
        return length <= RUN_LIST_CHARS
    if kind == "donation" or kind == "subscription":
        if length <= RUN_SIGNATURE_CHARS and not _is_sentence(text, text.count(" ") + 1):
            return True  # "Thank you,", the signatures
        return (
            length <= RUN_DONATION_CHARS
            and W_DONATION_WEAK.search(fold(text), _WIDE.search(text) is not None)
            and not is_quoted(text, fold(text))
        )
    if kind == "bio":
        return length <= RUN_BIO_CHARS and not is_quoted(text, fold(text))
    if kind == "navigation":
        return length <= RUN_NAVIGATION_CHARS and (
            text.count(",") >= 2 or block.link_density >= RUN_NAVIGATION_LINK_DENSITY
        )
    if kind == "related":
        if block.link_density >= RUN_RELATED_LINK_DENSITY and length <= RUN_RELATED_LINK_CHARS:
            return True
        if length <= LABEL_CHARS and DATE_ONLY.match(fold(text)):
            return True
        return length <= RUN_RELATED_CHARS and not _is_sentence(text, text.count(" ") + 1)
    return False


_RUN_OPENERS = {
    "text:dear-reader",
    "text:appeal",
    "text:offer",
    "text:paywall",
    "text:related-line",
    "text:about-heading",
    "text:navigation-line",
}

#: Removals that never apply to prose, kept when the rules are taken back.
_SAFE_RULES = {
    "text:ad-label",
    "text:share-line",
    "text:h1",
    "text:title-repeated",
    "text:comments-line",
    "text:date-line",
    "text:stamp-line",
    "text:embed-label",
    "text:member-label",
    "text:invisible",
}


# -- the classifier ------------------------------------------------------------


def _normalize(block: Block) -> Decision | None:
    """Strip invisible characters from the block's text (in place).

    The wording rules and the article text then see the same words. A block
    made of nothing but such characters is dropped and keeps its text, so the
    record shows what was there.
    """
    cleaned = normalize_text(block.text)
    if cleaned is block.text:
        return None
    if not cleaned:
        return Decision("hidden", "text:invisible")
    block.text = cleaned
    return None


def classify(
    blocks: Sequence[Block], ctx: Context, fingerprints: Sequence[int] | None = None
) -> list[Decision | None]:
    """One decision per block: None keeps it, a Decision drops it.

    The blocks' text is normalised in place first (see :func:`_normalize`).
    ``fingerprints``, when given, hold each block's :func:`fingerprint` (the
    caller made them for the outlet memory), so they are not computed twice;
    normalising the text does not change them, as fingerprint() normalises.
    A ValueError says when there are not as many fingerprints as blocks.
    """
    disabled = ctx.disabled_kinds
    count = len(blocks)
    if fingerprints is not None and len(fingerprints) != count:
        raise ValueError(f"{len(fingerprints)} fingerprints for {count} blocks")
    decisions: list[Decision | None] = [None] * count
    repeated = ctx.repeated
    run_kind: str | None = None
    run_list = 0
    run_left = 0
    for index, block in enumerate(blocks):
        if has_invisible(block.text):
            invisible = _normalize(block)
            if invisible is not None:
                decisions[index] = invisible
                continue
        if run_kind is not None and run_left > 0:
            if _continues_run(run_kind, block, run_list):
                decisions[index] = Decision(run_kind, f"text:{run_kind}-run")
                run_left -= 1
                continue
            run_kind = None
        folded = fold(block.text)

        def quoted(block: Block = block, folded: str = folded) -> bool:
            return block.in_quote or is_quoted(block.text, folded)

        text = block.text
        # Only the rules for short blocks have wording in wide scripts.
        wide = (
            len(text) <= WIDE_WORDING_CHARS
            and not text.isascii()
            and _WIDE.search(text) is not None
        )
        decision = _wording(block, index, count, ctx, quoted, folded, wide)
        if (decision is None and block.tag == "li") or (
            decision is None and len(block.text) <= RELATED_LINE_CHARS
        ):
            decision = _link_line(block) if decision is None else decision
        if decision is None and repeated:
            fp = fingerprint(block.text) if fingerprints is None else fingerprints[index]
            if fp in repeated:
                decision = Decision("repeated", "text:outlet-repeated")
        if decision is not None and decision.kind in disabled:
            decision = None
        decisions[index] = decision
        if decision is not None and decision.rule in _RUN_OPENERS:
            opens = decision.kind in ("donation", "related", "bio") or block.text.rstrip().endswith(
                ":"
            )
            if decision.rule == "text:related-line" and len(block.text) > RUN_OPENER_RELATED_CHARS:
                opens = False
            if decision.rule == "text:navigation-line":
                opens = len(block.text) <= RUN_OPENER_NAVIGATION_CHARS
            if opens:
                run_kind = decision.kind
                run_left = MAX_RUN
                nxt = blocks[index + 1] if index + 1 < count else None
                run_list = nxt.list_id if nxt is not None else 0
    return _keep_the_article(blocks, decisions)


def _keep_the_article(
    blocks: Sequence[Block], decisions: list[Decision | None]
) -> list[Decision | None]:
    """Take the wording rules back when they would eat most of the story.

    A body that is mostly about cookies or subscriptions trips the rules on
    many of its paragraphs; a real page carries one or two such blocks.
    """
    total = sum(len(block.text) for block in blocks)
    removed = sum(
        len(block.text) for block, dec in zip(blocks, decisions, strict=True) if dec is not None
    )
    if total == 0 or removed <= total * MAX_REMOVED_SHARE:
        return decisions
    kept_after = total - removed
    if kept_after >= KEEP_ENOUGH_CHARS:
        return decisions
    # Keep only the removals that never apply to prose.
    return [dec if dec is not None and dec.rule in _SAFE_RULES else None for dec in decisions]
