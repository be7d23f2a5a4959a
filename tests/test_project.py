"""The project's promises about itself: the README's commands, CI and defaults agree."""

from __future__ import annotations

import ast
import re
import tomllib

from newscrawl import defaults
from newscrawl import settings as project_settings
from tests.conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text("utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", readme())


def test_readme_has_a_demo_and_a_test_command():
    demo, tests = readme_commands()[:2]
    assert "scrapy crawl demo" in demo
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_ci_tests_the_scrapy_floor_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    scrapy = next(d for d in project["project"]["dependencies"] if d.startswith("scrapy"))
    floor = re.search(r">=([\d.]+)", scrapy).group(1)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    # The floor is read from pyproject.toml, not written twice.
    assert "pyproject.toml" in ci and "scrapy==" in ci
    assert floor.count(".") == 1, "the floor names a minor release, tested as its .0"


def readme_settings_table() -> dict[str, str]:
    """``NEWSCRAWL_*`` name -> the default cell, from the README's settings table."""
    section = readme().split("## Settings\n", 1)[1]
    rows = re.findall(r"^\| `(NEWSCRAWL_[A-Z_]+)` \| (.+?) \| .+ \|$", section, re.M)
    return {name: cell.strip() for name, cell in rows}


def cell_value(cell: str):
    text = cell.strip("`")
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text  # a bare string, such as a path template


def test_the_readme_table_lists_every_default_with_its_value():
    table = readme_settings_table()
    values = defaults.newscrawl_defaults()
    assert set(table) == set(values), set(table) ^ set(values)
    for name, value in values.items():
        assert cell_value(table[name]) == value, (name, table[name], value)


def test_the_project_settings_take_every_default_from_the_defaults_module():
    names = {name for name in dir(project_settings) if name.startswith("NEWSCRAWL_")}
    assert names == set(defaults.__all__)
    source = (ROOT / "newscrawl" / "settings.py").read_text("utf-8")
    assert not re.search(r"^NEWSCRAWL_\w+\s*[:=]", source, re.M), "a default defined twice"


def test_no_component_carries_a_fallback_of_its_own():
    fallback = re.compile(r"""\.get\w*\(\s*["'](NEWSCRAWL_\w+)["']\s*,""")
    found = []
    for path in (ROOT / "newscrawl").rglob("*.py"):
        for match in fallback.finditer(path.read_text("utf-8")):
            found.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert not found, found
