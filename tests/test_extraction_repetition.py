"""OutletMemory: lines an outlet repeats on many pages are learned and dropped."""

from __future__ import annotations

import pytest

from newscrawl.extraction import OutletMemory, extract, fingerprint
from newscrawl.extraction.classify import Context, classify
from newscrawl.extraction.content import Block

STORIES = [
    (
        f"Story number {n} begins with a distinct opening paragraph about topic {word}, "
        f"written for this page only and long enough to be an article paragraph.",
        f"The second paragraph of story {n} adds detail on {word} that no other page has, "
        f"with quotes from residents and officials.",
    )
    for n, word in enumerate(["bridges", "schools", "harbours", "rail", "parks", "taxes"])
]
HOUSE_LINE = "Got a tip about your neighbourhood? Write to the desk any time."


def outlet_page(story: tuple[str, str]) -> str:
    return (
        "<html><body><article>"
        f"<p>{story[0]}</p><p>{HOUSE_LINE}</p><p>{story[1]}</p>"
        "</article></body></html>"
    )


def test_fingerprint_is_stable_and_ignores_case_digits_punctuation():
    assert fingerprint("You have 3 free articles left!") == fingerprint(
        "you have 5 FREE articles left"
    )
    assert fingerprint("a") != fingerprint("b")
    assert isinstance(fingerprint("x"), int) and fingerprint("x") == fingerprint("x")


def test_outlet_repeated_line_is_learned_then_dropped():
    memory = OutletMemory(min_pages=3, min_share=0.5)
    first = extract(outlet_page(STORIES[0]))
    assert HOUSE_LINE in first.text  # nothing learned yet
    for story in STORIES[:4]:
        memory.observe("daily", extract(outlet_page(story), repeated=memory.repeated("daily")))
    repeated = memory.repeated("daily")
    assert fingerprint(HOUSE_LINE) in repeated
    assert fingerprint(STORIES[0][0]) not in repeated
    result = extract(outlet_page(STORIES[5]), repeated=repeated)
    assert HOUSE_LINE not in result.text
    assert result.paragraphs == list(STORIES[5])
    assert {
        "kind": "repeated",
        "text": HOUSE_LINE,
        "rule": "text:outlet-repeated",
    } in result.removed
    # Another outlet learned nothing.
    assert memory.repeated("other") == frozenset()


def test_repeated_kind_can_be_disabled():
    repeated = {fingerprint(HOUSE_LINE)}
    result = extract(outlet_page(STORIES[1]), repeated=repeated, disabled_kinds={"repeated"})
    assert HOUSE_LINE in result.text


def test_memory_is_bounded():
    memory = OutletMemory(max_fingerprints=100, max_outlets=3)
    for page in range(50):
        memory.observe("big", [page * 10 + i for i in range(10)] + [1])
    assert memory.pages("big") == 50
    assert 1 in memory.repeated("big")
    for name in ("a", "b", "c"):
        memory.observe(name, [1, 2])
    assert len(memory) == 3 and memory.pages("big") == 0


def test_repeated_lines_are_found_among_many_one_off_paragraphs():
    """Thousands of paragraphs seen once do not hide, or slow, the few repeated ones."""
    memory = OutletMemory(min_pages=3, min_share=0.2, max_fingerprints=5_000)
    house, rare = 10**9, 10**9 + 1
    for page in range(2_000):
        fingerprints = [page * 20 + i for i in range(20)] + [house]
        if page % 100 == 0:
            fingerprints.append(rare)  # on 1% of pages: not repeated enough
        memory.observe("daily", fingerprints)
        repeated = memory.repeated("daily")
        assert (house in repeated) == (page >= 2)
    assert rare not in repeated
    assert repeated == frozenset({house})


def _blocks(texts: list[str]) -> list[Block]:
    return [Block(text, "p", 0, len(text)) for text in texts]


def test_classify_with_fingerprints_given_drops_the_same_blocks():
    # As extract() calls it: the fingerprints are taken before classify()
    # strips the invisible characters from the blocks.
    texts = [
        STORIES[0][0],
        "Got a tip about your neigh\u00adbourhood? Write to the\u200b desk any time.",
        STORIES[0][1].replace("detail", "de\u00adtail"),
        "Got a tip about\u2060 your neighbourhood?\ufeff Write to the desk any time.",
    ]
    fingerprints = tuple(fingerprint(text) for text in texts)
    context = Context(repeated={fingerprint(HOUSE_LINE)})
    given = classify(_blocks(texts), context, fingerprints)
    computed = classify(_blocks(texts), context)
    assert given == computed
    assert [d.rule if d else None for d in given] == [
        None,
        "text:outlet-repeated",
        None,
        "text:outlet-repeated",
    ]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_classify_refuses_fingerprints_not_one_per_block(count):
    texts = [STORIES[0][0], HOUSE_LINE]
    with pytest.raises(ValueError, match="fingerprints"):
        classify(_blocks(texts), Context(), tuple(range(count)))
