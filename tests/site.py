"""The local news site the crawl tests run against.

Three generated outlets plus the demo snapshot's two printings of the seed
story, and the bad input a real crawl meets: 404 and 500 pages, a malformed
sitemap, an XML bomb, a non-HTML response, an empty page and a page that
never answers. Dates are relative to the moment the site is built, so the
time window can be tested.

- /planet/ (Daily Planet): robots.txt -> sitemap index -> news sitemap, a
  gzipped sitemap, a truncated sitemap, a garbage sitemap and an XML bomb.
- /herald/ (Metro Herald): an RSS feed and an Atom feed that overlap.
- /courier/ (Coast Courier): listing pages with pagination.
- /zeenews/, /jpost/: the seed story, from the demo snapshot.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from newscrawl.demo.server import Page, snapshot_pages

TOWNS = [
    "Ashford",
    "Brockley",
    "Carrow",
    "Dunmere",
    "Elston",
    "Farley",
    "Greywell",
    "Holbrook",
    "Ivybridge",
    "Jarrow",
    "Kingsmead",
    "Linton",
    "Marden",
    "Northam",
    "Oakley",
    "Pelham",
]
TOPICS = [
    ("bus depot", "expand the depot and add twelve electric buses"),
    ("swimming pool", "reopen the pool after a year of repairs to its roof"),
    ("flood defences", "raise the river wall by half a metre along the quay"),
    ("school meals", "offer free breakfasts in every primary school"),
    ("market square", "close the square to traffic on Saturdays"),
    ("cycle lanes", "build a protected lane along the main road"),
    ("housing estate", "approve four hundred homes on the old airfield"),
    ("night buses", "run buses every half hour after midnight"),
]
PEOPLE = ["Helen Marsh", "David Okoro", "Sofia Brandt", "Liam Doyle", "Grace Tan", "Omar Haddad"]


@dataclass
class Story:
    outlet: str
    path: str
    title: str
    published: datetime
    author: str
    section: str
    paragraphs: list[str]
    tags: list[str] = field(default_factory=list)

    @property
    def url_path(self) -> str:
        return f"/{self.outlet}/{self.path}"


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "wi", "zu"]


def ward_name(number: int) -> str:
    """A made-up ward name unique to ``number``: every story's sentences differ
    in words, not only in digits, as real articles do (cleaning learns lines an
    outlet repeats, ignoring digits)."""
    return "".join(SYLLABLES[int(digit)] for digit in str(number)).capitalize() + "dale"


def make_story(outlet: str, number: int, published: datetime) -> Story:
    town = TOWNS[number % len(TOWNS)]
    ward = ward_name(number)
    topic, plan = TOPICS[number % len(TOPICS)]
    person = PEOPLE[number % len(PEOPLE)]
    votes = 20 + number
    paragraphs = [
        f"{town} council voted {votes} to {number % 7 + 3} on Tuesday night to {plan}, "
        f"ending months of argument over the {topic} that had divided residents of {ward}.",
        f"Council leader {person} said the decision, the {number + 1}th of its kind this year, "
        f"would cost about {number + 2} million pounds over three years, paid for partly by a "
        f"grant from the regional transport fund and partly by the {ward} improvement levy.",
        f'"People in {town} and {ward} have waited long enough," {person.split()[0]} told the '
        f'meeting. "We listened to every objection and changed the plans {number % 4 + 2} times."',
        f"Opposition members from {ward} said the scheme for the {topic} was rushed and asked "
        f"for an independent review of its costs before contracts are signed in the spring.",
        f"Work in {ward} is due to start in {['March', 'April', 'May', 'June'][number % 4]} and "
        f"the council expects it to take {number % 9 + 6} months to finish.",
    ]
    slug = f"{town.lower()}-council-backs-{topic.replace(' ', '-')}-plan-{number}"
    return Story(
        outlet=outlet,
        path=f"{published:%Y/%m}/{slug}.html",
        title=f"{town} council backs {topic} plan after long debate",
        published=published,
        author=person,
        section="Local",
        paragraphs=paragraphs,
        tags=[town, topic.title()],
    )


OUTLET_NAMES = {"planet": "Daily Planet", "herald": "Metro Herald", "courier": "Coast Courier"}


def article_html(story: Story) -> str:
    name = OUTLET_NAMES[story.outlet]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": story.published.isoformat(timespec="seconds"),
        "author": [{"@type": "Person", "name": story.author}],
        "articleSection": story.section,
        "keywords": story.tags,
        "publisher": {"@type": "Organization", "name": name},
    }
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs[:3])
    rest = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs[3:])
    title = html.escape(story.title)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} | {name}</title>
<link rel="canonical" href="{{BASE}}{story.url_path}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{name}">
<meta property="og:title" content="{title}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body>
<div id="cookie-notice" class="cookie-consent"><p>We use cookies to give you the best
experience. By continuing you agree to our cookie policy.</p><button>OK</button></div>
<header><a href="{{BASE}}/{story.outlet}/">{name}</a>
<nav><a href="{{BASE}}/{story.outlet}/news/">News</a>
<a href="{{BASE}}/{story.outlet}/sport/">Sport</a>
<a href="http://localhost:1/elsewhere/another-site-entirely-12345.html">Partner site</a></nav>
</header>
<main><article>
<h1>{title}</h1>
<p class="byline">By <a rel="author" href="{{BASE}}/{story.outlet}/author/x">{story.author}</a></p>
<figure><img src="{{BASE}}/{story.outlet}/img/{story.path}.jpg" alt="">
<figcaption>The council chamber. Photo: Staff photographer</figcaption></figure>
<div class="article-body">
{body}
<div class="newsletter-signup"><p>Sign up to our free morning newsletter and never miss
a story.</p><form><input type="email"><button>Subscribe</button></form></div>
{rest}
</div>
<div class="related-articles"><h3>Related</h3><ul>
<li><a href="{{BASE}}/{story.outlet}/news/">More local news from {name}</a></li></ul></div>
</article></main>
<footer><p>&copy; 2026 {name}</p></footer>
</body>
</html>"""


def news_sitemap(stories: list[Story], extra_urls: list[str] = ()) -> str:
    entries = []
    for story in stories:
        entries.append(f"""<url><loc>{{BASE}}{story.url_path}</loc>
<news:news><news:publication><news:name>{OUTLET_NAMES[story.outlet]}</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>{story.published.isoformat(timespec="seconds")}</news:publication_date>
<news:title>{html.escape(story.title)}</news:title></news:news></url>""")
    entries += [f"<url><loc>{url}</loc></url>" for url in extra_urls]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{"".join(entries)}
</urlset>"""


def rss(stories: list[Story], tracking: str) -> str:
    items = "".join(
        f"""<item><title>{html.escape(s.title)}</title>
<link>{{BASE}}{s.url_path}?utm_source=rss&amp;utm_medium={tracking}</link>
<pubDate>{s.published.strftime("%a, %d %b %Y %H:%M:%S +0000")}</pubDate>
<category>{s.section}</category></item>"""
        for s in stories
    )
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Metro Herald</title>
<link>{{BASE}}/herald/</link>{items}</channel></rss>"""


def atom(stories: list[Story]) -> str:
    entries = "".join(
        f"""<entry><title>{html.escape(s.title)}</title>
<link rel="alternate" type="text/html" href="{{BASE}}{s.url_path}#comments"/>
<id>urn:herald:{s.path}</id><published>{s.published.isoformat()}</published>
<author><name>{s.author}</name></author></entry>"""
        for s in stories
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Metro Herald</title>{entries}</feed>"""


def listing(outlet: str, stories: list[Story], page: int, pages: int) -> str:
    links = "".join(
        f'<li><a href="{{BASE}}{s.url_path}">{html.escape(s.title)}</a></li>' for s in stories
    )
    nxt = (
        f'<a rel="next" href="{{BASE}}/{outlet}/news/page/{page + 1}/">Next</a>'
        if page < pages
        else ""
    )
    return f"""<!DOCTYPE html><html lang="en"><head><title>News - page {page}</title></head>
<body><nav><a href="{{BASE}}/{outlet}/tag/council/">Council</a>
<a href="{{BASE}}/{outlet}/about/">About</a></nav>
<ul class="stories">{links}</ul><div class="pagination">{nxt}</div></body></html>"""


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{BASE}/planet/&lol3;</loc></url></urlset>"""


@dataclass
class TestSite:
    pages: dict[str, Page]
    planet_fresh: list[Story]
    planet_old: list[Story]
    planet_gz: list[Story]
    planet_salvaged: list[Story]
    herald: list[Story]
    courier: list[Story]


def build_site(now: datetime | None = None) -> TestSite:
    now = now or datetime.now(UTC)
    pages = snapshot_pages()
    hours = [timedelta(hours=h) for h in range(1, 200)]

    planet_fresh = [make_story("planet", i, now - hours[i * 3]) for i in range(8)]
    planet_old = [make_story("planet", 100 + i, now - timedelta(days=30 + i)) for i in range(2)]
    planet_gz = [make_story("planet", 200 + i, now - hours[i + 2]) for i in range(2)]
    planet_salvaged = [make_story("planet", 300, now - hours[5])]
    herald = [make_story("herald", 400 + i, now - hours[i]) for i in range(6)]
    courier = [make_story("courier", 500 + i, now - hours[i]) for i in range(7)]
    for story in planet_fresh + planet_old + planet_gz + planet_salvaged + herald + courier:
        pages[story.url_path] = Page(article_html(story).encode())

    bad = {
        "/planet/2026/01/missing-story-returns-not-found-1.html": None,  # 404: not served
        "/planet/2026/01/story-that-breaks-the-server-2.html": Page(b"Internal error", status=500),
        "/planet/2026/01/story-served-as-a-pdf-file-3.html": Page(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "application/pdf"
        ),
        "/planet/2026/01/story-with-an-empty-body-4.html": Page(b""),
        "/planet/2026/01/story-that-never-answers-5.html": Page(b"<html>late</html>", delay=8),
    }
    for path, page in bad.items():
        if page is not None:
            pages[path] = page
    pages["/robots.txt"] = Page(
        b"User-agent: *\nDisallow: /private/\nSitemap: {BASE}/sitemap_index.xml\n", "text/plain"
    )
    index = "".join(
        f"<sitemap><loc>{{BASE}}/planet/{name}</loc></sitemap>"
        for name in (
            "news-sitemap.xml",
            "archive-sitemap.xml.gz",
            "truncated-sitemap.xml",
            "garbage-sitemap.xml",
            "bomb-sitemap.xml",
        )
    )
    pages["/sitemap_index.xml"] = Page(
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{index}</sitemapindex>".encode(),
        "application/xml",
    )
    offsite = "http://localhost:1/planet/2026/01/offsite-story-on-another-host-6.html"
    pages["/planet/news-sitemap.xml"] = Page(
        news_sitemap(planet_fresh + planet_old, ["{BASE}" + p for p in bad] + [offsite]).encode(),
        "application/xml",
    )
    pages["/planet/archive-sitemap.xml.gz"] = Page(
        news_sitemap(planet_gz).encode(), "application/x-gzip", gzip=True
    )
    truncated = news_sitemap(planet_salvaged)
    pages["/planet/truncated-sitemap.xml"] = Page(
        truncated[: truncated.index("</urlset>")].encode() + b"<url><loc>{BASE}/pla",
        "application/xml",
    )
    pages["/planet/garbage-sitemap.xml"] = Page(b"\x00\x01\x02 not xml at all \xff\xfe", "text/xml")
    pages["/planet/bomb-sitemap.xml"] = Page(BILLION_LAUGHS.encode(), "application/xml")

    pages["/herald/rss.xml"] = Page(rss(herald[:5], "feed").encode(), "application/rss+xml")
    pages["/herald/atom.xml"] = Page(atom(herald[3:]).encode(), "application/atom+xml")

    per_page = 3
    chunks = [courier[i : i + per_page] for i in range(0, len(courier), per_page)]
    for number, chunk in enumerate(chunks, start=1):
        path = "/courier/news/" if number == 1 else f"/courier/news/page/{number}/"
        pages[path] = Page(listing("courier", chunk, number, len(chunks)).encode())
    pages["/courier/tag/council/"] = Page(b"<html><body><h1>Council</h1></body></html>")

    return TestSite(pages, planet_fresh, planet_old, planet_gz, planet_salvaged, herald, courier)
