"""The folder where newscrawl keeps state between runs."""

from __future__ import annotations

from pathlib import Path

from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.project import data_path


def data_dir(settings: BaseSettings) -> Path:
    """``NEWSCRAWL_DATA_DIR``, or ``.scrapy/newscrawl`` in the project folder.

    A project run without its scrapy.cfg in reach (settings named by
    SCRAPY_SETTINGS_MODULE, as under scrapyd) has no project folder:
    then, as Scrapy does outside a project, ``.scrapy`` in the working folder.
    """
    configured = settings.get("NEWSCRAWL_DATA_DIR")
    if configured:
        path = Path(configured)
    else:
        try:
            path = Path(data_path("newscrawl", createdir=False))
        except NotConfigured:
            path = Path(".scrapy", "newscrawl").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
