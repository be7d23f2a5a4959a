"""The project's promises about itself: the README's commands and CI agree."""

from __future__ import annotations

import re

from newscrawl import settings as project_settings
from tests.conftest import ROOT


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", readme)


def test_readme_has_a_demo_and_a_test_command():
    demo, tests = readme_commands()[:2]
    assert "scrapy crawl demo" in demo
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_every_newscrawl_setting_is_documented():
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [name for name in dir(project_settings) if name.startswith("NEWSCRAWL_")]
    assert names
    for name in names:
        assert f"`{name}`" in readme, f"{name} is not in the README's settings table"
