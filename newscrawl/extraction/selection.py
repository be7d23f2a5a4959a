"""Content selection over the whole page: which blocks are the article.

The pruned tree is read once, element by element. Every block element gets
the text it holds itself (not inside a nested block), how much of it is link
text and its commas; a block with enough text of its own is a *unit* (a
paragraph, a ``div`` used as a paragraph, a live-blog entry...). Units score
their parent and grandparent, as in readability: the best container is the
one holding most prose with the fewest links, weighted by the class and id
vocabulary of article bodies, the ``itemprop="articleBody"`` mark, JSON-LD
``articleBody`` evidence and the position of the headline ``h1``.

One container rarely holds the whole article on today's pages (one wrapper
per paragraph, page-builder text blocks side by side, text beside figures,
the standfirst in the header), so the chosen container then grows: it climbs
to its parent while the parent adds prose and stays prose, taking along the
siblings that read as the article and leaving those that read as teaser
lists, sign-up boxes or a second story. The text classifier drops what
boilerplate is left.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from .content import BLOCK_TAGS, HEADINGS

#: A block needs this many characters of its own text to count as a unit of
#: prose; shorter ones are labels, bylines and buttons. (readability's 25.)
MIN_UNIT_CHARS = 25
#: The same for scripts written without spaces (Chinese, Japanese, Thai),
#: where one character carries about as much as a word of three letters.
MIN_UNIT_CHARS_DENSE = 10
#: How many Latin characters one character of those scripts is worth.
DENSE_SCRIPT_WEIGHT = 3.0
#: A page is in such a script when this share of the characters of its first
#: blocks (SCRIPT_SAMPLE_BLOCKS blocks, SCRIPT_SAMPLE_CHARS each) is: pages
#: mix in Latin names, numbers and markup words, so a third is enough.
DENSE_SCRIPT_SHARE = 0.3
SCRIPT_SAMPLE_BLOCKS = 8
SCRIPT_SAMPLE_CHARS = 200
#: A unit whose own text is more than this share link text is a link, not prose.
UNIT_MAX_LINK_DENSITY = 0.33
#: Class/id weights: article-body words add, boilerplate words subtract (the
#: scale of readability's, where a paragraph is worth 1-5 points).
POSITIVE_WEIGHT = 25.0
NEGATIVE_WEIGHT = -25.0
#: The element named articleBody in microdata is the body: its score is
#: multiplied so that only a much stronger container beats it.
ARTICLE_BODY_FACTOR = 2.0
#: Candidates in the headline's part of the page (from the first h1 to the
#: next) are favoured over an equally dense block elsewhere (a teaser list or
#: a second article appended below).
HEADLINE_FACTOR = 1.3
#: The container holding the headline h1 (and no other) is where most CMSs
#: put the body too; it beats a denser teaser list further down...
HOLDS_HEADLINE_FACTOR = 2.0
#: ...when it holds a paragraph's worth of prose (not just the title box).
HOLDS_HEADLINE_MIN_PROSE = 250
#: Candidates after the next h1 (another story appended below, as infinite
#: scroll pages do) count for this share of their score.
LATER_STORY_FACTOR = 0.2
#: The headline h1 is the first one followed by this share of the page's
#: prose before the next h1 (a logo in an h1 is followed by none).
HEADLINE_MIN_PROSE_SHARE = 0.3
#: Teaser lists ("you may also like") carry several links per item, often
#: on images, so their link text is small: a candidate with more links than
#: this per unit of prose, over at least LISTING_MIN_UNITS units, is a listing...
LISTING_LINKS_PER_UNIT = 3.0
LISTING_MIN_UNITS = 3
#: ...and counts for this share of its score.
LISTING_FACTOR = 0.3
#: JSON-LD articleBody: a unit whose text starts like a stretch of it is
#: evidence; with this share of units in one container, that container is the body.
EVIDENCE_PREFIX = 40
#: Climbing to the parent must add at least this share of the prose held
#: so far, or one unit of this many characters.
CLIMB_MIN_GAIN = 0.15
CLIMB_MIN_UNIT = 120
#: A parent whose text is more than this share link text is a listing page
#: region (home page, teasers), not the article's frame: stop climbing.
CLIMB_MAX_LINK_DENSITY = 0.35
#: A sibling is taken along when at least this share of its text is prose...
SIBLING_MIN_PROSE_SHARE = 0.5
#: ...and its links are fewer than this share of its text.
SIBLING_MAX_LINK_DENSITY = 0.25
#: Teaser lists carry a headline link per item: more links than units, with
#: this much of the text in links, marks a listing even below the density cap.
SIBLING_MAX_LINKS_PER_UNIT = 1.0
SIBLING_LISTING_LINK_DENSITY = 0.1
#: A sibling built like the region (same tag and first class: the next text
#: block of a page builder, the next column of the body) is taken with links
#: up to this share; with the very same class attribute, up to the second.
TWIN_MAX_LINK_DENSITY = 0.2
EXACT_TWIN_MAX_LINK_DENSITY = 0.35
#: Inside the chosen region, containers that are mostly links (related lists,
#: tag clouds) are left out; they must hold this many links to be judged.
REGION_LIST_MIN_LINKS = 3
REGION_LIST_LINK_DENSITY = 0.5
#: Teaser blocks (a linked headline, a one-line summary, a date) are less
#: link-dense; with more than this share of links and units this short on
#: average, a container is a teaser list too. (readability drops any
#: container above 0.2 link density; story paragraphs run longer.)
REGION_TEASER_LINK_DENSITY = 0.2
REGION_TEASER_UNIT_CHARS = 120

_DENSE_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: Commas of every script (readability counts ASCII commas only): the
#: ideographic and full-width commas, the ideographic full stop, the Arabic comma.
_COMMAS = (",", "\u3001", "\uff0c", "\u3002", "\u060c")
_SCORED_TAGS = frozenset({"p", "pre", "td", "blockquote", "div", "section", "article", "dd"})
_SKIPPED_TAGS = frozenset({"li", "dt", "th", "caption", "figcaption", "h1"} | HEADINGS)

_POSITIVE = re.compile(
    r"article|body|content|entry|main|page|post|text|blog|story|prose|richtext|rte|"
    r"artikel|inhalt|contenu|cuerpo|texto|nota|corpo|honbun|paragraph",
    re.I,
)
_NEGATIVE = re.compile(
    r"comment|related|teaser|promo|sidebar|widget|footer|masthead|share|social|newsletter|"
    r"signup|subscribe|bio\b|author|recommend|more-|popular|trending|card|rail|nav|"
    r"factbox|infobox|feedback|survey|tout|sponsor|outbrain|taboola|breadcrumb|"
    r"regist|member|login|signin|premium|paywall|donat|support-?us",
    re.I,
)
#: Standfirst / lead containers: kept beside the body even when short.
_LEAD = re.compile(
    r"(?:^|[\s_-])(?:lead|lede|standfirst|abstract|intro|chapo|chapeau|dek|summary|"
    r"excerpt|teaser-text|subtitle|description|vorspann|entradilla|sumario|bajada)"
    r"(?:$|[\s_-])",
    re.I,
)


@dataclass(slots=True)
class _Stat:
    """Text measured in one block element."""

    el: etree._Element
    order: int
    parent: int  # index of the enclosing block, -1 at the top
    own: int = 0  # characters directly in it
    own_link: int = 0
    commas: int = 0
    total: int = 0  # characters in its whole subtree
    total_link: int = 0
    links: int = 0  # <a> elements in its subtree
    prose: int = 0  # characters of prose units in its subtree
    units: int = 0
    h1: int = 0  # h1 elements in its subtree
    score: float = 0.0
    end: int = 0  # order just past its last descendant block


@dataclass
class Selection:
    """The chosen article: nodes in document order and what was left out."""

    nodes: list[etree._Element] = field(default_factory=list)
    prose: int = 0  # prose characters inside the nodes
    page_prose: int = 0  # prose characters on the whole page
    dropped: list[etree._Element] = field(default_factory=list)


def select(
    root: etree._Element, article_body: str | None = None, title: str | None = None
) -> Selection:
    """The article's nodes in ``root`` (pruned, not changed here).

    ``article_body`` is the page's JSON-LD articleBody, ``title`` its
    og:title or <title>: the h1 that matches it is the headline.
    """
    body = root.find("body")
    if body is None:
        body = root
    stats = _measure(body)
    if not stats:
        return Selection(nodes=[body])
    dense = _dense_script(stats)
    min_unit = MIN_UNIT_CHARS_DENSE if dense else MIN_UNIT_CHARS
    _score(stats, min_unit, dense)
    page_prose = stats[0].prose
    best, evidenced = _best(stats, article_body, min_unit, title)
    if best is None:
        return Selection(nodes=[body], page_prose=page_prose)
    # JSON-LD said which blocks are the article: only a standfirst (which
    # articleBody often leaves out) is added to them.
    nodes, prose = _grow(stats, best, leads_only=evidenced)
    dropped = _link_lists(stats, nodes)
    return Selection(nodes=nodes, prose=prose, page_prose=page_prose, dropped=dropped)


def prose_chars(node: etree._Element) -> int:
    """Characters of prose units in ``node``, 0 for a teaser listing.

    The measure that compares another extractor's choice with ours: a choice
    that is mostly a listing (several links per paragraph) holds no article.
    """
    stats = _measure(node)
    if not stats:
        return 0
    min_unit = MIN_UNIT_CHARS_DENSE if _dense_script(stats) else MIN_UNIT_CHARS
    _score(stats, min_unit, False)
    return 0 if _is_listing(stats[0]) else stats[0].prose


# -- measuring -------------------------------------------------------------------


def _measure(top: etree._Element) -> list[_Stat]:
    """One _Stat per block element under ``top`` (``top`` first), in document order."""
    stats: list[_Stat] = []
    stack: list[_Stat] = []
    link_depth = 0
    for event, el in etree.iterwalk(top, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        is_block = tag in BLOCK_TAGS or el is top
        if event == "start":
            if is_block:
                stat = _Stat(el, len(stats), stack[-1].order if stack else -1)
                stats.append(stat)
                stack.append(stat)
                if tag == "h1":
                    stat.h1 = 1
            elif tag == "a":
                link_depth += 1
                if stack:
                    stack[-1].links += 1
            text = el.text
            if text and stack:
                _add(stack[-1], text, link_depth)
        else:
            if is_block:
                stat = stack.pop()
                stat.end = len(stats)
                stat.total += stat.own
                stat.total_link += stat.own_link
                if stack:
                    up = stack[-1]
                    up.total += stat.total
                    up.total_link += stat.total_link
                    up.links += stat.links
                    up.h1 += stat.h1
            elif tag == "a":
                link_depth -= 1
            tail = el.tail
            if tail and stack and el is not top:
                _add(stack[-1], tail, link_depth)
    return stats


def _add(stat: _Stat, text: str, link_depth: int) -> None:
    length = len(text.strip())
    if not length:
        return
    stat.own += length
    if link_depth:
        stat.own_link += length
    for comma in _COMMAS:
        stat.commas += text.count(comma)


def _dense_script(stats: list[_Stat]) -> bool:
    """Is the page written mostly in a script without spaces?"""
    sample = []
    size = 0
    for stat in stats:
        if stat.own >= MIN_UNIT_CHARS_DENSE:
            sample.append(
                etree.tostring(stat.el, method="text", encoding="unicode", with_tail=False)[
                    :SCRIPT_SAMPLE_CHARS
                ]
            )
            size += 1
            if size >= SCRIPT_SAMPLE_BLOCKS:
                break
    text = "".join(sample)
    return bool(text) and len(_DENSE_SCRIPT.findall(text)) > len(text) * DENSE_SCRIPT_SHARE


# -- scoring ---------------------------------------------------------------------


def _score(stats: list[_Stat], min_unit: int, dense: bool) -> None:
    weight = DENSE_SCRIPT_WEIGHT if dense else 1.0
    for stat in stats:
        if stat.own < min_unit or stat.el.tag in _SKIPPED_TAGS:
            continue
        if stat.own_link > stat.own * UNIT_MAX_LINK_DENSITY:
            continue
        stat.units += 1
        # Every enclosing block holds this prose.
        parent = stat.parent
        stat.prose += stat.own
        while parent >= 0:
            up = stats[parent]
            up.prose += stat.own
            up.units += 1
            parent = up.parent
        value = 1.0 + stat.commas + min(stat.own * weight / 100.0, 3.0)
        if stat.el.tag not in _SCORED_TAGS:
            continue
        parent = _block_parent(stats, stat)
        if parent is not None:
            parent.score += value
            grand = _block_parent(stats, parent)
            if grand is not None:
                grand.score += value / 2.0


def _block_parent(stats: list[_Stat], stat: _Stat) -> _Stat | None:
    return stats[stat.parent] if stat.parent >= 0 else None


@lru_cache(maxsize=16384)
def _class_weight(features: str) -> float:
    weight = 0.0
    if _NEGATIVE.search(features):
        weight += NEGATIVE_WEIGHT
    if _POSITIVE.search(features):
        weight += POSITIVE_WEIGHT
    return weight


def _features(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _best(
    stats: list[_Stat], article_body: str | None, min_unit: int, title: str | None = None
) -> tuple[_Stat | None, bool]:
    """(the best container, whether JSON-LD evidence chose it)."""
    headline = _headline_span(stats, min_unit, title)
    evidence = _evidence(stats, article_body, min_unit) if article_body else None
    best: _Stat | None = None
    best_score = 0.0
    for stat in stats:
        if stat.score <= 0:
            continue
        el = stat.el
        score = stat.score
        features = _features(el)
        if features != " ":
            score += _class_weight(features)
        if el.get("itemprop") == "articleBody":
            score *= ARTICLE_BODY_FACTOR
        if stat.total:
            score *= 1.0 - stat.total_link / stat.total
        if _is_listing(stat):
            score *= LISTING_FACTOR
        if headline is not None:
            start, end = headline
            if stat.end <= end and stat.order < start < stat.end:
                if stat.prose >= HOLDS_HEADLINE_MIN_PROSE:
                    score *= HOLDS_HEADLINE_FACTOR
                else:
                    score *= HEADLINE_FACTOR
            elif stat.end <= end and stat.order >= start:
                score *= HEADLINE_FACTOR
            elif stat.order >= end or (stat.order > start and stat.end > end):
                score *= LATER_STORY_FACTOR  # reaches into the story after it
        if score > best_score:
            best, best_score = stat, score
    if evidence is not None:
        return evidence, True
    return best, False


_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    """Words of a title; characters for scripts without spaces."""
    words = _WORD.findall(text.lower())
    if len(words) <= 2 and _DENSE_SCRIPT.search(text):
        return frozenset(_DENSE_SCRIPT.findall(text))
    return frozenset(words)


def _is_listing(stat: _Stat) -> bool:
    return stat.units >= LISTING_MIN_UNITS and stat.links > stat.units * LISTING_LINKS_PER_UNIT


def _headline_span(
    stats: list[_Stat], min_unit: int, title: str | None = None
) -> tuple[int, int] | None:
    """Document order from the headline h1 to the next h1 (or the end).

    The headline is the h1 that matches the title, else the first h1 that
    prose follows (a logo in an h1 is followed by none).
    """
    h1s = [stat.order for stat in stats if stat.el.tag == "h1"]
    if not h1s:
        return None
    bounds = [*h1s, len(stats)]
    if title:
        wanted = _words(title)
        for index, order in enumerate(h1s):
            words = _words(etree.tostring(stats[order].el, method="text", encoding="unicode"))
            if len(words) >= 2 and (words <= wanted or wanted <= words):
                return bounds[index], bounds[index + 1]
    prose = [0] * len(h1s)
    span = -1
    for stat in stats:
        while span + 1 < len(h1s) and stat.order >= h1s[span + 1]:
            span += 1
        if span >= 0 and stat.own >= min_unit and stat.el.tag not in _SKIPPED_TAGS:
            prose[span] += stat.own
    needed = stats[0].prose * HEADLINE_MIN_PROSE_SHARE
    for index, amount in enumerate(prose):
        if amount >= needed and amount > 0:
            return bounds[index], bounds[index + 1]
    return None


def _evidence(stats: list[_Stat], article_body: str, min_unit: int) -> _Stat | None:
    """The smallest container of the units whose text JSON-LD articleBody holds."""
    wanted = " ".join(article_body.split())
    if len(wanted) < min_unit * 4:
        return None
    found: list[_Stat] = []
    for stat in stats:
        if stat.own < min_unit or stat.el.tag in ("h1",):
            continue
        text = etree.tostring(stat.el, method="text", encoding="unicode", with_tail=False)
        text = " ".join(text.split())[:EVIDENCE_PREFIX]
        if len(text) >= min_unit and text in wanted:
            found.append(stat)
    if len(found) < 2:
        return None
    common = found[0]
    for stat in found[1:]:
        while not _contains(stats, common, stat):
            if common.parent < 0:
                return None
            common = stats[common.parent]
    return common if common.parent >= 0 else None


def _contains(stats: list[_Stat], outer: _Stat, inner: _Stat) -> bool:
    return outer.order <= inner.order < outer.end


# -- growing the region --------------------------------------------------------


def _grow(stats: list[_Stat], best: _Stat, *, leads_only: bool = False) -> tuple[list[_Stat], int]:
    """Climb from ``best`` while the parent adds prose; (nodes, prose chars).

    With ``leads_only``, only standfirst containers are added on the way.
    """
    children: dict[int, list[_Stat]] = {}
    for stat in stats:
        if stat.parent >= 0:
            children.setdefault(stat.parent, []).append(stat)
    chosen: list[_Stat] = [best]
    region = best
    prose = best.prose
    h1_in = best.h1
    framed = False  # the region is an <article> or <main> or sits in one
    while region.parent > 0:  # stats[0] is body: never climb to it
        framed = framed or region.el.tag in ("article", "main")
        parent = stats[region.parent]
        if parent.total and parent.total_link > parent.total * CLIMB_MAX_LINK_DENSITY:
            break
        if framed:
            # Outside the article's own frame only more of the same frame
            # belongs to it (live-blog entries as <article>s); the rest of
            # the page is its surroundings.
            taken = [
                child
                for child in children.get(parent.order, ())
                if child is not region
                and child.el.tag == region.el.tag
                and _is_twin(child, region)
                # an entry with a headline of its own beside ours is another story
                and not (child.h1 and region.h1)
            ]
        elif parent.h1 > max(h1_in, 1):
            # The parent holds another story's headline as well: keep only
            # what lies before the next h1 within it.
            taken = _siblings(stats, children, parent, region, stop_at_h1=True)
        else:
            taken = _siblings(stats, children, parent, region, stop_at_h1=False)
        if leads_only:
            taken = [stat for stat in taken if _is_lead(stat)]
        gain = sum(stat.prose for stat in taken)
        if gain == 0:
            # A bare wrapper: look one level further out.
            chosen.extend(stat for stat in taken if _is_lead(stat) or _is_subheading(stat))
            region = parent
            continue
        if gain < prose * CLIMB_MIN_GAIN and not any(s.prose >= CLIMB_MIN_UNIT for s in taken):
            # Nothing of the article beside it; leads still join.
            chosen.extend(stat for stat in taken if _is_lead(stat))
            if not _is_frame(parent):
                break
            region = parent
            continue
        chosen.extend(taken)
        prose += gain
        if parent.h1 <= 1:  # took at most our own headline's container
            h1_in = max(h1_in, parent.h1)
        region = parent
    chosen.sort(key=lambda stat: stat.order)
    return [stat.el for stat in chosen], prose


def _is_frame(stat: _Stat) -> bool:
    """Wrappers the article body often sits in beside its lead: keep climbing."""
    return stat.el.tag in ("article", "main", "header") or stat.el.get("itemprop") == "articleBody"


def _siblings(
    stats: list[_Stat],
    children: dict[int, list[_Stat]],
    parent: _Stat,
    region: _Stat,
    *,
    stop_at_h1: bool,
) -> list[_Stat]:
    """The children of ``parent`` beside ``region`` that read as the article."""
    taken: list[_Stat] = []
    seen_region = False
    for child in children.get(parent.order, ()):
        if child is region:
            seen_region = True
            continue
        if stop_at_h1 and child.h1 and (seen_region or child.order > region.order):
            break
        if child.h1 and stop_at_h1:
            continue
        if (
            _is_twin(child, region)
            or _is_article_like(child)
            or _is_lead(child)
            or _is_subheading(child)
        ):
            taken.append(child)
    return taken


def _is_twin(stat: _Stat, region: _Stat) -> bool:
    el, model = stat.el, region.el
    if stat.prose == 0 or el.tag != model.tag or _is_listing(stat):
        return False
    mine, theirs = (el.get("class") or "").split(), (model.get("class") or "").split()
    if not mine or not theirs or mine[0] != theirs[0]:
        return False
    cap = EXACT_TWIN_MAX_LINK_DENSITY if mine == theirs else TWIN_MAX_LINK_DENSITY
    return stat.total_link <= stat.total * cap


def _is_article_like(stat: _Stat) -> bool:
    if stat.prose == 0 or not stat.total or _is_listing(stat):
        return False
    if stat.prose < stat.total * SIBLING_MIN_PROSE_SHARE:
        return False
    density = stat.total_link / stat.total
    if density > SIBLING_MAX_LINK_DENSITY:
        return False
    if (
        density > SIBLING_LISTING_LINK_DENSITY
        and stat.units > 1
        and stat.links > stat.units * SIBLING_MAX_LINKS_PER_UNIT
    ):
        return False
    features = _features(stat.el)
    return features == " " or not _NEGATIVE.search(features)


def _is_lead(stat: _Stat) -> bool:
    features = _features(stat.el)
    if features == " " or not _LEAD.search(features):
        return False
    return stat.total > 0 and stat.total_link <= stat.total * SIBLING_MAX_LINK_DENSITY


def _is_subheading(stat: _Stat) -> bool:
    return stat.el.tag in ("h2", "h3", "h4") and 0 < stat.total <= 200 and stat.total_link == 0


def _link_lists(stats: list[_Stat], nodes: list[etree._Element]) -> list[etree._Element]:
    """Containers inside the region that are mostly links: related lists, tag clouds."""
    inside = set(nodes)
    dropped: list[etree._Element] = []
    dropped_orders: list[tuple[int, int]] = []
    by_el = {}
    for stat in stats:
        by_el[stat.el] = stat
    for node in nodes:
        top = by_el.get(node)
        if top is None:
            continue
        for stat in stats[top.order + 1 :]:
            if not _contains(stats, top, stat):
                break
            if any(start <= stat.order < end for start, end in dropped_orders):
                continue
            if stat.el.tag not in ("div", "ul", "ol", "section", "table", "dl"):
                continue
            if stat.links < REGION_LIST_MIN_LINKS or stat.el in inside:
                continue
            density = stat.total_link / stat.total if stat.total else 0.0
            if density > REGION_LIST_LINK_DENSITY or (
                density > REGION_TEASER_LINK_DENSITY
                and stat.prose < stat.units * REGION_TEASER_UNIT_CHARS
            ):
                dropped.append(stat.el)
                dropped_orders.append((stat.order, stat.end))
    return dropped


# -- JSON-LD evidence ----------------------------------------------------------

#: JSON-LD blocks larger than this are not read for articleBody (a page that
#: ships its whole archive as JSON-LD is not worth the parse).
MAX_JSON_LD_CHARS = 500_000
#: articleBody sits at most a few levels down (@graph > item > articleBody).
MAX_JSON_LD_DEPTH = 8


def json_ld_article_body(doc: etree._Element) -> str | None:
    """The longest ``articleBody`` string of the page's JSON-LD, if any."""
    found: list[str] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text
        if not raw or "articleBody" not in raw or len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        _collect_bodies(data, found, 0)
    return max(found, key=len) if found else None


def _collect_bodies(data: object, found: list[str], depth: int) -> None:
    if depth > MAX_JSON_LD_DEPTH:
        return
    if isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str) and body.strip():
            found.append(body)
        for value in data.values():
            if isinstance(value, (dict, list)):
                _collect_bodies(value, found, depth + 1)
    elif isinstance(data, list):
        for value in data:
            _collect_bodies(value, found, depth + 1)
