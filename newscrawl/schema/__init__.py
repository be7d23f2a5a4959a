"""The JSON Schema of one output line, shipped as package data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def article_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every output line satisfies."""
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    return json.loads(text)
