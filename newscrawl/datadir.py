"""The folder where newscrawl keeps state between runs."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings
from scrapy.utils.project import data_path


def data_dir(settings: BaseSettings) -> Path:
    """``NEWSCRAWL_DATA_DIR``, or ``.scrapy/newscrawl`` in the project folder."""
    configured = settings.get("NEWSCRAWL_DATA_DIR")
    path = Path(configured) if configured else Path(data_path("newscrawl", createdir=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
