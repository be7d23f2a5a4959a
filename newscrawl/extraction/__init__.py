"""Boilerplate-aware article extraction.

``extract(html, url)`` returns an :class:`Extraction`: the clean article text,
its paragraphs, title and metadata, and ``removed``, every block dropped on
the way with its kind (see :data:`KINDS`), its text and the rule that dropped
it. ``extract_text`` is the text-only shortcut.
"""

from .core import MAX_HTML_CHARS, extract, extract_text
from .kinds import KINDS
from .model import Extraction
from .repetition import OutletMemory, fingerprint

__all__ = [
    "KINDS",
    "MAX_HTML_CHARS",
    "Extraction",
    "OutletMemory",
    "extract",
    "extract_text",
    "fingerprint",
]
