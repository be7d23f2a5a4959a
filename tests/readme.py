"""The README's sections and code blocks, for tests that check it says what they run."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_section(heading: str) -> str:
    """The text under ``heading`` (``"### scrapyd"``) up to the next heading of its level."""
    readme = (ROOT / "README.md").read_text("utf-8")
    level = heading.split(" ", 1)[0]
    return readme.split(f"{heading}\n", 1)[1].split(f"\n{level} ", 1)[0]


def readme_block(heading: str, language: str, first_line: str) -> str:
    """The one ``language`` code block of that section that starts with ``first_line``."""
    blocks = re.findall(rf"```{language}\n(.*?)```", readme_section(heading), re.S)
    matching = [block for block in blocks if block.startswith(first_line)]
    assert len(matching) == 1, f"README {heading!r}: no one {language} block {first_line!r}"
    return matching[0]
