"""``scrapy genspider``, with newscrawl's ``outlet`` template beside Scrapy's own.

Enabled by ``COMMANDS_MODULE = "newscrawl.commands"``. Scrapy looks templates
up in one folder (``TEMPLATES_DIR``), so pointing that at newscrawl's would
hide ``basic``, ``crawl`` and the rest. This command answers with newscrawl's
folder for ``templates_dir`` only while one of its templates is asked for, and
leaves every other template to Scrapy. It also fails (exit 1) where Scrapy's
only prints: for a template that exists nowhere, and for a NEWSPIDER_MODULE
inside an installed package, where a new spider would land in site-packages.
"""

from __future__ import annotations

import sysconfig
from importlib import import_module
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.commands.genspider import Command as ScrapyGenspider

if TYPE_CHECKING:
    import argparse

TEMPLATES = files("newscrawl") / "templates" / "spiders"


def newscrawl_templates() -> dict[str, Path]:
    """newscrawl's spider templates by name."""
    return {
        entry.name.removesuffix(".tmpl"): Path(str(entry))
        for entry in TEMPLATES.iterdir()
        if entry.name.endswith(".tmpl")
    }


def installed_package_dir(path: Path) -> bool:
    """Whether ``path`` lies in an interpreter's site-packages, not in a project."""
    roots = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return any(path.is_relative_to(Path(root).resolve()) for root in roots)


class Command(ScrapyGenspider):
    # Set while one of newscrawl's templates is the one asked for.
    use_newscrawl_templates = False

    def short_desc(self) -> str:
        return "Generate new spider using pre-defined templates (newscrawl's outlet too)"

    @property
    def templates_dir(self) -> str:
        """Scrapy's templates folder, or newscrawl's while one of ours is asked for."""
        if self.use_newscrawl_templates:
            return str(Path(str(TEMPLATES)))
        return super().templates_dir

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        ours = newscrawl_templates()
        if opts.list:
            super().run(args, opts)
            print("\n".join(f"  {name}  (newscrawl)" for name in sorted(ours)))
            return
        if opts.dump:
            if self.choose(opts.dump, ours):
                super().run(args, opts)
            return
        if len(args) == 2 and not (self.choose(opts.template, ours) and self.target_is_a_project()):
            return
        super().run(args, opts)

    def choose(self, template: str, ours: dict[str, Path]) -> bool:
        """Whether ``template`` exists: a path, one of Scrapy's, or one of ours."""
        name = template.removesuffix(".tmpl")
        if Path(template).is_file() or Path(self.templates_dir, f"{name}.tmpl").exists():
            return True
        if name in ours:
            self.use_newscrawl_templates = True
            return True
        print(
            f"Unable to find template: {template}\n"
            'Use "scrapy genspider --list" to see all available templates.'
        )
        self.exitcode = 1
        return False

    def target_is_a_project(self) -> bool:
        assert self.settings is not None
        module_name = self.settings.get("NEWSPIDER_MODULE")
        if not module_name:
            return True  # Scrapy writes into the current folder
        module = import_module(module_name)
        folder = Path(module.__file__ or "").parent.resolve()
        if installed_package_dir(folder):
            print(
                f"NEWSPIDER_MODULE {module_name} is an installed package ({folder}): a spider "
                "written there would be lost on the next install. Run genspider in a project "
                "of your own (scrapy startproject NAME), with newscrawl enabled by "
                'ADDONS = {"newscrawl.Addon": 500} and COMMANDS_MODULE = "newscrawl.commands".'
            )
            self.exitcode = 1
            return False
        return True
