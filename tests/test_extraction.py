"""Boilerplate-aware extraction: the article and only the article."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newscrawl.extraction import KINDS, Extraction, extract, extract_text
from newscrawl.extraction.kinds import RULE_PREFIXES
from newscrawl.outlet import Outlet

FIXTURES = Path(__file__).parent / "fixtures" / "extraction"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def page(body: str, *, title: str = "A story", lang: str = "en", head: str = "") -> str:
    """A realistic page around ``body``: site chrome before and after the article."""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - The Daily Example</title>{head}</head><body>
<header class="site-header"><a href="/">The Daily Example</a>
<nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/arts">Arts</a></nav></header>
<main><article><h1>{title}</h1>
<div class="article-body">{body}</div></article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Council approves budget</a></li>
<li><a href="/2">Storm closes harbour</a></li></ul></aside></main>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer></body></html>"""


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


STORY = (
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, "
    "ending a dispute that had delayed the project for almost three years.",
    "Construction is expected to start next spring and to last about eighteen months, "
    "according to the transport department, which will publish a timetable in January.",
    "Residents along the planned route said they welcomed the decision but worried about "
    "noise and the loss of parking spaces during the works.",
)


# -- the seed pair -----------------------------------------------------------


def _seed_paragraphs(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / name).read_text().split("\n") if line.strip()]


JPOST_ARTICLE = [
    "MOSCOW - A Russian diplomat said on Monday that Moscow was working with the Syrian",
    "Syrian Foreign Minister Walid Mouallem was expected to arrive in Moscow on Monday",
    'Moscow is "working actively with Damascus in order to begin a political settlement',
    "Gatilov reiterated Russia's opposition to interference in Syria",
    '"Attempts to force a solution on Syria from outside will lead only to an escalation',
    "Also Monday, China urged the Syrian government and opposition groups to abide",
    '"China urges the Syrian government and opposition groups to seize the current',
    "Russia has been under pressure from Western and Arab nations",
    "The deal calls on Syria to begin withdrawing its troops",
    "Russia has protected Assad by vetoing two UN Security Council resolutions",
    "But Russia has championed Annan's mission",
    "Syria has given post-Soviet Russia its firmest foothold in the Middle East",
]
JPOST_BOILERPLATE = [
    "cookies",
    "Dear Reader",
    "As you can imagine, more people are reading",
    "we ask you to be our partner",
    "For $5 a month",
    "free of ads",
    "Access to our Premium Section",
    "award-winning Jerusalem Report",
    "A brand new ePaper",
    "Help us grow",
    "Thank you",
    "Ronit Hasin-Hochman",
    "Yaakov Katz",
    "Be the first to know",
    "Join our Facebook page",
    "Click for full JPost coverage",
    "Premium Plus",
    "Click here",
    "Related Content",
    "November 12, 2018",
    "Can Saudi Arabia compete",
    "photo credit",
    "Zohra Bensemra",
    "2 minute read",
]


def test_seed_jpost_keeps_every_paragraph_and_no_boilerplate():
    result = extract((FIXTURES / "seed_jpost.html").read_bytes(), "https://www.jpost.com/x")
    assert result.error is None
    for start in JPOST_ARTICLE:
        assert any(p.startswith(start) for p in result.paragraphs), start
    for text in JPOST_BOILERPLATE:
        assert text not in result.text, text
    kinds = {removal["kind"] for removal in result.removed}
    assert {"cookie", "donation", "social", "related", "subscription", "caption"} <= kinds
    assert result.title == "Russia, China increase push to end Syria violence"


def test_seed_zeenews_keeps_every_paragraph_and_drops_cookie_notice():
    result = extract((FIXTURES / "seed_zeenews.html").read_bytes(), "https://zeenews.india.com/x")
    assert result.error is None
    body = [
        "Moscow: A Russian diplomat said on Monday",
        "Syrian Foreign Minister Walid al-Moualem",
        'Moscow is "working actively',
        "Gatilov reiterated Russia`s opposition",
        '"Attempts to force a solution',
        "Russia has been under pressure",
        "The deal calls on Syria",
        "Russia has protected Assad",
        "But Russia has championed",
        "Syria has given post-Soviet Russia",
    ]
    for start in body:
        assert any(p.startswith(start) for p in result.paragraphs), start
    for text in ("cookies", "More from World", "Most Popular", "Tags:", "All rights reserved"):
        assert text not in result.text
    assert "\n\n\n" not in result.text


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not present")
def test_seed_fixture_matches_the_seed_story():
    """The fixture carries the seed story's own paragraphs, word for word."""
    result = extract((FIXTURES / "seed_jpost.html").read_bytes())
    seed = _seed_paragraphs("003_6137c64db4d1fcfb.txt")
    for start in JPOST_ARTICLE:
        line = next(line for line in seed if line.startswith(start))
        assert line in result.paragraphs


# -- never drop the article ----------------------------------------------------


def test_one_paragraph_brief_is_kept():
    brief = (
        "Police closed the A40 in both directions on Sunday evening after a lorry shed its "
        "load near the junction with the ring road; no one was hurt."
    )
    result = extract(page(paragraphs(brief), title="Lorry sheds load on A40"))
    assert result.paragraphs == [brief]


def test_liveblog_keeps_every_entry():
    entries = [
        f"<div class='live-entry'><time>{hour}:00</time><p>{text}</p></div>"
        for hour, text in [
            ("14", "Polls have closed in the capital and counting has begun in all districts."),
            ("15", "Early results from the eastern districts show turnout above 60 per cent."),
            ("16", "The opposition leader says she will wait for the final count before speaking."),
            ("17", "Officials expect the first complete constituency result within the hour."),
            ("18", "The first full result is in: the incumbent holds the northern seat."),
        ]
    ]
    result = extract(page("".join(entries), title="Election night - live"))
    for text in ("Polls have closed", "Early results", "opposition leader", "first full result"):
        assert text in result.text


def test_quote_heavy_story_is_kept():
    quotes = (
        '"We will not accept this decision," the union leader said on Monday.',
        '"Subscribe to our demands or face a strike," she told the crowd.',
        '"Join us on Facebook and on the streets," another speaker said.',
        '"This is the end of the road for the factory," a worker said.',
    )
    result = extract(page(paragraphs(*STORY, *quotes), title="Union rejects offer"))
    for quote in quotes:
        assert quote in result.paragraphs


def test_story_about_subscriptions_is_kept():
    story = (
        "Streaming services raised their subscription prices again this year, with the "
        "premium plan of the largest provider now costing $22.99 a month.",
        "Analysts said subscribers were increasingly willing to cancel and rejoin several "
        "times a year, a habit the industry calls churn.",
        "The company said its ad-free tier would stay available to existing members until "
        "the end of the year, after which they would move to the new premium plan.",
        "Consumer groups argued that price rises of this size should be announced at least "
        "three months in advance.",
    )
    result = extract(page(paragraphs(*story), title="Streaming prices rise again"))
    assert result.paragraphs == list(story)


def test_story_about_cookies_is_kept():
    story = (
        "European regulators fined a search company on Thursday for making it harder to "
        "refuse cookies than to accept them.",
        "Cookie banners must offer a button to reject all cookies that is as visible as the "
        "button to accept them, the regulator said in its decision.",
        "Websites that use tracking cookies without consent face fines of up to four per "
        "cent of their annual turnover under the rules.",
        "The company said it would change its consent banner within three months.",
    )
    result = extract(page(paragraphs(*story), title="Regulator fines firm over cookies"))
    assert result.paragraphs == list(story)


# -- the text-level classifier, by language -------------------------------------

CTA_BY_LANGUAGE = {
    "en": [
        ("Sign up for our daily newsletter to get the best stories in your inbox.", "newsletter"),
        ("Follow us on Twitter and Instagram for the latest updates.", "social"),
        ("To read the full story, please subscribe. Already a subscriber? Log in.", "subscription"),
        ("Advertisement", "ad"),
        ("Read more: Mayor unveils plan for new harbour bridge", "related"),
    ],
    "de": [
        (
            "Melden Sie sich für unseren Newsletter an und erhalten Sie täglich die wichtigsten "
            "Nachrichten.",
            "newsletter",
        ),
        ("Folgen Sie uns auf Facebook und Instagram.", "social"),
        (
            "Dieser Artikel ist nur für Abonnenten. Jetzt abonnieren und weiterlesen.",
            "subscription",
        ),
        ("Anzeige", "ad"),
        ("Lesen Sie auch: Stadtrat beschließt neuen Haushalt", "related"),
    ],
    "fr": [
        ("Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.", "newsletter"),
        ("Suivez-nous sur Facebook et Twitter.", "social"),
        ("Cet article est réservé aux abonnés. Déjà abonné ? Connectez-vous.", "subscription"),
        ("Publicité", "ad"),
        ("Lire aussi : Le conseil municipal adopte le budget", "related"),
    ],
    "es": [
        ("Suscríbete a nuestro boletín y recibe las noticias más importantes.", "newsletter"),
        ("Síguenos en Facebook y en Twitter.", "social"),
        (
            "Contenido exclusivo para suscriptores. ¿Ya eres suscriptor? Inicia sesión.",
            "subscription",
        ),
        ("Publicidad", "ad"),
        ("Lea también: El ayuntamiento aprueba el presupuesto", "related"),
    ],
}


@pytest.mark.parametrize("lang", sorted(CTA_BY_LANGUAGE))
def test_calls_to_action_are_dropped_in_each_language(lang):
    ctas = CTA_BY_LANGUAGE[lang]
    body = [
        STORY[0],
        ctas[0][0],
        STORY[1],
        ctas[1][0],
        ctas[2][0],
        STORY[2],
        ctas[3][0],
        ctas[4][0],
    ]
    result = extract(page(paragraphs(*body), lang=lang))
    assert result.paragraphs == list(STORY)
    dropped = {r["text"]: r["kind"] for r in result.removed}
    for text, kind in ctas:
        assert dropped.get(text) == kind, text


@pytest.mark.parametrize(
    "notice",
    [
        "We use cookies to give you the best experience. By continuing you agree to our use of "
        "cookies.",
        "Diese Website verwendet Cookies. Durch die Nutzung stimmen Sie der Verwendung zu.",
        "Ce site utilise des cookies. En poursuivant votre navigation, vous acceptez leur usage.",
        "Este sitio web utiliza cookies. Al continuar navegando, acepta su uso.",
    ],
)
def test_cookie_notice_inside_the_body_is_dropped(notice):
    result = extract(page(paragraphs(*STORY, notice)))
    assert result.paragraphs == list(STORY)
    assert result.removed[-1] == {"kind": "cookie", "text": notice, "rule": "text:cookie-notice"}


def test_captions_bylines_and_bios_are_dropped():
    body = (
        "<p>By Jane Doe</p><p>Published: 3 March 2024, 10:15</p>"
        + "<figure><img src='a.jpg'>"
        + "<figcaption>The tram depot. Photo: Jane Doe</figcaption></figure>"
        + paragraphs(*STORY)
        + "<p>Jane Doe is a transport reporter for The Daily Example.</p>"
    )
    result = extract(page(body, title="Tram line extended"))
    assert result.paragraphs == list(STORY)
    kinds = [r["kind"] for r in result.removed]
    assert kinds.count("byline") >= 2 and "caption" in kinds and "bio" in kinds


# -- structure ------------------------------------------------------------------


def test_structure_pruning_uses_whole_words_only():
    body = (
        "<div class='timeshare-market-report'>"
        + paragraphs(*STORY)
        + "</div><div class='share-bar'><a href='#'>Facebook</a> <a href='#'>Copy link</a></div>"
        + "<div id='newsletterSignup'><p>Get our free morning briefing, every weekday.</p></div>"
    )
    result = extract(page(body))
    assert result.paragraphs == list(STORY)
    rules = {r["kind"]: r["rule"] for r in result.removed}
    assert rules["share"] == "structure:class"
    assert rules["newsletter"] == "structure:id"


def test_container_with_misleading_class_is_kept():
    # WordPress marks the post itself with its tags: "tag-share" must not drop it.
    body = f"<div class='post type-post tag-share comments-open'>{paragraphs(*STORY)}</div>"
    result = extract(page(body))
    assert result.paragraphs == list(STORY)


def test_hidden_elements_are_dropped():
    body = paragraphs(*STORY) + "<p style='display: none'>Secret tracking text for bots.</p>"
    result = extract(page(body))
    assert "Secret" not in result.text


def test_embedded_tweets_are_kept():
    tweet = (
        "<blockquote class='twitter-tweet'><p>The tram is coming to the north at last, "
        "thanks to everyone who campaigned for it.</p>— Ann Other (@annother) March 3, 2024"
        "</blockquote>"
    )
    result = extract(page(paragraphs(*STORY[:2]) + tweet + paragraphs(STORY[2])))
    assert "The tram is coming to the north at last" in result.text


# -- outlet overrides and switches ----------------------------------------------


def test_outlet_content_selector_and_drop_selectors():
    html = page(
        "<div class='story'>"
        + paragraphs(*STORY)
        + "<p class='promo-x'>Our shop is open.</p></div>"
        "<div class='other'><p>"
        + "Unrelated long text about something else entirely. " * 8
        + "</p></div>"
    )
    outlet = Outlet(
        name="daily",
        domains=("example.com",),
        content_selector="div.story",
        drop_selectors=("p.promo-x",),
    )
    result = extract(html, outlet=outlet)
    assert result.paragraphs == list(STORY)
    assert result.removed[0]["rule"] == "outlet:p.promo-x"


def test_disabled_kinds_keep_their_blocks():
    body = paragraphs(STORY[0], "Follow us on Twitter for the latest updates.", *STORY[1:])
    assert "Follow us" not in extract(page(body)).text
    kept = extract(page(body), disabled_kinds={"social"})
    assert "Follow us on Twitter" in kept.text


def test_every_removal_has_a_known_kind_and_a_rule():
    result = extract((FIXTURES / "seed_jpost.html").read_bytes())
    assert result.removed
    for removal in result.removed:
        assert set(removal) == {"kind", "text", "rule"}
        assert removal["kind"] in KINDS
        assert removal["rule"].split(":")[0] in RULE_PREFIXES
        assert removal["text"]


def test_result_pickles_and_exposes_metadata():
    result = extract((FIXTURES / "seed_zeenews.html").read_bytes(), "https://zeenews.india.com/x")
    clone = pickle.loads(pickle.dumps(result))
    assert isinstance(clone, Extraction)
    assert clone.text == result.text and clone.removed == result.removed
    assert clone.published and clone.published.startswith("2012-04-09")
    assert clone.site_name == "Zee News"
    assert clone.fingerprints and len(clone.fingerprints) >= len(clone.paragraphs)


def test_extract_text_is_the_text_of_extract():
    html = page(paragraphs(*STORY))
    assert extract_text(html) == extract(html).text == "\n\n".join(STORY)


# -- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty"),
        ("   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
        ("just some words, no markup at all", "not_html"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_content"),
        (None, "empty"),
    ],
)
def test_bad_input_comes_back_with_a_reason(data, error):
    result = extract(data)
    assert result.error == error
    assert result.text == ""


def test_truncated_page_still_yields_its_text():
    html = page(paragraphs(*STORY))
    cut = html[: html.index(STORY[2][:40]) + 40]
    result = extract(cut)
    assert result.error is None
    assert STORY[0] in result.paragraphs


def test_deeply_nested_page_does_not_raise():
    html = "<html><body>" + "<div>" * 50_000 + "<p>deep</p>" + "</div>" * 50_000 + "</body></html>"
    result = extract(html)
    assert isinstance(result, Extraction)
    assert result.error is not None or result.text


def test_huge_page_is_cut_not_fatal():
    filler = "<p>" + "Council budget debate continues into the night. " * 40 + "</p>"
    html = "<html><body><article>" + filler * 12_000 + "</article></body></html>"
    assert len(html) > 20_000_000
    result = extract(html.encode())
    assert result.error is None
    assert result.text.startswith("Council budget debate")


def test_misdeclared_encoding_is_decoded():
    html = page(paragraphs("Der Bürgermeister äußerte sich zur Straßenbahn.", *STORY)).replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    result = extract(html.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    assert "Bürgermeister äußerte" in result.text


def test_xml_declaration_and_control_characters():
    html = '<?xml version="1.0" encoding="utf-8"?>' + page(paragraphs(*STORY)).replace(
        STORY[1][:10], STORY[1][:10] + "\x00\x07"
    )
    result = extract(html)
    assert result.error is None and STORY[0] in result.paragraphs


def test_a_removed_block_is_recorded_by_its_first_characters_with_word_boundaries():
    """A long removed block (a mega-menu) is walked only as far as its record needs."""
    from lxml import html as lxml_html

    from newscrawl.extraction.structure import clip, removed_text, spaced_text

    for spacing in ("", "\n    "):
        items = "".join(
            f"<li>{spacing}<a href='#'>Section {i} w<b>or</b>ds</a>{spacing}</li>"
            for i in range(400)
        )
        menu = lxml_html.fromstring(f"<nav><h3>Menu</h3><ul>{items}</ul><p>Last</p></nav>")
        recorded = removed_text(menu)
        assert recorded == clip(spaced_text(menu))
        assert recorded.startswith("Menu Section 0 words Section 1 words")
        assert recorded.endswith("…")
