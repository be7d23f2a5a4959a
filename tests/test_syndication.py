"""Syndication detection on synthetic wire stories, edits and hard negatives."""

# ruff: noqa: RUF001 - the Chinese and Russian texts use their own punctuation and letters

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extraction import extract
from newscrawl.syndication import BadStoreURL, SyndicationIndex
from newscrawl.syndication.fingerprint import fingerprint, split_paragraphs

from .syndication_stories import make_story, outlet_page, respell, wire_version

FIXTURES = Path(__file__).parent / "fixtures" / "extraction"


@pytest.fixture
def index():
    with SyndicationIndex.open("memory://") as idx:
        yield idx


def _warm_outlets(index, outlets, start=1000):
    """Give each outlet a history, so its repeated lines are known."""
    for n, outlet in enumerate(outlets):
        for k in range(5):
            body = make_story(start + 10 * n + k)
            index.add(f"warm-{outlet}-{k}", outlet_page(body, outlet), outlet=outlet)


def test_wire_original_and_edited_reprints_form_one_cluster(index):
    story = make_story(1)
    original = index.add("wire", wire_version(story, "OSLO"), outlet="Reuters")
    assert original.duplicate_of is None and original.origin == "Reuters"
    reprints = {
        "trimmed": outlet_page(story[:4], "Daily A", "Oslo port plan"),
        "extended": outlet_page(
            [*story, "Local firms in our town said they welcome it."], "Daily B"
        ),
        "respelled": outlet_page([respell(p) for p in story], "Daily C", "OSLO TO EXPAND PORT"),
        "dropped_middle": outlet_page(story[:3] + story[4:], "Daily D"),
    }
    for name, text in reprints.items():
        match = index.add(name, text, outlet=name)
        assert match.duplicate_of is not None, name
        assert match.cluster_id == original.cluster_id, name
        assert match.origin == "Reuters"  # the credit was stripped, the cluster knows it
    trimmed = index.add("trimmed-again", "\n\n".join(story[:3]))
    assert trimmed.relation == "contained_in"


def test_teaser_and_first_take_link_both_ways(index):
    _warm_outlets(index, ["AFP"], start=3000)
    story = make_story(2, paragraphs=9)
    first_take = index.add("take", wire_version(story[:2], "LIMA", "AFP"), outlet="AFP")
    full = index.add("full", wire_version(story, "LIMA", "AFP"), outlet="AFP")
    assert full.duplicate_of == "take" and full.relation == "contains"
    teaser = index.add("teaser", story[0] + "\n\nRead the full story at AFP.", outlet="Agg")
    assert teaser.cluster_id == first_take.cluster_id
    assert first_take.origin == teaser.origin == "AFP"


def test_shared_background_paragraph_is_not_a_copy(index):
    a, b = make_story(3), make_story(4)
    background = (
        "The region has been hit by years of drought, and aid groups estimate that "
        "two million people depend on food deliveries along the northern corridor."
    )
    first = index.add("a", "\n\n".join([a[0], a[1], background, a[2]]))
    short = index.add("b", "\n\n".join([b[0], background]))
    assert short.duplicate_of is None
    assert short.cluster_id != first.cluster_id


def test_templated_briefs_differ_in_numbers(index):
    template = (
        "Treasury balances at the central bank rose on {d} to {a} billion dlrs from {b} "
        "billion dlrs the previous business day, the ministry said in its latest budget "
        "statement.\n\nBalances in tax and loan accounts fell to {c} billion dlrs from "
        "{e} billion dlrs on the same respective days."
    )
    one = index.add("one", template.format(d="Feb 25", a="4.151", b="2.727", c="25.1", e="25.7"))
    two = index.add("two", template.format(d="Feb 26", a="3.420", b="4.151", c="24.8", e="25.1"))
    assert two.duplicate_of is None and two.cluster_id != one.cluster_id


def test_outlet_repeated_lines_are_no_evidence(index):
    _warm_outlets(index, ["Gazette"])
    first = index.add("g1", outlet_page(make_story(5, 2), "Gazette"), outlet="Gazette")
    second = index.add("g2", outlet_page(make_story(6, 2), "Gazette"), outlet="Gazette")
    assert second.duplicate_of is None and second.cluster_id != first.cluster_id
    assert second.evidence["outlet_lines_dropped"] >= 3


def test_outlet_first_take_then_full_story_still_links(index):
    _warm_outlets(index, ["Wire Desk"], start=2000)
    story = make_story(7, 6)
    index.add("t", outlet_page(story[:2], "Wire Desk"), outlet="Wire Desk")
    full = index.add("f", outlet_page(story, "Wire Desk"), outlet="Wire Desk")
    assert full.duplicate_of == "t"


def test_unrelated_stories_stay_apart(index):
    clusters = {index.add(f"s{i}", "\n\n".join(make_story(100 + i))).cluster_id for i in range(40)}
    assert len(clusters) == 40


def test_match_dict_is_json_ready(index):
    story = make_story(8)
    index.add("x", "\n\n".join(story))
    data = index.add("y", "\n\n".join(story[:5])).to_dict()
    assert set(data) == {
        "article_id",
        "cluster_id",
        "duplicate_of",
        "jaccard",
        "containment",
        "relation",
        "origin",
        "wire",
        "evidence",
        "origin_rule",
        "changes",
        "index_state",
    }
    assert json.loads(json.dumps(data)) == data
    assert data["duplicate_of"] == "x" and 0 < data["jaccard"] <= data["containment"] <= 1


def test_readding_an_id_returns_its_verdict(index):
    story = make_story(9)
    index.add("p", "\n\n".join(story))
    index.add("q", "\n\n".join(story))
    again = index.add("q", "\n\n".join(story))
    assert again.duplicate_of == "p" and again.evidence["reason"] == "already_indexed"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "word", None])
def test_empty_or_tiny_text_gives_no_link(index, text):
    match = index.add("tiny", text)
    assert match.duplicate_of is None and match.cluster_id


def test_missing_id_is_a_clear_error(index):
    with pytest.raises(ValueError):
        index.add("", "some text here")


def test_huge_text_is_bounded(index):
    story = "\n\n".join(make_story(10))
    huge = story + "\n\n" + ("filler words repeated again " * 200 + "\n\n") * 900
    assert len(huge) > 5_000_000
    index.add("huge", huge)
    assert index.add("copy", story).duplicate_of == "huge"


@pytest.mark.parametrize(
    "text",
    [
        "国务院总理今天在北京主持召开会议，研究部署进一步扩大对外开放的政策措施。会议指出，"
        "要稳定外贸外资基本盘，推动贸易和投资自由化便利化。\n\n"
        "会议决定，在沿海地区新设一批自由贸易试验区，并简化审批程序。",
        "قال وزير الخارجية السوري وليد المعلم يوم الاثنين إن دمشق مستعدة لبدء حوار سياسي "
        "مع المعارضة بعد وقف العنف في المدن والبلدات.\n\n"
        "وأضاف أن بلاده تتعاون مع المبعوث الدولي لتنفيذ خطة السلام.",
        "Заместитель министра иностранных дел России заявил в понедельник, что Москва "
        "активно работает с Дамаском, чтобы начать процесс политического урегулирования.\n\n"
        "Он также подчеркнул, что любые изменения должны происходить изнутри страны.",
    ],
    ids=["chinese", "arabic", "russian"],
)
def test_non_latin_scripts_yield_shingles_and_match(index, text):
    assert fingerprint(split_paragraphs(text)).n_shingles >= 10
    index.add("orig", text + "\n\nsource line")
    copy = index.add("copy", text.split("\n\n")[0])
    assert copy.duplicate_of == "orig"


def test_bad_store_url():
    with pytest.raises(BadStoreURL):
        SyndicationIndex.open("ftp://nowhere")
    with pytest.raises(BadStoreURL):
        SyndicationIndex.open("no-scheme")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_seed_pair_lands_in_one_cluster(index, order):
    # The seed story as the two outlets printed it, cleaned as a crawl cleans it.
    pages = [FIXTURES / "seed_zeenews.html", FIXTURES / "seed_jpost.html"]
    texts = [extract(page.read_bytes()).text for page in pages]
    first, second = order
    a = index.add("seed-a", texts[first])
    b = index.add("seed-b", texts[second])
    assert b.duplicate_of == "seed-a" and b.cluster_id == a.cluster_id
    # zeenews credits its own desk, jpost credits nobody; Itar-Tass is only quoted.
    assert b.origin is None
    assert {a.wire, b.wire} == {"Bureau Report", None}


def _block(text: str) -> str:
    return " ".join(text.split())


def test_one_block_copies_link_like_paragraphed_ones(index):
    story = make_story(41, paragraphs=9)
    original = index.add("wire", _block(wire_version(story, "OSLO")), outlet="Reuters")
    trimmed = index.add("trimmed", _block("\n\n".join(story[:4])), outlet="Daily A")
    take = index.add("take", _block(story[0]), outlet="Daily B")
    paragraphed = index.add("para", "\n\n".join(story[:6]), outlet="Daily C")
    for copy in (trimmed, take, paragraphed):
        assert copy.duplicate_of is not None and copy.cluster_id == original.cluster_id
    assert trimmed.changes["unit"] == "window" and trimmed.changes["dropped"] >= 1


def test_a_full_story_in_one_block_links_to_its_first_take_despite_the_shared_sign_off(index):
    # The agency's own stories, enough for its outlet to be past its warm-up.
    for n in range(6):
        index.add(f"other{n}", _block(wire_version(make_story(60 + n), "LIMA")), outlet="Reuters")
    story = make_story(45, paragraphs=12)
    # The story's own sign-off, which the agency's other stories do not print.
    sign_off = "(Reporting by Marta Ortega and Luis Pena in Lima; Editing by Jane Doe)"
    take = index.add("take", _block(" ".join([*story[:3], sign_off])), outlet="Reuters")
    # Both end with it, far below the shared lead: one run and a stray
    # unit, not an outlet's header and footer around two stories.
    full = index.add("full", _block(" ".join([*story, sign_off])), outlet="Reuters")
    assert full.duplicate_of == "take" and full.cluster_id == take.cluster_id


def test_two_stories_in_one_block_sharing_an_opening_line_and_a_sign_off_are_not_copies(index):
    opening = "Markets were calm on Monday as traders waited for the central bank decision."
    sign_off = "(Reporting by Marta Ortega and Luis Pena in Lima; Editing by Jane Doe)"
    first = index.add("a", _block(" ".join([opening, *make_story(46), sign_off])))
    second = index.add("b", _block(" ".join([opening, *make_story(47), sign_off])))
    assert second.duplicate_of is None and second.cluster_id != first.cluster_id


def test_one_shared_background_paragraph_in_one_block_is_not_a_copy(index):
    a, b = make_story(42), make_story(43)
    background = (
        "The region has been hit by years of drought, and aid groups estimate that "
        "two million people depend on food deliveries along the northern corridor, "
        "where roads are often cut for weeks by floods and fighting between armed groups."
    )
    first = index.add("a", _block("\n\n".join([a[0], a[1], background, a[2], a[3]])))
    short = index.add("b", _block("\n\n".join([b[0], background])))
    assert short.duplicate_of is None and short.cluster_id != first.cluster_id


def test_an_outlets_header_and_footer_in_one_block_make_no_copy(index):
    for n in range(8):
        page = outlet_page(make_story(50 + n), "Valley Post", "Headline")
        match = index.add(f"v{n}", _block(page), outlet="Valley Post")
        assert match.duplicate_of is None, n


def test_changes_say_what_a_copy_kept_dropped_and_added(index):
    story = make_story(44, paragraphs=8)
    index.add("w", "\n\n".join(story), title="Oslo plans to expand the port")
    same = index.add("same", "\n\n".join(story), title="Oslo plans to expand the port")
    trimmed = index.add("trim", "\n\n".join(story[:5]), title="OSLO PORT PLAN")
    local = "Shop owners in our town said they welcomed the plan and hoped for more jobs soon."
    extended = index.add("ext", "\n\n".join([*story, local]))
    assert same.changes["relation"] == "same" and same.changes["headline_changed"] is False
    assert trimmed.changes["relation"] == "trimmed" and trimmed.changes["headline_changed"]
    assert trimmed.changes["kept"] == 5 and trimmed.changes["dropped"] == 3
    assert trimmed.changes["dropped_at"] == [5, 6, 7]
    assert extended.changes["headline_changed"] is None  # no headline given
    assert extended.changes["added"] == 1 and extended.changes["added_spans"] == [local[:79] + "…"]
    assert len(json.dumps(extended.to_dict())) < 2000


@pytest.mark.parametrize(
    ("sentence", "minimum_windows"),
    [
        ("The minister said the port would open next year after long delays. ", 4),
        ("وقال الوزير إن الميناء سيفتح العام المقبل بعد تأخير طويل؟ ", 4),
        ("وزیر نے کہا کہ بندرگاہ اگلے سال طویل تاخیر کے بعد کھل جائے گی۔ ", 4),
        ("मंत्री ने कहा कि बंदरगाह लंबी देरी के बाद अगले साल खुलेगा। ", 4),
        ("部长说，港口将在长期延误后于明年开放。", 4),
        ("Министр сказал, что порт откроется в следующем году после долгих задержек. ", 4),
    ],
)
def test_long_blocks_are_cut_into_sentence_windows_in_every_script(sentence, minimum_windows):
    from newscrawl.syndication.fingerprint import fingerprint_parsed, parse_paragraphs, unit_texts

    block = sentence * 24
    parsed = parse_paragraphs([block])
    fp = fingerprint_parsed(parsed)
    units = unit_texts([block], parsed)
    assert fp.n_units == len(units) >= minimum_windows
    assert fp.continued.tolist() == list(range(1, fp.n_units))
    # Windows end at sentence ends: each one is whole sentences.
    assert all(unit.endswith(sentence.strip()[-1]) for unit in units)


def test_a_caller_that_found_no_credit_is_not_second_guessed():
    """wire="" says "looked, none": the index does not scan the text again."""
    text = (
        "MOSCOW (Reuters) - Russia said on Tuesday it was ready to work with Syria "
        "to end the violence, its foreign ministry said in a statement after talks."
    )
    index = SyndicationIndex.open("memory://")
    assert index.add("detected", text).wire == "Reuters"
    assert index.add("checked", text + " More.", wire="").wire is None


_BACKGROUND = (
    "The region has been hit by years of drought, and aid groups estimate that two million "
    "people depend on food deliveries along the northern corridor, where roads flooded twice "
    "last year and the main bridge at the border crossing has been closed to lorries since "
    "the spring, forcing convoys to take a mountain route that adds three days to each trip."
)


def test_two_agencies_briefs_sharing_background_stay_apart(index, monkeypatch):
    a, b = make_story(5), make_story(6)
    reuters = "\n\n".join([f"GENEVA, Mar 6 (Reuters) - {a[0]}", _BACKGROUND, a[1]])
    afp = "\n\n".join([f"NAIROBI, March 6 (AFP) - {b[0]}", _BACKGROUND])
    first = index.add("reuters", reuters)
    brief = index.add("afp", afp)
    assert (first.wire, brief.wire) == ("Reuters", "AFP")
    assert brief.duplicate_of is None
    assert brief.evidence["credit_conflicts"] == 1
    # The credits are what keeps them apart: the shared paragraph alone links.
    monkeypatch.setattr("newscrawl.syndication.index.WEAK_MATCH_UNITS", 0)
    with SyndicationIndex.open("memory://") as fresh:
        fresh.add("reuters", reuters)
        assert fresh.add("afp", afp).duplicate_of == "reuters"


def test_a_copy_under_another_agencys_credit_still_links(index):
    story = make_story(7)
    index.add("wire", wire_version(story, "OSLO", "Reuters"))
    miscredited = index.add("copy", wire_version(story, "OSLO", "AFP"))
    assert miscredited.duplicate_of == "wire"
