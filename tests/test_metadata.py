"""extract_metadata on handwritten pages, one declaration style at a time."""

# The fixtures are non-English text on purpose: typographic quotes, dashes, Cyrillic.
# ruff: noqa: RUF001

from __future__ import annotations

import json

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extraction.metadata import (
    Metadata,
    extract_metadata,
    normalize_language,
    split_authors,
    strip_title_suffix,
)

URL = "https://www.harbourgazette.example/news/2024/03/05/ferry-strike-ends"


def meta_of(html: str, url: str | None = URL) -> Metadata:
    return extract_metadata(lxml.html.document_fromstring(html), url)


NEWS_ARTICLE_JSON_LD = """
<!DOCTYPE html>
<html lang="en-us">
<head>
<title>Ferry strike ends after 12 days | The Harbour Gazette</title>
<meta property="og:title" content="Ferry strike ends after twelve days (OG)">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-05T09:00:00+00:00">
<meta name="author" content="Meta Author">
<link rel="canonical" href="/news/2024/03/05/ferry-strike-ends">
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "NewsArticle",
  "headline": "Ferry strike ends after 12 days",
  "datePublished": "2024-03-05T08:30:00+01:00",
  "dateModified": "2024-03-05T11:02:00+01:00",
  "inLanguage": "en-GB",
  "articleSection": ["Transport", "Local"],
  "keywords": "ferries, strikes, unions",
  "description": "Crews return to work on Wednesday after a pay deal.",
  "author": [
    {"@type": "Person", "name": "Alice Marsh"},
    {"@type": "Person", "name": "Tom O&#39;Neill"}
  ],
  "publisher": {"@type": "Organization", "name": "Harbour Gazette Ltd"},
  "mainEntityOfPage": {"@type": "WebPage",
    "@id": "https://www.harbourgazette.example/news/2024/03/05/ferry-strike-ends"}
}
</script>
</head>
<body><article><h1>Ferry strike ends after 12 days</h1><p>Text.</p></article></body>
</html>
"""


def test_json_ld_news_article_takes_precedence():
    meta = meta_of(NEWS_ARTICLE_JSON_LD)
    assert meta.title == "Ferry strike ends after 12 days"
    assert meta.authors == ["Alice Marsh", "Tom O'Neill"]
    assert meta.published == "2024-03-05T08:30:00+01:00"
    assert meta.modified == "2024-03-05T11:02:00+01:00"
    assert meta.language == "en-GB"
    assert meta.section == "Transport"
    assert meta.tags == ["ferries", "strikes", "unions"]
    assert meta.description == "Crews return to work on Wednesday after a pay deal."
    assert meta.site_name == "The Harbour Gazette"
    assert meta.canonical_url == URL
    assert meta.page_type == "NewsArticle"
    assert meta.is_article is True


YOAST_GRAPH = """
<html lang="en-US"><head>
<title>How we tested 14 e-bikes - Pedal Weekly</title>
<script type="application/ld+json" class="yoast-schema-graph">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"https://pedalweekly.example/#website","name":"Pedal Weekly"},
 {"@type":"WebPage","@id":"https://pedalweekly.example/ebike-test/",
  "url":"https://pedalweekly.example/ebike-test/","name":"How we tested 14 e-bikes - Pedal Weekly"},
 {"@type":"Article","@id":"https://pedalweekly.example/ebike-test/#article",
  "isPartOf":{"@id":"https://pedalweekly.example/ebike-test/"},
  "author":{"@id":"https://pedalweekly.example/#/schema/person/ab12"},
  "headline":"How we tested 14 e-bikes",
  "datePublished":"2023-06-01T07:15:00+00:00",
  "mainEntityOfPage":{"@id":"https://pedalweekly.example/ebike-test/"},
  "articleSection":["Reviews"],
  "inLanguage":"en-US"},
 {"@type":"Person","@id":"https://pedalweekly.example/#/schema/person/ab12",
  "name":"Rosa Lindqvist","url":"https://pedalweekly.example/author/rosa/"}
]}
</script></head><body><p>Body</p></body></html>
"""


def test_graph_with_id_references():
    meta = meta_of(YOAST_GRAPH, "https://pedalweekly.example/ebike-test/")
    assert meta.title == "How we tested 14 e-bikes"
    assert meta.authors == ["Rosa Lindqvist"]
    assert meta.published == "2023-06-01T07:15:00+00:00"
    assert meta.site_name == "Pedal Weekly"
    assert meta.section == "Reviews"
    assert meta.language == "en-US"
    assert meta.page_type == "Article"
    assert meta.is_article is True
    assert meta.canonical_url == "https://pedalweekly.example/ebike-test/"


def test_webpage_main_entity_and_related_articles():
    html = """
    <html><head><script type="application/ld+json">
    [{"@type": "WebPage", "mainEntity": {
        "@type": "ReportageNewsArticle", "headline": "Inside the flood zone",
        "url": "https://news.example/flood-zone", "author": "By Dana Cole and Raj Patel",
        "datePublished": "2024-01-10"}},
     {"@type": "ItemList", "itemListElement": []},
     {"@type": "NewsArticle", "headline": "Related: dam repairs", "author": "Other Writer",
      "url": "https://news.example/dam-repairs", "datePublished": "2023-12-01"}]
    </script></head><body></body></html>
    """
    meta = meta_of(html, "https://news.example/flood-zone")
    assert meta.title == "Inside the flood zone"
    assert meta.authors == ["Dana Cole", "Raj Patel"]
    assert meta.published == "2024-01-10T00:00:00"
    assert meta.page_type == "ReportageNewsArticle"


@pytest.mark.parametrize(
    "script",
    [
        # trailing commas
        '{"@type": "NewsArticle", "headline": "Salvaged headline", '
        '"author": {"name": "Kim Ito",}, "datePublished": "2024-02-02T10:00:00Z",}',
        # wrapped in an HTML comment
        '<!--\n{"@type": "NewsArticle", "headline": "Salvaged headline",'
        ' "author": "Kim Ito", "datePublished": "2024-02-02T10:00:00Z"}\n-->',
        # CDATA wrapper as some CMSs write it
        '//<![CDATA[\n{"@type": "NewsArticle", "headline": "Salvaged headline",'
        ' "author": "Kim Ito", "datePublished": "2024-02-02T10:00:00Z"}\n//]]>',
        # raw control characters and a newline inside strings
        '{"@type": "NewsArticle", "headline": "Salvaged\theadline", "author": "Kim\nIto",'
        ' "datePublished": "2024-02-02T10:00:00Z", "description": "a\x01b"}',
        # two objects in one script
        '{"@type": "Organization", "name": "Org"}\n{"@type": "NewsArticle",'
        ' "headline": "Salvaged headline", "author": "Kim Ito",'
        ' "datePublished": "2024-02-02T10:00:00Z"};',
    ],
)
def test_broken_json_ld_is_salvaged(script):
    html = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        "<body><p>x</p></body></html>"
    )
    meta = meta_of(html)
    assert meta.title == "Salvaged headline"
    assert meta.authors == ["Kim Ito"]
    assert meta.published == "2024-02-02T10:00:00+00:00"


@pytest.mark.parametrize(
    "script",
    ["{not json at all", "", "null", "[1, 2, 3]", '"a string"', '{"@type": 5}', "{" * 5000],
)
def test_hopeless_json_ld_is_skipped_and_other_sources_used(script):
    html = (
        f'<html><head><script type="application/ld+json">{script}</script>'
        '<meta property="og:title" content="From OpenGraph"></head><body></body></html>'
    )
    meta = meta_of(html)
    assert meta.title == "From OpenGraph"


OPENGRAPH_ONLY = """
<html><head>
<title>Council approves budget – Valley Times</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:site_name" content="Valley Times">
<meta property="og:type" content="article">
<meta property="og:url" content="https://valleytimes.example/council-budget">
<meta property="og:locale" content="en_CA">
<meta property="article:published_time" content="2024-05-02T18:00:00-04:00">
<meta property="article:modified_time" content="2024-05-03T09:30:00-04:00">
<meta property="article:section" content="Politics">
<meta property="article:tag" content="council">
<meta property="article:tag" content="budget">
<meta property="article:author" content="https://www.facebook.com/some.reporter">
<meta name="author" content="Lena Brooks">
<meta property="og:description" content="The vote passed 7-2.">
</head><body><p>Body</p></body></html>
"""


def test_opengraph_and_article_properties():
    meta = meta_of(OPENGRAPH_ONLY, "https://valleytimes.example/council-budget?utm_source=x")
    assert meta.title == "Council approves budget"
    assert meta.site_name == "Valley Times"
    assert meta.published == "2024-05-02T18:00:00-04:00"
    assert meta.modified == "2024-05-03T09:30:00-04:00"
    assert meta.section == "Politics"
    assert meta.tags == ["council", "budget"]
    # article:author is a profile URL: skipped, the plain author meta is used.
    assert meta.authors == ["Lena Brooks"]
    assert meta.language == "en-CA"
    assert meta.canonical_url == "https://valleytimes.example/council-budget"
    assert meta.description == "The vote passed 7-2."
    assert meta.page_type == "article"
    assert meta.is_article is True


def test_vendor_meta_tags():
    html = """
    <html><head><title>Tide tables explained</title>
    <meta name="parsely-author" content="Omar Haddad">
    <meta name="parsely-pub-date" content="2022-08-14T06:00:00Z">
    <meta name="parsely-section" content="Science">
    <meta name="parsely-tags" content="oceans,tides">
    <meta name="sailthru.author" content="Someone Else">
    </head><body></body></html>
    """
    meta = meta_of(html)
    assert meta.authors == ["Omar Haddad"]
    assert meta.published == "2022-08-14T06:00:00+00:00"
    assert meta.section == "Science"
    assert meta.tags == ["oceans", "tides"]


def test_dublin_core_and_pubdate_metas():
    html = """
    <html><head>
    <meta name="DC.creator" content="Ines Vidal">
    <meta name="DC.date.issued" content="2021-11-30">
    <meta name="pubdate" content="2020-01-01">
    <meta name="DC.language" content="es">
    </head><body></body></html>
    """
    meta = meta_of(html)
    assert meta.authors == ["Ines Vidal"]
    # pubdate comes before Dublin Core in the preference list.
    assert meta.published == "2020-01-01T00:00:00"
    assert meta.language == "es"


def test_microdata_on_body_elements():
    html = """
    <html><body>
    <article itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Bridge reopens</h1>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <a href="/staff/jo" itemprop="url"><span itemprop="name">Jo Nakamura</span></a>
      </span>
      <time itemprop="datePublished" datetime="2019-07-04T10:00:00+09:00">July 4</time>
      <meta itemprop="dateModified" content="2019-07-05T08:00:00+09:00">
    </article></body></html>
    """
    meta = meta_of(html)
    assert meta.authors == ["Jo Nakamura"]
    assert meta.published == "2019-07-04T10:00:00+09:00"
    assert meta.modified == "2019-07-05T08:00:00+09:00"
    assert meta.is_article is True


def test_time_element_and_byline_in_the_article():
    html = """
    <html><head><title>Storm damage in pictures</title></head><body>
    <nav><time datetime="2030-01-01">Today</time></nav>
    <article>
      <div class="article-byline">By SAM RIVERA and LEE CHUNG, Associated Press</div>
      <p class="meta"><time datetime="2018-10-11T14:05:00-05:00">Oct 11</time></p>
      <p>Body text.</p>
    </article></body></html>
    """
    meta = meta_of(html)
    assert meta.published == "2018-10-11T14:05:00-05:00"
    assert meta.byline == "By SAM RIVERA and LEE CHUNG, Associated Press"
    assert meta.authors == ["Sam Rivera", "Lee Chung"]
    assert meta.wire == "AP"
    assert meta.is_article is None


def test_time_in_a_date_line_counts_but_a_sidebar_time_does_not():
    html = """
    <html><body>
    <aside class="latest"><p><time datetime="2018-10-12T09:00:00Z">9:00</time></p></aside>
    <div class="story-publishing-details"><span class="date">
      <time datetime="2018-10-11T20:28:55+00:00">October 11, 2018</time></span></div>
    </body></html>
    """
    assert meta_of(html).published == "2018-10-11T20:28:55+00:00"
    sidebar_only = """<html><body><aside><time datetime="2018-10-12T09:00:00Z">x</time>
    </aside></body></html>"""
    assert meta_of(sidebar_only).published is None


def test_dates_of_other_page_level_json_ld_types():
    html = """<html><head><script type="application/ld+json">
    [{"@type": "Organization", "name": "Health Site", "foundingDate": "2001-01-01",
      "datePublished": "2001-01-01"},
     {"@type": "MedicalWebPage", "name": "Sleep and memory",
      "datePublished": "2021-09-14T08:00:00.000Z", "dateModified": "2022-01-02T10:00:00Z"}]
    </script></head></html>"""
    meta = meta_of(html)
    assert meta.published == "2021-09-14T08:00:00+00:00"
    assert meta.modified == "2022-01-02T10:00:00+00:00"


def test_fact_check_claim_review_is_an_article():
    html = """<html><head><meta property="og:title" content="Did the mayor ban bicycles?">
    <script type="application/ld+json">{"@type": "ClaimReview",
      "claimReviewed": "The mayor banned bicycles", "datePublished": "2019-11-18T10:15:00+00:00",
      "author": {"@type": "Organization", "name": "Check Desk"},
      "reviewRating": {"@type": "Rating", "alternateName": "False"}}</script>
    </head></html>"""
    meta = meta_of(html)
    assert meta.is_article is True
    assert meta.title == "Did the mayor ban bicycles?"
    assert meta.published == "2019-11-18T10:15:00+00:00"
    assert meta.authors == ["Check Desk"]


def test_nyt_style_byl_meta_is_the_byline():
    html = '<html><head><meta name="byl" content="By Pat Quinn"></head><body></body></html>'
    meta = meta_of(html)
    assert meta.byline == "By Pat Quinn"
    assert meta.authors == ["Pat Quinn"]


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/news/a-story", URL, "https://www.harbourgazette.example/news/a-story"),
        ("a-story", "https://x.example/news/", "https://x.example/news/a-story"),
        ("//cdn.x.example/p", "https://x.example/news/", "https://cdn.x.example/p"),
        ("https://other.example/p", URL, "https://other.example/p"),
        ("javascript:void(0)", URL, None),
        ("mailto:desk@x.example", URL, None),
        ("#top", URL, None),
        ("  ", URL, None),
        ("/relative/only", None, None),
    ],
)
def test_canonical_resolution(href, base, expected):
    html = f'<html><head><link rel="canonical" href="{href}"></head><body></body></html>'
    assert meta_of(html, base).canonical_url == expected


def test_canonical_uses_base_href_and_rel_tokens():
    html = """<html><head><base href="https://mirror.example/section/">
    <link rel="alternate canonical" href="story-1"></head><body></body></html>"""
    assert meta_of(html, URL).canonical_url == "https://mirror.example/section/story-1"


def test_canonical_pointing_at_home_page_from_a_deep_page_is_ignored():
    html = """<html><head><link rel="canonical" href="https://www.harbourgazette.example/">
    <meta property="og:url" content="https://www.harbourgazette.example/news/2024/x">
    </head><body></body></html>"""
    assert meta_of(html).canonical_url == "https://www.harbourgazette.example/news/2024/x"


@pytest.mark.parametrize(
    ("title", "site", "host", "section", "expected"),
    [
        (
            "Ferry strike ends | The Harbour Gazette",
            "The Harbour Gazette",
            None,
            None,
            "Ferry strike ends",
        ),
        (
            "Ferry strike ends - Harbour Gazette",
            "The Harbour Gazette",
            None,
            None,
            "Ferry strike ends",
        ),
        (
            "The Harbour Gazette: Ferry strike ends",
            "The Harbour Gazette",
            None,
            None,
            "Ferry strike ends",
        ),
        (
            "Ferry strike ends | Transport | Gazette",
            "Gazette",
            None,
            "Transport",
            "Ferry strike ends",
        ),
        (
            "Ferry strike ends – harbourgazette.example",
            None,
            "www.harbourgazette.example",
            None,
            "Ferry strike ends",
        ),
        (
            "Ferry strike ends | HARBOURGAZETTE",
            None,
            "harbourgazette.example",
            None,
            "Ferry strike ends",
        ),
        # a dash that belongs to the headline stays
        (
            "Brexit - what happens next",
            "Valley Times",
            "valleytimes.example",
            None,
            "Brexit - what happens next",
        ),
        ("Only a headline", None, None, None, "Only a headline"),
    ],
)
def test_title_suffix_stripping(title, site, host, section, expected):
    assert strip_title_suffix(title, site, host, section) == expected


ZEE_STYLE_PAGE = """<html><head>
<title>{title}</title>
<meta property="og:site_name" content="{site}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>
</head><body><header><h1 class="logo">{site}</h1></header>
<article><h1>{h1}</h1><p>Text.</p></article></body></html>"""


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        # the h1 confirms the headline: every other segment goes, named site or not
        (
            "Ferry strike ends after 12 days | World News | Zee Example",
            "Zee Example",
            "Ferry strike ends after 12 days",
            "Ferry strike ends after 12 days",
        ),
        (
            "Ferry strike ends after 12 days - Regional - Port Courier",
            "Harbour Media Group",
            "Ferry strike ends after 12 days",
            "Ferry strike ends after 12 days",
        ),
        # a site-name prefix, confirmed the same way
        (
            "Port Courier: Ferry strike ends after 12 days",
            "Harbour Media Group",
            "Ferry strike ends after 12 days",
            "Ferry strike ends after 12 days",
        ),
        # a colon inside the headline survives when the h1 has it too
        (
            "Brexit: what happens next for the ports | Zee Example",
            "Zee Example",
            "Brexit: what happens next for the ports",
            "Brexit: what happens next for the ports",
        ),
        # an h1 that is a topic word is not the headline
        (
            "Brexit: what happens next for the ports | Zee Example",
            "Zee Example",
            "Brexit",
            "Brexit: what happens next for the ports",
        ),
        # Japanese with a full-width bar, no spaces
        (
            "東京で大雪、交通機関に乱れ｜ニュース速報｜例新聞",
            "例新聞",
            "東京で大雪、交通機関に乱れ",
            "東京で大雪、交通機関に乱れ",
        ),
    ],
)
def test_title_prefers_the_on_page_headline_that_it_repeats(title, site, h1, expected):
    html = ZEE_STYLE_PAGE.format(title=title, site=site, h1=h1)
    assert meta_of(html, "https://news.example/a/1").title == expected


def test_og_title_confirms_the_headline_too():
    html = """<html><head><title>Ferry strike ends after 12 days | World | Zee Example</title>
    <meta property="og:title" content="Ferry strike ends after 12 days"></head></html>"""
    # og:title is already preferred over <title>; it also cleans a JSON-LD headline.
    ld = """<script type="application/ld+json">{"@type": "NewsArticle",
      "headline": "Ferry strike ends after 12 days | World | Zee Example"}</script>"""
    assert meta_of(html).title == "Ferry strike ends after 12 days"
    assert meta_of(html.replace("</head>", ld + "</head>")).title == (
        "Ferry strike ends after 12 days"
    )


def test_html_title_is_cleaned_with_the_host_when_no_site_name():
    html = "<html><head><title>Ferry strike ends | HarbourGazette</title></head></html>"
    assert meta_of(html).title == "Ferry strike ends"


def test_truncated_json_ld_headline_gives_way_to_the_full_title():
    html = """<html><head>
    <meta property="og:title" content="A very long headline about the harbour ferry strike">
    <script type="application/ld+json">{"@type": "NewsArticle",
      "headline": "A very long headline about the harbour..."}</script>
    </head></html>"""
    assert meta_of(html).title == "A very long headline about the harbour ferry strike"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["By Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe, John Roe & Ann Poe"], ["Jane Doe", "John Roe", "Ann Poe"]),
        (["BY JANE DOE"], ["Jane Doe"]),
        (["Sarah E. Needleman"], ["Sarah E. Needleman"]),
        (["Jane Doe", "jane doe", "John Roe"], ["Jane Doe", "John Roe"]),
        (["Reuters"], ["Reuters"]),
        (["Reuters Staff"], ["Reuters"]),
        (["Reuters, AFP"], ["Reuters", "AFP"]),
        (["Doe, Jane"], ["Doe, Jane"]),
        (["Staff"], []),
        (["admin"], []),
        (["jane.doe@news.example"], []),
        (["https://twitter.com/janedoe"], []),
        (["Jane Doe, Senior Political Correspondent"], ["Jane Doe"]),
        (["By Meg Hart Staff Writer"], ["Meg Hart"]),
        (["By Bill Hoppe | Special to the Valley Times"], ["Bill Hoppe"]),
        (["Jane Doe for The Guardian"], ["Jane Doe"]),
        (["Photo: Jim Lens"], []),
        (["By Umair Khan Updated Nov 13, 2019, 10:28am EST"], ["Umair Khan"]),
        (["March 3, 2020 7:45 am PST by Joe Ross"], ["Joe Ross"]),
        (["Von Anna Müller und Peter Schmidt"], ["Anna Müller", "Peter Schmidt"]),
        (["Par Jean Dupont et Marie Curie"], ["Jean Dupont", "Marie Curie"]),
        (["Por Juan Pérez y María López"], ["Juan Pérez", "María López"]),
        (["", None, "   "], []),
        # Names that end like a date-tail word ("on") stay whole.
        (["Aaron Kliegman"], ["Aaron Kliegman"]),
        (["By Sharon Jones and Jason Simon"], ["Sharon Jones", "Jason Simon"]),
        (["Yaron Steinbuch on March 3, 2020"], ["Yaron Steinbuch"]),
        (["On Kim"], ["On Kim"]),
    ],
)
def test_split_authors(values, expected):
    assert split_authors(values) == expected


def test_json_ld_author_shapes():
    html = """<html><head><script type="application/ld+json">
    {"@type": "BlogPosting", "headline": "h",
     "author": [{"@type": "Organization", "name": "Reuters"},
                {"@type": "Person", "givenName": "Mia", "familyName": "Kowalski"},
                {"@type": "Person", "name": ["Leo Brandt"]},
                "Ana Ruiz"]}
    </script></head></html>"""
    meta = meta_of(html)
    assert meta.authors == ["Mia Kowalski", "Leo Brandt", "Ana Ruiz"]
    assert meta.wire == "Reuters"


@pytest.mark.parametrize(
    ("author", "authors", "wire"),
    [
        ("Reuters", [], "Reuters"),
        ("By AFP", [], "AFP"),
        ("PTI", [], "PTI"),
        ("AP", [], "AP"),
        ("The Associated Press", [], "AP"),
        ("Bureau Report", [], "Bureau Report"),
        ("Reuters Staff", [], "Reuters"),
        ("Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
        ("Jane Doe (AFP)", ["Jane Doe"], "AFP"),
        ("Jane Doe and Associated Press", ["Jane Doe"], "AP"),
        ("Jane Doe", ["Jane Doe"], None),
        # A person whose name starts like an agency is a person.
        ("Antara Ghosh", ["Antara Ghosh"], None),
    ],
)
def test_news_agencies_in_author_fields_are_the_wire_not_authors(author, authors, wire):
    meta = meta_of(f'<html><head><meta name="author" content="{author}"></head></html>')
    assert (meta.authors, meta.wire) == (authors, wire)


def test_agency_author_reaches_the_article_as_wire():
    from newscrawl.pipelines.extraction import extract_page

    body = b"""<html><head><title>Port reopens</title>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Port reopens",
      "author": {"@type": "Organization", "name": "Reuters"}}</script></head>
    <body><article><h1>Port reopens</h1><p>Reuters</p>
    <p>The harbour authority reopened the northern port on Tuesday after a week of repairs
    to the breakwater, letting the first ferries dock before noon.</p>
    <p>Shipping lines said timetables would return to normal within two days, and the
    authority promised to publish a full report on the storm damage next month.</p>
    </article></body></html>"""
    result = extract_page(body, URL, None, "text/html", (), ())
    assert result.extraction.authors == []
    assert result.wire == "Reuters"
    # The agency line at the top is a byline, not article text.
    assert not result.extraction.text.startswith("Reuters")


GERMAN_PAGE = """
<!DOCTYPE html>
<html lang="de-DE"><head>
<meta charset="utf-8">
<title>Bahnstreik legt Fernverkehr lahm | Nordkurier Beispiel</title>
<meta property="og:site_name" content="Nordkurier Beispiel">
<meta name="author" content="Von Jana Albrecht">
<meta name="date" content="Montag, 9. März 2020, 14:30 Uhr">
</head><body><article><p>Text</p></article></body></html>
"""

FRENCH_PAGE = """
<html><head>
<meta http-equiv="content-language" content="fr-FR">
<title>La réforme des retraites adoptée - Le Quotidien Exemple</title>
<meta property="og:site_name" content="Le Quotidien Exemple">
<meta name="author" content="Par Claire Moreau et Luc Bernard">
</head><body><div class="byline">Publié le 9 avril 2020 à 12h24</div>
<article><time>9 avril</time></article></body></html>
"""

SPANISH_PAGE = """
<html lang="es"><head>
<title>El Gobierno aprueba los presupuestos — Diario Ejemplo</title>
<meta property="og:site_name" content="Diario Ejemplo">
<meta name="publish-date" content="9 de abril de 2020">
<meta name="author" content="Redacción">
</head><body></body></html>
"""


def test_german_page():
    meta = meta_of(GERMAN_PAGE, "https://nordkurier.example/bahnstreik")
    assert meta.title == "Bahnstreik legt Fernverkehr lahm"
    assert meta.language == "de-DE"
    assert meta.authors == ["Jana Albrecht"]
    assert meta.published == "2020-03-09T14:30:00"  # no offset given: local time


def test_french_page():
    meta = meta_of(FRENCH_PAGE, "https://quotidien.example/retraites")
    assert meta.title == "La réforme des retraites adoptée"
    assert meta.language == "fr-FR"
    assert meta.authors == ["Claire Moreau", "Luc Bernard"]
    assert meta.byline == "Publié le 9 avril 2020 à 12h24"


def test_spanish_page():
    meta = meta_of(SPANISH_PAGE, "https://diario.example/presupuestos")
    assert meta.title == "El Gobierno aprueba los presupuestos"
    assert meta.language == "es"
    assert meta.published == "2020-04-09T00:00:00"
    # "Redacción" (the newsroom) is a placeholder, not a person.
    assert meta.authors == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("en_US", "en-US"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("English", "en"),
        ("Deutsch", "de"),
        ("en-US,en;q=0.9", "en-US"),
        ("  fr  ", "fr"),
        ("und", None),
        ("x-default", None),
        ("*", None),
        ("", None),
        (None, None),
        ("not a language tag", None),
    ],
)
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected


def test_non_article_declarations():
    section = """<html><head><meta property="og:type" content="website">
    <script type="application/ld+json">{"@type": "CollectionPage", "name": "Sport"}</script>
    </head></html>"""
    meta = meta_of(section)
    assert meta.is_article is False
    assert meta.page_type == "CollectionPage"
    website_only = '<html><head><meta property="og:type" content="website"></head></html>'
    assert meta_of(website_only).is_article is False
    # A sitewide WebSite/Organization block says nothing about this page.
    sitewide = """<html><head><script type="application/ld+json">
    [{"@type": "WebSite", "name": "X"}, {"@type": "Organization", "name": "X"}]
    </script></head></html>"""
    assert meta_of(sitewide).is_article is None
    # Published time on an og:type=website page still marks an article.
    mixed = """<html><head><meta property="og:type" content="website">
    <meta property="article:published_time" content="2024-01-01T00:00:00Z"></head></html>"""
    assert meta_of(mixed).is_article is True


def test_page_without_metadata():
    meta = meta_of("<html><body><p>Just a paragraph.</p></body></html>")
    assert meta == Metadata()


@pytest.mark.parametrize(
    "doc",
    [
        None,
        "not a tree",
        lxml.html.fragment_fromstring("<div><p>fragment</p></div>"),
        lxml.html.document_fromstring("<html></html>"),
        lxml.html.document_fromstring("<p>x</p>").find(".//p"),
    ],
)
def test_junk_input(doc):
    meta = extract_metadata(doc, "not a url")
    assert isinstance(meta, Metadata)
    assert meta.canonical_url is None


# lxml itself refuses control characters in text and attributes.
XML_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200)


@settings(max_examples=150, deadline=None)
@given(
    XML_TEXT,
    XML_TEXT,
    st.sampled_from(["author", "og:title", "article:published_time", "keywords", "og:locale"]),
)
def test_arbitrary_metadata_values_never_crash(ld_text, meta_value, meta_name):
    root = lxml.html.document_fromstring("<html><head></head><body><p>x</p></body></html>")
    head = root.find("head")
    script = lxml.html.Element("script", type="application/ld+json")
    script.text = ld_text
    head.append(script)
    meta = lxml.html.Element("meta", name=meta_name, content=meta_value)
    head.append(meta)
    result = extract_metadata(root, URL)
    assert isinstance(result, Metadata)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | XML_TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "@id", "name", "@graph", "author", "url", "@value"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)
FIELDS = [
    "@type",
    "@id",
    "@graph",
    "headline",
    "author",
    "creator",
    "datePublished",
    "dateModified",
    "keywords",
    "articleSection",
    "inLanguage",
    "publisher",
    "mainEntityOfPage",
    "mainEntity",
    "url",
    "description",
]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=8), st.booleans())
def test_odd_json_ld_shapes_never_crash(node, as_article):
    if as_article:
        node["@type"] = "NewsArticle"
    html = (
        '<html><head><script type="application/ld+json">'
        + json.dumps(node).replace("</", "<\\/")
        + "</script></head><body></body></html>"
    )
    result = meta_of(html)
    assert isinstance(result, Metadata)
    assert all(isinstance(a, str) and a for a in result.authors)
    assert result.published is None or result.published[:4].isdigit()


def page_with_dates(*, published: str, modified: str | None = None, ld: str | None = None) -> str:
    """A page whose meta tags (and optionally JSON-LD) give these dates."""
    head = f'<meta name="pubdate" content="{published}">'
    if modified:
        head += f'<meta property="article:modified_time" content="{modified}">'
    if ld:
        head += f'<script type="application/ld+json">{ld}</script>'
    return f"<html><head>{head}</head><body><p>x</p></body></html>"


def test_a_date_without_offset_stays_local_time_and_says_so():
    meta = meta_of(page_with_dates(published="2026-11-22 10:30"))
    assert meta.published == "2026-11-22T10:30:00"
    assert meta.published_offset_known is False
    with_offset = meta_of(page_with_dates(published="2026-11-22T10:30:00+09:00"))
    assert with_offset.published == "2026-11-22T10:30:00+09:00"
    assert with_offset.published_offset_known is True


def test_the_same_moment_written_with_an_offset_gives_the_offset():
    # The template shows local time; the microdata has the moment in UTC.
    html = page_with_dates(published="2026年11月22日 10:30").replace(
        "<p>x</p>", '<span itemprop="datePublished" content="2026-11-22T01:30:00Z"></span>'
    )
    meta = meta_of(html)
    assert meta.published == "2026-11-22T10:30:00+09:00"
    assert meta.published_offset_known is True


def test_a_bare_day_gives_way_to_the_same_day_with_time_and_offset():
    ld = '{"@type": "WebPage", "datePublished": "2026-11-22T10:30:00+05:30"}'
    meta = meta_of(page_with_dates(published="2026-11-22", ld=ld))
    assert meta.published == "2026-11-22T10:30:00+05:30"


def test_another_date_on_the_page_lends_its_offset():
    meta = meta_of(
        page_with_dates(published="22.11.2026 10:30", modified="2026-11-23T08:00:00+02:00")
    )
    assert meta.published == "2026-11-22T10:30:00+02:00"
    assert meta.published_offset_known is True
    # and the other way round
    naive_modified = meta_of(
        page_with_dates(published="2026-11-22T10:30:00-05:00", modified="2026-11-23 08:00")
    )
    assert naive_modified.modified == "2026-11-23T08:00:00-05:00"


@pytest.mark.parametrize(
    ("zone", "published", "expected"),
    [
        ("Europe/Riga", "2026-11-22 10:30", "2026-11-22T10:30:00+02:00"),
        # the zone's summer time, not a fixed offset
        ("Europe/Riga", "2026-07-22 10:30", "2026-07-22T10:30:00+03:00"),
        ("+09:00", "2026-11-22 10:30", "2026-11-22T10:30:00+09:00"),
        ("Not/AZone", "2026-11-22 10:30", "2026-11-22T10:30:00"),
    ],
)
def test_the_outlet_timezone_places_local_times(zone, published, expected):
    doc = lxml.html.document_fromstring(page_with_dates(published=published))
    meta = extract_metadata(doc, URL, timezone=zone)
    assert meta.published == expected
    assert meta.published_offset_known is expected.endswith(("+02:00", "+03:00", "+09:00"))


def test_the_outlet_spec_timezone_reaches_extraction():
    from newscrawl.extraction import extract
    from newscrawl.outlet import Outlet

    html = page_with_dates(published="2026-11-22 10:30").replace(
        "<p>x</p>",
        "<article><p>" + "The harbour reopened on Sunday morning. " * 6 + "</p></article>",
    )
    outlet = Outlet(name="Tokyo Harbour News", domains=("tokyo.example",), timezone="Asia/Tokyo")
    assert extract(html, URL, outlet=outlet).published == "2026-11-22T10:30:00+09:00"
    assert extract(html, URL).published == "2026-11-22T10:30:00"


def test_an_article_with_local_time_is_valid_output():
    import dataclasses

    import jsonschema
    from scrapy.utils.test import get_crawler

    from newscrawl.extraction import extract
    from newscrawl.items import ArticlePage
    from newscrawl.pipelines.extraction import ExtractionPipeline
    from newscrawl.schema import article_schema

    html = page_with_dates(published="2026-11-22 10:30").replace(
        "<p>x</p>",
        "<article><p>" + "The harbour reopened on Sunday morning. " * 6 + "</p></article>",
    )
    pipeline = ExtractionPipeline.from_crawler(get_crawler())
    page = ArticlePage(url=URL, body=html.encode())
    article = pipeline.build_article(page, extract(html, URL), None, None)
    assert (article.published, article.published_offset_known) == ("2026-11-22T10:30:00", False)
    jsonschema.validate(dataclasses.asdict(article), article_schema())
    # A sitemap's date without offset is not made UTC either.
    hinted = ArticlePage(url=URL, body=b"", hints={"published": "2026-11-21"})
    no_date = extract(
        "<html><body><article><p>" + "Text here. " * 20 + "</p></article></body></html>"
    )
    article = pipeline.build_article(hinted, no_date, None, None)
    assert (article.published, article.published_offset_known) == ("2026-11-21T00:00:00", False)
    jsonschema.validate(dataclasses.asdict(article), article_schema())


# One small page per script: headline (with the site's suffix in <title>),
# byline in the language's own wording, a date in the language's own format.
SCRIPT_PAGES = {
    "ja": (
        """<html lang="ja"><head><meta charset="utf-8">
        <title>東京で大雪、交通機関に乱れ｜社会｜みなと新聞</title>
        <meta property="og:site_name" content="みなと新聞">
        <meta name="author" content="記者：山田太郎">
        <meta name="pubdate" content="2026年11月22日 10:30">
        </head><body><article><h1>東京で大雪、交通機関に乱れ</h1><p>本文。</p></article>
        </body></html>""",
        ("東京で大雪、交通機関に乱れ", ["山田太郎"], "2026-11-22T10:30:00", "ja"),
    ),
    "zh": (
        """<html lang="zh-CN"><head><meta charset="utf-8">
        <title>上海港恢复通航_国内新闻_海港日报</title>
        <meta property="og:site_name" content="海港日报">
        <meta name="author" content="本报记者 王小明、李华">
        <meta name="publishdate" content="2026年11月22日 10:30">
        </head><body><h1>上海港恢复通航</h1></body></html>""",
        ("上海港恢复通航", ["王小明", "李华"], "2026-11-22T10:30:00", "zh-CN"),
    ),
    "ar": (
        """<html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <title>افتتاح ميناء جديد في المدينة - أخبار الميناء</title>
        <meta property="og:site_name" content="أخبار الميناء">
        <meta name="author" content="بقلم أحمد علي">
        <meta name="date" content="الأحد ٢٢ نوفمبر ٢٠٢٦ ١٠:٣٠">
        </head><body><h1>افتتاح ميناء جديد في المدينة</h1></body></html>""",
        ("افتتاح ميناء جديد في المدينة", ["أحمد علي"], "2026-11-22T10:30:00", "ar"),
    ),
    "es": (
        """<html lang="es-ES"><head><meta charset="utf-8">
        <title>El puerto reabre tras la tormenta | Nacional | Diario del Puerto</title>
        <meta property="og:site_name" content="Diario del Puerto">
        <meta name="author" content="Por Aarón Sánchez y Lucía Martín">
        <meta name="date" content="22 de noviembre de 2026 a las 10:30">
        </head><body><h1>El puerto reabre tras la tormenta</h1></body></html>""",
        (
            "El puerto reabre tras la tormenta",
            ["Aarón Sánchez", "Lucía Martín"],
            "2026-11-22T10:30:00",
            "es-ES",
        ),
    ),
    "lv": (
        """<html lang="lv"><head><meta charset="utf-8">
        <title>Ostā atsākta kuģu satiksme - Ziņas - Ostas Vēstis</title>
        <meta property="og:site_name" content="Ostas Vēstis">
        <meta name="author" content="Jānis Bērziņš">
        <meta name="date" content="2026. gada 22. novembris 10:30">
        </head><body><h1>Ostā atsākta kuģu satiksme</h1></body></html>""",
        ("Ostā atsākta kuģu satiksme", ["Jānis Bērziņš"], "2026-11-22T10:30:00", "lv"),
    ),
    "th": (
        """<html lang="th"><head><meta charset="utf-8">
        <title>ท่าเรือเปิดให้บริการอีกครั้ง | ข่าวท่าเรือ</title>
        <meta property="og:site_name" content="ข่าวท่าเรือ">
        <meta name="author" content="โดย สมชาย ใจดี">
        <meta name="date" content="22 พฤศจิกายน 2569 เวลา 10:30 น.">
        </head><body><h1>ท่าเรือเปิดให้บริการอีกครั้ง</h1></body></html>""",
        ("ท่าเรือเปิดให้บริการอีกครั้ง", ["สมชาย ใจดี"], "2026-11-22T10:30:00", "th"),
    ),
}


@pytest.mark.parametrize("language", sorted(SCRIPT_PAGES))
def test_pages_in_other_scripts(language):
    html, (title, authors, published, tag) = SCRIPT_PAGES[language]
    meta = meta_of(html, f"https://{language}.example/news/1")
    assert (meta.title, meta.authors, meta.published, meta.language) == (
        title,
        authors,
        published,
        tag,
    )
    assert meta.published_offset_known is False
