"""Wire stories in Urdu, Hindi, Arabic, Chinese, Russian and Japanese: native
credits are read, copies link (also given as one block), mentions credit nothing."""

# ruff: noqa: RUF001 - the credits are written in their own scripts and punctuation

from __future__ import annotations

import pytest

from newscrawl.syndication import SyndicationIndex
from newscrawl.wire import detect_wire

from .syndication_stories import NATIVE_STORIES, native_wire_version, outlet_page

LANGUAGES = sorted(NATIVE_STORIES)


def _one_block(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_native_dateline_credits_the_agency(language):
    story = NATIVE_STORIES[language]
    assert detect_wire(native_wire_version(language)) == story["agency"]
    # Given as one block, the dateline still opens the text.
    assert detect_wire(_one_block(native_wire_version(language))) == story["agency"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mention_of_the_agency_is_no_credit(language):
    story = NATIVE_STORIES[language]
    body = "\n\n".join([story["mention"], *story["other"]])
    assert detect_wire(body) is None
    assert detect_wire(_one_block(body)) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_copies_link_to_the_wire_and_inherit_its_origin(language):
    story = NATIVE_STORIES[language]
    paragraphs = story["paragraphs"]
    with SyndicationIndex.open("memory://") as index:
        wire = index.add("wire", native_wire_version(language), outlet="agency")
        trimmed = index.add("trimmed", outlet_page(paragraphs[:3], "Daily A"), outlet="Daily A")
        block = index.add(
            "block", _one_block("\n\n".join(paragraphs[:4])), outlet="Daily B", title="x"
        )
        other = index.add("other", "\n\n".join(story["other"]), outlet="Daily A")
    assert wire.origin == story["agency"] and wire.wire == story["agency"]
    for copy in (trimmed, block):
        assert copy.duplicate_of is not None and copy.cluster_id == wire.cluster_id
        assert copy.origin == story["agency"] and copy.wire is None
    assert trimmed.changes["dropped"] >= 1 and trimmed.changes["relation"] in ("trimmed", "edited")
    assert other.duplicate_of is None and other.cluster_id != wire.cluster_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_one_block_original_and_a_trimmed_block_copy_link(language):
    story = NATIVE_STORIES[language]
    with SyndicationIndex.open("memory://") as index:
        original = index.add("o", _one_block(native_wire_version(language)))
        copy = index.add("c", _one_block("\n\n".join(story["paragraphs"][:3])))
    assert copy.duplicate_of == "o" and copy.changes["unit"] == "window"
    assert copy.origin == original.origin == story["agency"]


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("新華社東京3月6日電 日本政府今天宣布新計劃。", "Xinhua"),
        ("国务院今天召开常务会议。\n\n（来源：新华社）", "Xinhua"),
        ("【ワシントン時事】米政府は6日、新たな計画を発表した。", "Jiji"),
        ("［東京　６日　ロイター］ - 政府は6日、新たな計画を発表した。", "Reuters"),
        ("(서울=연합뉴스) 홍길동 기자 = 정부는 6일 새로운 계획을 발표했다.", "Yonhap"),
        ("МОСКВА, 6 мар — РИА Новости. Правительство объявило о новом плане.", "RIA"),
        ("МОСКВА, 6 марта (Интерфакс) - Правительство объявило о плане.", "Interfax"),
        ("Правительство объявило о новом плане.\n\nИсточник: ТАСС", "TASS"),
        ("القاهرة في 6 مارس /أ ش أ/ قال البنك المركزي إنه أبقى الفائدة.", "MENA"),
        ("دبي في 6 مارس / وام / أعلنت الحكومة عن خطة جديدة.", "WAM"),
        ("الرياض (واس) أعلنت الحكومة عن خطة جديدة.", "SPA"),
        ("الدوحة (قنا) أعلنت الحكومة عن خطة جديدة.", "QNA"),
        ("أنقرة (الأناضول) أعلنت الحكومة عن خطة جديدة.", "Anadolu"),
        ("باريس (أ ف ب) - أعلنت الحكومة عن خطة جديدة.", "AFP"),
        ("تهران (ایرنا) دولت طرح جدیدی را اعلام کرد.", "IRNA"),
        ("نئی دہلی (اے ایف پی) بھارتی حکومت نے نئی پالیسی کا اعلان کیا۔", "AFP"),
        ("नई दिल्ली, छह मार्च (एएनआई) सरकार ने योजना की घोषणा की।", "ANI"),
        ("सरकार ने आज नई योजना की घोषणा की।\n\nभाषा राजेश सुरेश", "PTI"),
        ("وزیراعظم نے اجلاس کی صدارت کی۔\n\n(اے پی پی)", "APP"),
    ],
)
def test_credits_in_other_scripts(text, agency):
    assert detect_wire(text) == agency


@pytest.mark.parametrize(
    "text",
    [
        "قناة الجزيرة قالت إن الحكومة ستعلن خطة جديدة.",
        "共同通信によると、政府は6日、新たな計画を発表した。",
        "연합뉴스에 따르면 정부는 6일 새로운 계획을 발표했다.",
        "हिंदी भाषा दिवस पर कार्यक्रम हुआ।\n\nभाषा का सम्मान करें, उन्होंने कहा।",
        "The minister (AP) said the plan is ready.",
    ],
)
def test_mentions_in_other_scripts(text):
    assert detect_wire(text) is None
