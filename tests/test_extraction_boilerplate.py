"""Boilerplate inside the article container, in several languages, and prose that must stay.

Each fixture under ``fixtures/extraction/boilerplate/`` is a small page with
its expected article text beside it (``<lang>.txt``). The unit tests below
put one boilerplate line at a time between story paragraphs and check the
rule that drops it, so a rule cannot pass by riding on a neighbour's run.
"""

# ruff: noqa: RUF001 - typographic quotes and full-width characters are intended

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.classify import Context, classify
from newscrawl.extraction.content import Block

FIXTURES = Path(__file__).parent / "fixtures" / "extraction" / "boilerplate"

#: Per fixture: snippets that must be removed, with their kind.
REMOVED = {
    "de": [
        ("Aktualisiert am 12.05.2024", "byline"),
        ("Externer Inhalt", "cookie"),
        ("Um diesen Inhalt zu sehen", "cookie"),
        ("Inhalt von YouTube laden", "cookie"),
        ("Unterstützen Sie unabhängigen Lokaljournalismus", "donation"),
        ("Jetzt spenden", "donation"),
        ("Anna Beispiel ist Redakteurin", "bio"),
    ],
    "en": [
        ("Click to load content from YouTube", "cookie"),
        ("This content is hosted by a third party", "cookie"),
        ("This article is only available to subscribers", "subscription"),
        ("Donate to The Example Post today", "donation"),
        ("Please donate to keep our reporting free", "donation"),
        ("Become a supporter from just 5 euros a month", "donation"),
    ],
    "es": [
        ("Publicado el 12 de mayo de 2024", "byline"),
        ("Contenido externo", "cookie"),
        ("Para ver este contenido de Instagram", "cookie"),
        ("Este contenido es exclusivo para suscriptores", "subscription"),
        ("Hazte socio desde 5 euros al mes", "donation"),
    ],
    "fr": [
        ("Contenu externe", "cookie"),
        ("Pour afficher ce contenu de X", "cookie"),
        ("Cet article est réservé aux abonnés", "subscription"),
        ("Soutenez une rédaction indépendante", "donation"),
    ],
    "ja": [
        ("2024年5月12日 10時30分 更新", "byline"),
        ("会員限定", "subscription"),
        ("この記事は会員限定です", "subscription"),
        ("5/12(日) 10:30配信", "byline"),
    ],
    "lv": [
        ("Publicēts 2024. gada 12. maijā", "byline"),
        ("Atjaunots: 12. maijs 2024", "byline"),
    ],
    "th": [
        ("เผยแพร่: 12 พฤษภาคม 2567", "byline"),
        ("บทความนี้สำหรับเฉพาะสมาชิก", "subscription"),
        ("อัปเดต 12 พ.ค. 2567", "byline"),
    ],
}


@pytest.mark.parametrize("lang", sorted(REMOVED))
def test_fixture_comes_out_as_its_article(lang):
    result = extract((FIXTURES / f"{lang}.html").read_bytes(), f"https://example.{lang}/story")
    assert result.error is None
    assert result.text == (FIXTURES / f"{lang}.txt").read_text(encoding="utf-8").strip()
    for snippet, kind in REMOVED[lang]:
        matches = [r for r in result.removed if r["text"].startswith(snippet)]
        assert matches, snippet
        assert matches[0]["kind"] == kind, (snippet, matches[0])


# -- one line at a time ----------------------------------------------------------

STORY = [
    "The council voted on Tuesday to extend the tram line to the northern suburbs, ending "
    "a dispute that had delayed the project for almost three years.",
    "Construction is expected to start next spring and to last about eighteen months, "
    "according to the transport department, which will publish a timetable in January.",
    "Residents along the planned route welcomed the decision but worried about noise and "
    "the loss of parking spaces during the works.",
    "The opposition said the cost estimate was too optimistic and asked for an independent "
    "review before the first contracts are signed.",
]


def _decide(line: str) -> tuple[str, str] | None:
    """The decision on ``line`` in the middle of a story (not at an edge)."""
    blocks = [Block(text, "p", 0, len(text)) for text in (*STORY[:2], line, *STORY[2:])]
    decision = classify(blocks, Context())[2]
    return (decision.kind, decision.rule) if decision is not None else None


DROPPED = [
    # embed-consent placeholders
    ("Externer Inhalt", "cookie", "text:embed-label"),
    ("Externer Inhalt von YouTube", "cookie", "text:embed-label"),
    ("External content", "cookie", "text:embed-label"),
    ("Contenido externo", "cookie", "text:embed-label"),
    ("Contenu externe", "cookie", "text:embed-label"),
    ("Contenuto esterno", "cookie", "text:embed-label"),
    (
        "Um diesen Inhalt zu sehen, müssen Sie der Verwendung externer Dienste zustimmen.",
        "cookie",
        "text:embed-consent",
    ),
    (
        "An dieser Stelle finden Sie einen externen Inhalt von X, der den Artikel ergänzt.",
        "cookie",
        "text:embed-consent",
    ),
    ("Click to load content from YouTube.", "cookie", "text:embed-consent"),
    (
        "To view this video, please accept the use of third-party cookies.",
        "cookie",
        "text:embed-consent",
    ),
    (
        "Para ver este vídeo debes aceptar las cookies de terceros.",
        "cookie",
        "text:embed-consent",
    ),
    (
        "Per visualizzare questo contenuto accetta i cookie di profilazione.",
        "cookie",
        "text:embed-consent",
    ),
    # member-only notices
    ("会員限定", "subscription", "text:member-label"),
    ("有料会員限定記事", "subscription", "text:member-label"),
    ("この記事は会員限定です。", "subscription", "text:member-only"),
    ("有料会員になると続きをお読みいただけます。", "subscription", "text:member-only"),
    ("残り1520文字", "subscription", "text:member-only"),
    ("本文为会员专享内容", "subscription", "text:member-only"),
    ("이 기사는 유료 회원 전용입니다.", "subscription", "text:member-only"),
    ("บทความนี้สำหรับเฉพาะสมาชิก", "subscription", "text:member-only"),
    (
        "This story is only available to our paying members.",
        "subscription",
        "text:member-only",
    ),
    ("Exklusiv für Mitglieder: Lesen Sie den ganzen Text.", "subscription", "text:member-only"),
    ("Este contenido es exclusivo para socios.", "subscription", "text:member-only"),
    ("Conteúdo exclusivo para assinantes.", "subscription", "text:member-only"),
    ("Raksts pieejams tikai abonentiem.", "subscription", "text:member-only"),
    # donation appeals and author bios
    ("Donate to The Example Post today.", "donation", "text:appeal"),
    ("Please donate to keep our reporting free.", "donation", "text:appeal"),
    ("Become a supporter from just 5 euros a month.", "donation", "text:appeal"),
    ("Werden Sie jetzt Mitglied und sichern Sie unsere Arbeit.", "donation", "text:appeal"),
    ("Unterstützen Sie unabhängigen Journalismus mit einem Beitrag.", "donation", "text:appeal"),
    ("Jetzt spenden", "donation", "text:appeal"),
    ("Devenez membre à partir de 5 euros par mois.", "donation", "text:appeal"),
    ("Hazte socio desde 5 euros al mes.", "donation", "text:appeal"),
    ("Dona ahora y apoya el periodismo local.", "donation", "text:appeal"),
    ("Diventa sostenitore del giornalismo locale.", "donation", "text:appeal"),
    # datelines and updated lines
    ("Actualizado el 12 de mayo de 2024 a las 10:30 h", "byline", "text:stamp-line"),
    ("Actualizado: 12/05/2024 10:30 CEST", "byline", "text:stamp-line"),
    ("Atjaunots: 12. maijs 2024, 10:30", "byline", "text:stamp-line"),
    ("Publicēts 2024. gada 12. maijā plkst. 10:30", "byline", "text:stamp-line"),
    ("อัปเดต 12 พ.ค. 2567 เวลา 10:30 น.", "byline", "text:stamp-line"),
    ("เผยแพร่: 12 พฤษภาคม 2567", "byline", "text:stamp-line"),
    ("2024年5月12日 10時30分 更新", "byline", "text:stamp-line"),
    ("5/12(日) 10:30配信", "byline", "text:stamp-line"),
    ("更新日：2024年5月12日", "byline", "text:stamp-line"),
    ("发布时间：2024-05-12 10:30", "byline", "text:stamp-line"),
    ("입력 2024.05.12 10:30 | 수정 2024.05.12 11:00", "byline", "text:stamp-line"),
    ("Updated at 1:23 p.m.", "byline", "text:stamp-line"),
    ("Aggiornato il 12 maggio 2024 alle 10:30", "byline", "text:stamp-line"),
]


@pytest.mark.parametrize(("line", "kind", "rule"), DROPPED, ids=[d[0][:30] for d in DROPPED])
def test_boilerplate_line_is_dropped_by_its_rule(line, kind, rule):
    assert _decide(line) == (kind, rule)


# -- never drop the article --------------------------------------------------------

#: News prose that mentions donations, members, subscriptions, updates,
#: publication or external content: topic words, no call to action.
KEPT = [
    "The charity said donations had fallen by a third this year as households cut back.",
    "Members of the committee voted to publish the report, which was updated in March.",
    "The newspaper said its subscribers had grown to two million, most of them paying monthly.",
    "He became a supporter of the club as a boy and donated his first salary to its academy.",
    "The regulator published new rules on how websites may load external content from "
    "social networks.",
    "Die Zahl der Mitglieder ist im vergangenen Jahr um zwölf Prozent gestiegen, teilte der "
    "Verein mit.",
    "Der Verein sammelt Spenden für die Renovierung der Kirche, die im Sommer beginnen soll.",
    "Externe Inhalte auf Nachrichtenseiten sind seit Jahren ein Thema der Datenschützer.",
    "Los socios del club aprobaron el presupuesto, que fue actualizado el martes.",
    "La ONG recibió donaciones de más de cinco mil personas durante la campaña.",
    "Les membres du conseil ont publié une mise à jour du rapport lundi.",
    "有料会員数は前年比で12％増え、初めて100万人を超えた。",
    "同社は会員限定のセールを来月から拡大すると発表した。",
    "市は更新された計画を公開し、住民の意見を募集している。",
    "สมาชิกสภาเผยแพร่รายงานฉบับใหม่เมื่อวันจันทร์ที่ผ่านมา",
    "Publicēts ziņojums liecina, ka abonentu skaits ir pieaudzis.",
    "Updated guidance was published on Tuesday after a consultation with schools.",
    "Many news sites now load third-party content only after readers consent to tracking.",
    "Websites dürfen externe Inhalte anzeigen, wenn die Nutzer vorher zustimmen.",
    "Mit der Zustimmung werden personenbezogene Daten an Dritte übermittelt, kritisierte der "
    "Datenschutzbeauftragte.",
    "Readers who enable cookies to watch videos are tracked by dozens of advertising firms.",
    "Le site affiche les contenus externes sans demander l'accord des lecteurs.",
]


@pytest.mark.parametrize("line", KEPT, ids=[k[:30] for k in KEPT])
def test_prose_about_the_subject_is_kept(line):
    assert _decide(line) is None
