"""Every slot the wording rules fill, with the pattern around it.

The alternation of all languages replaces ``{}``. A template without anchors or
``\\b`` of its own (``(?:{})``) takes fragments that carry their own.
"""

# ruff: noqa: RUF001 - the en dash is intended

from __future__ import annotations

from ._model import Slot

SLOTS: dict[str, Slot] = {
    # -- whole-line labels ---------------------------------------------------
    "ad_label": Slot(r"^\W*(?:{})\W*$", "an advertising label that is the whole line"),
    "share_word": Slot(
        r"^(?:(?:{})[\s|,/·•:-]*)+$", "the words of a share bar; the line holds nothing else"
    ),
    "comments_line": Slot(
        r"^\W*(?:\d+\s+)?(?:{})\W*(?:\d+)?\W*$", "a comments link or call, the whole line"
    ),
    "related_line": Slot(r"^\W*(?:{})", "the opening of a related / read-more line"),
    "navigation_line": Slot(r"^\W*(?:{})", "the opening of a navigation line"),
    "tag_label": Slot(r"^\W*(?:{})(?:\s*:|\s*$)", "the label of a tag list"),
    "embed_label": Slot(
        r"^\W*(?:{})(?:\s*(?::|-|–|\b(?:von|from|de|di|da|van|aus|by)\b)\s*[\w.-]+)?\W*$",
        "the label of an embed placeholder, alone on its line ('Externer Inhalt')",
    ),
    "member_label": Slot(r"^\W*(?:{})\W*$", "a members-only label that is the whole line"),
    "about_heading": Slot(r"^\W*(?:{})\W*$", "the heading of an author box"),
    "donation_opener": Slot(r"^\W*(?:{})\b", "the salutation a donation letter opens with"),
    "dateline_label": Slot(
        r"^\W*(?:{})\b", "a published / updated label opening a line (scripts with spaces)"
    ),
    "stamp_label": Slot(
        r"(?:{})", "a published / updated label beside a date and nothing else, in any script", True
    ),
    # -- calls to action, searched anywhere in a block ------------------------
    "cookie": Slot(r"\b(?:{})", "a cookie or consent notice addressed to the reader", True),
    "embed_consent": Slot(
        r"\b(?:{})", "a placeholder asking consent to load an embedded post or video", True
    ),
    "newsletter_subject": Slot(r"\b(?:{})\b", "the word for a newsletter", True),
    "newsletter_action": Slot(r"\b(?:{})", "signing up for something"),
    "social_network": Slot(r"\b(?:{})\b", "a social network's name", True),
    "social_action": Slot(r"\b(?:{})\b", "following or joining"),
    "social_voice": Slot(r"@\w|\b(?:{})\b", "the outlet speaking of itself or its page"),
    "paywall": Slot(r"\b(?:{})", "a paywall's call to subscribe or log in", True),
    "member_only": Slot(
        r"\b(?:{})", "a notice that the story is for members or subscribers only", True
    ),
    "price": Slot(r"(?:{})", "a price or a billing period"),
    "offer": Slot(r"\b(?:{})\b", "what a subscription offer sells", True),
    "reader_voice": Slot(r"\b(?:{})\b", "the reader addressed (you, Sie, vous, tú)"),
    "donation": Slot(r"\b(?:{})", "a donation or membership appeal", True),
    "donation_imperative": Slot(
        r"^\W*(?:{})\b", "an appeal that opens with the imperative (the reader is addressed)"
    ),
    "first_person_plural": Slot(r"\b(?:{})\b", "the outlet's we / us / our"),
    "donation_weak": Slot(r"(?:{})", "the vocabulary of a donation letter's later paragraphs"),
    "promo": Slot(r"\b(?:{})\b", "promotion of the outlet's own app, podcast or shop", True),
    "follow_author": Slot(r"(?:{})", "how to contact or follow the author", True),
    "contributed": Slot(r"(?:{})", "who contributed reporting", True),
    "copyright": Slot(r"(?:{})", "a copyright line", True),
    "reading_time": Slot(r"\b(?:{})\b", "a reading-time label", True),
    "quote_mark": Slot(r"(?:{})", "quotation marks", True),
    "quote_attribution": Slot(r"\b(?:{})\b", "verbs of speech", True),
    "meta_label": Slot(r"\b(?:{})\b\s*:", "a label of a metadata line (Published:, Tags:)"),
    # -- words that composite patterns in the classifier put together ---------
    "credit_word": Slot(r"(?:{})", "photo / image / credit"),
    "credit_label": Slot(r"\b(?:{})\b", "a photo-credit label", True),
    "credit_start_word": Slot(r"(?:{})", "a word a credit line opens with"),
    "credit_by": Slot(r"(?:{})", "'by' after a credit word"),
    "photo_agency": Slot(r"\b(?:{})", "a picture agency named at the end of a caption", True),
    "agency": Slot(r"(?:{})", "a news or picture agency named alone"),
    "gallery_word": Slot(r"(?:{})", "image / slide in a gallery counter"),
    "of_word": Slot(r"(?:{})", "'of' in 'image 3 of 12'"),
    "byline_word": Slot(r"(?:{})", "'by' opening a byline"),
    "byline_label": Slot(r"(?:{})", "other words opening a byline (Text:)"),
    "bio_verb": Slot(r"(?:{})", "the verb of an author bio ('is', 'arbeitet als')"),
    "bio_article": Slot(r"(?:{})", "the article before the author's role"),
    "bio_role": Slot(r"(?:{})", "an author's role: reporter, Redakteurin, periodista"),
    "weekday_prefix": Slot(r"(?:{})", "a weekday before a date"),
    "date_glue": Slot(r"(?:{})", "a word between day and month ('de')"),
    "time_glue": Slot(r"(?:{})", "a word before a time ('at', 'um', 'a las')"),
    "time_suffix": Slot(r"(?:{})", "a word after a time ('uhr', 'h')"),
    "date_word": Slot(
        r"(?:{})", "other words inside a written date or time: era, clock, script date marks"
    ),
}
