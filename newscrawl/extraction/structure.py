"""Structure-based pruning: drop boilerplate by what the markup says it is.

Runs before content selection so that it scores a cleaner tree. Decisions
come from the tag (nav, aside, form, figcaption...), from the ``hidden``
attribute and inline styles, and from the words in class, id, role,
aria-label and a few data attributes.

Attribute values are split into words (on punctuation and camelCase) and only
whole words, or a word and its neighbour written together, are matched, so
``timeshare-story`` or ``sharedContent`` are not share bars. Containers that
hold several long paragraphs are kept whatever their class says (WordPress
puts ``tag-share`` or ``comments-open`` on the post itself), as are html, body,
main and article elements, every ancestor of the article body, any element
holding most of the page's visible text (whatever its class or hidden mark)
and paragraphs of prose under a paywall class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from lxml import etree

from .content import BLOCK_TAGS as _BLOCK_TAGS

#: Dropped without a record: they hold no reader-visible text.
SILENT_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "link",
        "meta",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "video",
        "audio",
        "map",
    }
)

#: Tags that are boilerplate wherever they are.
TAG_KINDS = {
    "nav": "navigation",
    "aside": "sidebar",
    "figcaption": "caption",
    "menu": "navigation",
}

ROLE_KINDS = {
    "navigation": "navigation",
    "menu": "navigation",
    "menubar": "navigation",
    "banner": "navigation",
    "contentinfo": "navigation",
    "complementary": "sidebar",
    "search": "form",
    "alertdialog": "cookie",
}

#: Words (and two neighbouring words written together) in class/id/aria-label.
WORD_KINDS: dict[str, str] = {}
for _kind, _words in {
    "cookie": "cookie cookies cookiebanner cookiebar cookienotice cookieconsent consent gdpr "
    "onetrust didomi usercentrics cookiebot cookielaw",
    "share": "share sharing shares sharebar sharebox sharetools sharethis addthis shariff "
    "sharelinks sharebuttons socialshare sharebutton shareicons",
    "social": "social socials sociallinks followus socialmedia socialbar socialicons",
    "newsletter": "newsletter newsletters newslettersignup newsletterbox optin emailsignup",
    "subscription": "paywall paywalled regwall subscribe subscription subscriptions upsell "
    "subscribebox subscriptionbox",
    "related": "related relatedarticles relatedposts relatedstories relatedlinks relatedcontent "
    "recommended recommendations recirculation recirc mostread mostpopular mostviewed popular "
    "trending readmore readalso morestories morenews alsoread youmaylike",
    "ad": "ad ads advert adverts advertisement advertising adslot adunit adcontainer adwrapper "
    "adbox adsense adsbygoogle dfp sponsored sponsor outbrain taboola admark adlabel",
    "comments": "comment comments disqus commentlist commentform respond",
    "navigation": "nav navbar navigation menu menubar breadcrumb breadcrumbs pagination pager "
    "skiplink skiplinks masthead taglist tags toolbar siteheader sitefooter footer "
    "sitenav topnav subnav megamenu",
    "caption": "caption captions figcaption credit credits photocredit imagecredit",
    "bio": "bio authorbio authorbox authorinfo aboutauthor authorcard biography",
    "byline": "byline bylines postmeta entrymeta articlemeta timestamp publishdate dateline",
    "hidden": "sronly visuallyhidden screenreadertext screenreaderonly offscreen "
    "elementinvisible elementhidden tooltip tooltips popover rollover",
    "promo": "promo promos promotion promobox appdownload appbanner",
    "donation": "donate donatebox donation donations donationbox supportus supportbox "
    "supporterbox becomesupporter",
    "sidebar": "sidebar rightrail siderail",
}.items():
    for _word in _words.split():
        WORD_KINDS[_word] = _kind

#: Words that cancel a match on their neighbour: "comments-open", "no-ads".
NEGATING_WORDS = frozenset(
    {"open", "closed", "count", "no", "has", "with", "enabled", "disabled", "allowed"}
)

#: Kinds whose elements are short by nature; longer matches are not dropped.
SHORT_KINDS = {"byline": 400, "caption": 600, "share": 800, "social": 800}

NEVER_DROP_TAGS = frozenset({"html", "body", "main", "article", "head"})

#: Tags judged by the tag itself; other elements only by their attributes.
_TAGS_WITH_RULES = SILENT_TAGS | TAG_KINDS.keys() | {"header", "footer", "form", "dialog"}

_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_DISPLAY_NONE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)
_EMBED_CLASS = re.compile(r"twitter|tweet|instagram|tiktok|facebook|social-embed", re.I)
_SKIPPED_CLASS_PREFIXES = ("tag-", "category-", "topic-", "section-", "tags-")
_ATTRIBUTES = ("class", "id", "aria-label", "data-component", "data-module", "data-testid")
_LONG_PARAGRAPH = 120
#: An element holding at least this share of the page's visible text is the
#: page's article or its frame, whatever its class or hidden mark says: a
#: wrapper classed "…-ad" or "sidebar-…", the body that streamed server
#: rendering or a metered paywall ships hidden but present.
MASS_SHARE = 0.5
#: ...provided the page has that much text to speak of (a short page's one
#: cookie box can hold half of it).
MASS_MIN_CHARS = 500
#: Kinds that say "this is boilerplate however long" only for short elements;
#: paragraphs whose text is present are not boilerplate because a paywall
#: class marks them (some publishers mark every metered paragraph so).
_PRESENT_TEXT_KINDS = frozenset({"subscription", "hidden"})
#: A paragraph this long is a sentence of the story, not a "subscribe" label.
PRESENT_TEXT_MIN_CHARS = 60
_TEXT_RECORD_LIMIT = 500

Recorder = Callable[[str, str, str], None]


def attribute_words(value: str) -> list[str]:
    """Lower-case words of an attribute value, camelCase split."""
    value = _CAMEL.sub(r"\1 \2", value).lower()
    return [word for word in _WORD_SPLIT.split(value) if word]


def kind_from_words(words: list[str]) -> str | None:
    """The boilerplate kind named by these words, if any."""
    previous = ""
    for index, word in enumerate(words):
        kind = WORD_KINDS.get(word)
        joined = previous + word if previous else ""
        if kind is None and joined:
            kind = WORD_KINDS.get(joined)
        if kind is not None:
            following = words[index + 1] if index + 1 < len(words) else ""
            if previous not in NEGATING_WORDS and following not in NEGATING_WORDS:
                return kind
        previous = word
    return None


def element_kind(el: etree._Element) -> tuple[str, str] | None:
    """(kind, rule) for an element whose attributes name it as boilerplate."""
    names = el.keys()
    if not names or _RULED_ATTRIBUTES.isdisjoint(names):
        return None  # links, images and the like: href, src, alt say nothing
    if "hidden" in names:
        return "hidden", "structure:hidden-attribute"
    # Reading an attribute the element lacks costs lxml a search of its
    # attributes; the list of names (one or two) says which to read.
    style = el.get("style") if "style" in names else None
    if style and _DISPLAY_NONE.search(style):
        return "hidden", "structure:display-none"
    role = el.get("role") if "role" in names else None
    if role:
        kind = ROLE_KINDS.get(role.strip().lower())
        if kind is not None:
            return kind, f"structure:role={role.strip().lower()}"
    for name in _ATTRIBUTES:
        if name not in names:
            continue
        value = el.get(name)
        if not value:
            continue
        kind = _class_kind(value) if name == "class" else _value_kind(value)
        if kind is not None:
            return kind, _ATTRIBUTE_RULES[name]
    return None


_ATTRIBUTE_RULES = {name: f"structure:{name}" for name in _ATTRIBUTES}
_RULED_ATTRIBUTES = frozenset({"hidden", "style", "role", *_ATTRIBUTES})


# Pages repeat the same class and id values on many elements, and an outlet's
# pages repeat them across pages: split and match each value once.
@lru_cache(maxsize=16384)
def _value_kind(value: str) -> str | None:
    return kind_from_words(attribute_words(value))


@lru_cache(maxsize=16384)
def _class_kind(value: str) -> str | None:
    kept = " ".join(
        part for part in value.split() if not part.lower().startswith(_SKIPPED_CLASS_PREFIXES)
    )
    return kind_from_words(attribute_words(kept))


def _has_long_paragraphs(el: etree._Element, needed: int = 2) -> bool:
    found = 0
    for p in el.iter("p"):
        if len(p.text_content()) >= _LONG_PARAGRAPH:
            found += 1
            if found >= needed:
                return True
    return False


def _short_enough(el: etree._Element, kind: str) -> bool:
    limit = SHORT_KINDS.get(kind)
    return limit is None or len(el.text_content()) <= limit


_TEXT_BREAKS = frozenset({*_BLOCK_TAGS, "br", "img"})


def spaced_text(el: etree._Element, limit: int | None = None) -> str:
    """The text of ``el`` with a space wherever a block ends, whitespace collapsed.

    ``text_content()`` glues the text of neighbouring blocks ("Related" +
    "River festival..." becomes "RelatedRiver festival..."); inline elements
    still join without a space, as a reader sees them. With ``limit``, the walk
    stops once the text is longer than that, and what comes back is a prefix
    of the whole text: a removed mega-menu or footer is recorded by its first
    few hundred characters, and walking all of it cost more than cleaning the
    article.
    """
    parts: list[str] = []
    append = parts.append
    gathered = 0
    # Raw characters gathered before the text is collapsed to compare with
    # ``limit``; None without one (the walk then collects everything).
    check_at = limit
    breaks = _TEXT_BREAKS
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag
        if event == "start":
            if tag in breaks:
                append(" ")
            text = node.text
            if text and isinstance(tag, str):
                append(text)
                gathered += len(text)
        else:
            if tag in breaks:
                append(" ")
            if node is not el:
                tail = node.tail
                if tail:
                    append(tail)
                    gathered += len(tail)
        if check_at is not None and gathered > check_at:
            # The collapsed text so far is a prefix of the collapsed whole:
            # once it is past the limit, the rest cannot change the record.
            raw = "".join(parts)
            text = " ".join(raw.split())
            if len(text) > limit:
                return text
            parts = [text, " " if raw[-1:].isspace() else ""]
            append = parts.append
            gathered = len(text)
            # Markup whitespace inflates the raw count: collapse again only
            # after some more text, so this runs a few times at most.
            check_at = max(limit, gathered + 64)
    return " ".join("".join(parts).split())


def removed_text(el: etree._Element) -> str:
    """What a removal record keeps of ``el``: its spaced text, clipped."""
    return _cut(spaced_text(el, _TEXT_RECORD_LIMIT))  # whitespace collapsed


def clip(text: str) -> str:
    """What a removal record keeps of a text: whitespace collapsed, clipped."""
    return _cut(" ".join(text.split()))


def _cut(text: str) -> str:
    """A collapsed text cut to a record's length, an ellipsis marking the cut."""
    if len(text) > _TEXT_RECORD_LIMIT:
        return text[: _TEXT_RECORD_LIMIT - 1] + "…"
    return text


def prune(
    root: etree._Element,
    record: Recorder,
    *,
    disabled_kinds: Collection[str] = (),
    protected: Collection[etree._Element] = (),
    elements: list[etree._Element] | None = None,
) -> None:
    """Drop boilerplate elements from ``root`` in place, recording each with text.

    ``protected`` elements (the article body and its ancestors) are never
    dropped by attribute heuristics. ``elements`` may be ``list(root.iter())``
    made by the caller just before (it is read, not changed).
    """
    if elements is None:
        elements = list(root.iter())
    index = 0
    total = len(elements)
    protected = set(protected)
    mass = _visible_chars(root)
    mass_floor = mass * MASS_SHARE if mass >= MASS_MIN_CHARS else None
    while index < total:
        el = elements[index]
        index += 1
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
            continue
        if tag not in _TAGS_WITH_RULES and not el.attrib:
            continue  # most elements: nothing in the markup says what they are
        decision = _decide(el, tag, protected, disabled_kinds)
        if decision is None:
            continue
        kind, rule = decision
        if (
            rule.startswith(_ATTRIBUTE_RULE_PREFIX)
            and mass_floor is not None
            and _holds_the_article(el, kind, mass_floor)
        ):
            continue
        if el.getparent() is None:
            continue
        # Skip the dropped element's descendants: they follow it in document order.
        # (list() drains the iterator in C; their Python objects exist already.)
        index += len(list(el.iterdescendants()))
        if kind:
            text = removed_text(el)
            if text:
                record(kind, text, rule)
        el.drop_tree()


_ATTRIBUTE_RULE_PREFIX = (
    "structure:class",
    "structure:id",
    "structure:hidden",
    "structure:display",
    "structure:aria",
    "structure:data",
    "structure:role",
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")


def _visible_chars(el: etree._Element) -> int:
    """Characters of text a reader could see in ``el`` (scripts and styles aside).

    Whitespace between tags counts too; the share this is compared with is
    taken of the page measured the same way.
    """
    if el.tag == "html":
        body = el.find("body")
        el = body if body is not None else el
    chars = len(el.text_content())
    for hidden in el.iter(*_INVISIBLE_TAGS):
        chars -= len(hidden.text_content())
    return chars


def _holds_the_article(el: etree._Element, kind: str, mass_floor: float) -> bool:
    """Does ``el`` hold most of the page's text, or is it a paragraph of prose?"""
    if (
        kind in _PRESENT_TEXT_KINDS
        and el.tag == "p"
        and len(el.text_content()) >= PRESENT_TEXT_MIN_CHARS
    ):
        return True
    # text_content() bounds the visible text from above, cheaply.
    return len(el.text_content()) >= mass_floor and _visible_chars(el) >= mass_floor


def _decide(el, tag, protected, disabled_kinds) -> tuple[str, str] | None:
    if tag in SILENT_TAGS:
        if tag == "meta" or tag == "link":
            return ("", "") if el.getparent() is not None and el.getparent().tag != "head" else None
        return "", ""
    if tag == "blockquote":
        _unmask_embed(el)
    if tag in NEVER_DROP_TAGS:
        return None
    if el in protected:
        return _hidden(el) if "hidden" not in disabled_kinds else None
    kind = TAG_KINDS.get(tag)
    if kind is not None:
        if kind in disabled_kinds:
            return None
        if tag == "aside" and _has_long_paragraphs(el, 3):
            return None
        return kind, f"structure:<{tag}>"
    if tag in ("header", "footer"):
        if "navigation" in disabled_kinds:
            return None
        if tag == "header" and (el.find(".//h1") is not None or _inside(el, ("article", "main"))):
            return None
        if _has_long_paragraphs(el, 2):
            return None
        return "navigation", f"structure:<{tag}>"
    if tag == "form":
        if "form" in disabled_kinds or _has_long_paragraphs(el, 2):
            return None
        return "form", "structure:<form>"
    if tag == "dialog":
        return None if "promo" in disabled_kinds else ("promo", "structure:<dialog>")
    decision = element_kind(el)
    if decision is None:
        return None
    kind = decision[0]
    if kind in disabled_kinds or not _short_enough(el, kind):
        return None
    if kind == "hidden":
        return decision
    if _has_long_paragraphs(el, 2 if kind != "comments" else 4):
        return None
    return decision


def _hidden(el: etree._Element) -> tuple[str, str] | None:
    if "hidden" in el.attrib:
        return "hidden", "structure:hidden-attribute"
    style = el.get("style")
    if style and _DISPLAY_NONE.search(style):
        return "hidden", "structure:display-none"
    return None


def _unmask_embed(el: etree._Element) -> None:
    """Embedded posts (tweets, Instagram) quoted in a story are part of it, but
    readability-lxml (the second opinion) discards anything whose class says
    twitter or tweet."""
    cls = el.get("class")
    if cls and _EMBED_CLASS.search(cls):
        el.set("class", "embedded-post")


def _inside(el: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in el.iterancestors())
