"""Generated news pages the size and shape of real ones, for the crawl benchmark.

Real article pages weigh 50 to 300 KB, most of it outside the article: inline
scripts and styles, JSON-LD, a mega-menu, ad slots, related and most-read
lists, a newsletter box, share bars, a cookie banner and a long footer, all
inside wrappers nested a dozen levels deep. Every page here is a new story
(its words are drawn afresh), so the syndication index grows as it would on a
day of news; a share of pages reprint an earlier story under another outlet's
template, edited, so that the index also links copies.

Pages are built on request from their number, so a 10,000-page site costs no
memory; the same number always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import random
from datetime import UTC, datetime, timedelta

from newscrawl.demo.server import Page

OUTLETS = (
    ("courier", "The Morning Courier", "en-GB"),
    ("ledger", "Daily Ledger", "en-US"),
    ("tribune", "Harbour Tribune", "en"),
    ("gazette", "Valley Gazette", "en-GB"),
)
# One page in this many reprints an earlier story (edited) under another outlet.
REPRINT_EVERY = 10
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "ga",
    "go",
    "ha",
    "he",
    "hi",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "wa",
    "we",
    "ya",
    "yo",
    "za",
    "ze",
]
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "at",
    "by",
    "from",
    "it",
    "said",
    "an",
    "be",
    "has",
    "his",
    "her",
    "their",
    "which",
    "would",
    "have",
    "after",
    "but",
    "not",
    "this",
    "will",
    "were",
    "had",
    "more",
    "been",
    "over",
    "its",
    "also",
    "they",
]
SECTIONS = ("world", "politics", "business", "science", "sport", "culture", "health", "local")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3, 3, 4)))))
    return sorted(words)


_RNG = random.Random(20261201)
VOCABULARY = _vocabulary(_RNG, 12000)
NAMES = [w.capitalize() for w in _vocabulary(_RNG, 800)]


def _sentence(rng: random.Random, words: int) -> str:
    picked = rng.choices(VOCABULARY, k=words)
    for i in range(0, words, 3):
        picked[i] = rng.choice(FUNCTION_WORDS)
    picked[rng.randrange(words)] = rng.choice(NAMES)
    return " ".join(picked).capitalize() + rng.choice(".......?")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 26)) for _ in range(rng.randint(2, 5)))


def _js_block(rng: random.Random, kilobytes: int) -> str:
    """Minified-looking script: what bundles, tag managers and hydration data weigh."""
    parts = []
    size = 0
    while size < kilobytes * 1024:
        name = rng.choice(VOCABULARY)
        chunk = (
            f"function {name}{rng.randrange(10**6)}(e,t){{var n=e[{rng.randrange(99)}]||{{}};"
            f'return t.push({{id:"{rng.getrandbits(48):x}",k:"{name}",'
            f"v:n.{rng.choice(VOCABULARY)}}}),"
            f"n&&n.length>{rng.randrange(9)}?t:null}}"
        )
        parts.append(chunk)
        size += len(chunk)
    return ";".join(parts)


# Scripts are drawn from a pool built once: building them per page would make
# the server, not the crawler, the bottleneck.
_JS_POOL = {kb: [_js_block(_RNG, kb) for _ in range(24)] for kb in (4, 8, 16, 24, 32, 48)}


def _links(rng: random.Random, base: str, outlet: str, count: int, cls: str) -> str:
    items = []
    for _ in range(count):
        slug = "-".join(rng.choices(VOCABULARY, k=rng.randint(2, 5)))
        text = " ".join(rng.choices(VOCABULARY, k=rng.randint(1, 4))).capitalize()
        items.append(f'<li class="{cls}__item"><a href="{base}/{outlet}/{slug}/">{text}</a></li>')
    return "".join(items)


def _teasers(rng: random.Random, base: str, outlet: str, count: int) -> str:
    cards = []
    for i in range(count):
        headline = _sentence(rng, rng.randint(6, 12)).rstrip(".")
        cards.append(
            f'<div class="teaser-card teaser-card--{i % 3}"><div class="teaser-card__media">'
            f'<img src="{base}/img/t{rng.randrange(10**6)}.jpg" alt="" loading="lazy"></div>'
            f'<div class="teaser-card__body"><span class="kicker">{rng.choice(SECTIONS)}</span>'
            f'<h3 class="teaser-card__title"><a href="{base}/{outlet}/{i}-teaser.html">'
            f"{html.escape(headline)}</a></h3></div></div>"
        )
    return "".join(cards)


def _nest(inner: str, classes: list[str]) -> str:
    for cls in reversed(classes):
        inner = f'<div class="{cls}">{inner}</div>'
    return inner


def _template_parts(slug: str) -> tuple[str, str]:
    """An outlet's menu and footer: the same on every page, as on a real site."""
    rng = random.Random(slug)
    base = "http://127.0.0.1"
    return (
        _links(rng, base, slug, rng.randint(60, 120), "menu"),
        _links(rng, base, slug, rng.randint(80, 160), "foot"),
    )


TEMPLATE_PARTS = {slug: _template_parts(slug) for slug, _, _ in OUTLETS}
# Hydration data repeats other stories' teasers; drawn from a pool for speed.
TEASER_POOL = [_sentence(_RNG, 8) for _ in range(400)]


class Story:
    """One article's words: headline, paragraphs, author, date."""

    def __init__(self, number: int, now: datetime) -> None:
        rng = random.Random(number * 7919 + 17)
        self.number = number
        self.title = _sentence(rng, rng.randint(7, 13)).rstrip(".")
        self.author = f"{rng.choice(NAMES)} {rng.choice(NAMES)}"
        self.published = now - timedelta(minutes=number)
        self.section = rng.choice(SECTIONS)
        self.paragraphs = [_paragraph(rng) for _ in range(rng.randint(8, 24))]
        self.subheads = {rng.randrange(3, len(self.paragraphs)): _sentence(rng, 4).rstrip(".")}


class NewsSite:
    """Builds ``count`` article pages and their news sitemap on request.

    Behaves as the page mapping :class:`newscrawl.demo.server.SiteServer` serves from.
    """

    def __init__(self, count: int, now: datetime | None = None) -> None:
        self.count = count
        self.now = now or datetime.now(UTC)

    def path(self, number: int) -> str:
        outlet = OUTLETS[number % len(OUTLETS)][0]
        return f"/{outlet}/{number // 100:03d}/story-{number}.html"

    def get(self, path: str) -> Page | None:
        if path == "/sitemap.xml":
            return Page(self.sitemap().encode(), "application/xml")
        stem = path.rsplit("/story-", 1)[-1].removesuffix(".html")
        if not stem.isdigit() or int(stem) >= self.count or self.path(int(stem)) != path:
            return None
        return Page(self.article(int(stem)).encode(), template=False)

    def sitemap(self) -> str:
        entries = []
        for number in range(self.count):
            published = (self.now - timedelta(minutes=number)).isoformat(timespec="seconds")
            entries.append(
                f"<url><loc>{{BASE}}{self.path(number)}</loc><news:news><news:publication>"
                f"<news:name>{OUTLETS[number % len(OUTLETS)][1]}</news:name>"
                f"<news:language>en</news:language></news:publication>"
                f"<news:publication_date>{published}</news:publication_date></news:news></url>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(entries)
            + "</urlset>"
        )

    def story(self, number: int) -> Story:
        if number % REPRINT_EVERY == REPRINT_EVERY - 1 and number >= REPRINT_EVERY:
            # A reprint: an earlier story on another outlet, its tail trimmed.
            story = Story(number - REPRINT_EVERY + 2, self.now)
            story.paragraphs = story.paragraphs[: max(4, len(story.paragraphs) - 3)]
            story.published = self.now - timedelta(minutes=number)
            return story
        return Story(number, self.now)

    def article(self, number: int) -> str:
        slug, outlet_name, language = OUTLETS[number % len(OUTLETS)]
        story = self.story(number)
        rng = random.Random(number)
        base = "http://127.0.0.1"
        title = html.escape(story.title)
        published = story.published.isoformat(timespec="seconds")
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "NewsArticle",
                    "headline": story.title,
                    "datePublished": published,
                    "dateModified": published,
                    "author": [{"@type": "Person", "name": story.author}],
                    "articleSection": story.section,
                    "publisher": {"@type": "Organization", "name": outlet_name},
                    "image": [f"{base}/img/{number}.jpg"],
                },
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": 1, "name": story.section}
                    ],
                },
            ],
        }
        body = []
        for i, paragraph in enumerate(story.paragraphs):
            if i in story.subheads:
                body.append(f"<h2>{html.escape(story.subheads[i])}</h2>")
            words = html.escape(paragraph).split(" ")
            at = rng.randrange(len(words))
            words[at] = f'<a href="{base}/{slug}/topic/{rng.choice(VOCABULARY)}/">{words[at]}</a>'
            body.append(f'<p class="article-body__paragraph">{" ".join(words)}</p>')
            if i == 2:
                body.append(
                    '<div class="ad-slot ad-slot--inline" data-ad="mpu"><span>Advertisement</span>'
                    "</div>"
                )
            if i == 5:
                body.append(
                    '<aside class="newsletter-box"><h4>Get the morning briefing</h4><p>Sign up '
                    "for our free newsletter and never miss a story.</p><form><input "
                    'type="email"><button>Sign up</button></form></aside>'
                )
        body.append(
            f'<div class="support-us"><p>{outlet_name} is funded by readers like you. Please '
            "donate today to keep our journalism free for everyone.</p>"
            f'<a class="button" href="{base}/{slug}/donate/">Donate</a></div>'
        )
        article = (
            f'<article class="article article--{story.section}" itemscope '
            'itemtype="https://schema.org/NewsArticle">'
            f'<header class="article__header"><div class="kicker">{story.section}</div>'
            f'<h1 class="article__headline" itemprop="headline">{title}</h1>'
            f'<div class="byline">By <a rel="author" href="{base}/{slug}/author/">'
            f'{html.escape(story.author)}</a> <time datetime="{published}">{published}</time>'
            "</div></header>"
            f'<figure class="article__lead-media"><img src="{base}/img/{number}.jpg" alt="">'
            f"<figcaption>{_sentence(rng, 8)} Photo: Agency</figcaption></figure>"
            '<ul class="share-bar"><li><a href="#">Share on Facebook</a></li>'
            '<li><a href="#">Share on X</a></li><li><a href="#">Email</a></li></ul>'
            f'<div class="article__body" itemprop="articleBody">{"".join(body)}</div>'
            f'<section class="related"><h3>Related stories</h3><ul>'
            f"{_links(rng, base, slug, 6, 'related')}</ul></section></article>"
        )
        main = _nest(
            article,
            [
                "page",
                "page__inner",
                "layout",
                "layout__row",
                "layout__col layout__col--main",
                "content",
                "content__inner",
                "story-wrapper",
                "story-wrapper__inner",
            ],
        )
        scripts = "".join(
            f"<script>{rng.choice(_JS_POOL[kb])}</script>"
            for kb in rng.choices((4, 8, 16, 32), k=rng.randint(2, 6))
        )
        styles = f"<style>{'.c{margin:0;padding:0;color:#222}' * rng.randint(150, 900)}</style>"
        hydration = json.dumps(
            {"props": {"page": {"teasers": rng.sample(TEASER_POOL, rng.randint(20, 120))}}}
        )
        menu, footer = TEMPLATE_PARTS[slug]
        return (
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{title} | {story.section.capitalize()} | {outlet_name}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="canonical" href="{{BASE}}{self.path(number)}">'
            f'<meta property="og:type" content="article">'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="og:site_name" content="{outlet_name}">'
            f'<meta name="author" content="{html.escape(story.author)}">'
            f'<meta property="article:published_time" content="{published}">'
            f"{styles}{scripts}"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            '<div id="onetrust-banner-sdk" class="cookie-banner"><p>We use cookies to improve '
            "your experience. By continuing you accept our cookie policy.</p>"
            "<button>Accept all</button></div>"
            f'<header class="site-header"><a class="logo" href="{base}/{slug}/">{outlet_name}</a>'
            f'<nav class="mega-menu"><ul>{menu}'
            "</ul></nav></header>"
            f'<div class="breadcrumbs"><a href="{base}/{slug}/">Home</a> / {story.section}</div>'
            f"{main}"
            f'<aside class="sidebar"><h3>Most read</h3><ol>{_links(rng, base, slug, 10, "most")}'
            f'</ol><div class="ad-slot" data-ad="sky"></div></aside>'
            f'<section class="more-stories">{_teasers(rng, base, slug, rng.randint(8, 24))}'
            "</section>"
            f'<footer class="site-footer"><ul>{footer}'
            f"</ul><p>&copy; 2026 {outlet_name}</p></footer>"
            f'<script id="__NEXT_DATA__" type="application/json">{hydration}</script>'
            f"<script>{rng.choice(_JS_POOL[rng.choice((8, 24, 48))])}</script></body></html>"
        )
