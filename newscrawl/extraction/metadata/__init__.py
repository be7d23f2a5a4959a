"""Page metadata: title, authors, dates, language, canonical URL and the like.

Read from what a page declares about itself, in order of trust:

1. JSON-LD (``<script type="application/ld+json">``), see :mod:`.jsonld`.
2. OpenGraph and ``article:*`` properties.
3. Other ``<meta>`` conventions (``author``, ``parsely-*``, ``sailthru.*``,
   Dublin Core, ``pubdate``-style names), microdata ``itemprop`` on any
   element, and ``<time datetime>`` in the article or byline.
4. ``<link rel=canonical>``, ``<html lang>``, ``<title>`` and ``<h1>``.

Everything is read from the lxml tree the caller already parsed, with a single
pass over the head elements and a handful of XPath queries, because it runs
on every page. One module per job: :mod:`.jsonld`, :mod:`.authors`,
:mod:`.language`, :mod:`.titles`, :mod:`.dates` (which date fields; the
parsing is :mod:`newscrawl.extraction.dates`), :mod:`.site`,
:mod:`.canonical`, :mod:`.topics`, :mod:`.kind`; :mod:`.extract` puts them
together.

Conventions of the result: dates are ISO 8601 (see
:mod:`newscrawl.extraction.dates`); ``language`` is a BCP 47 tag in its
canonical case ("en", "en-GB", "zh-Hant-TW", see :func:`normalize_language`);
``canonical_url`` is an absolute http(s) URL or None.
"""

from .authors import split_authors
from .extract import extract_metadata
from .language import normalize_language
from .record import Metadata
from .titles import strip_title_suffix

__all__ = [
    "Metadata",
    "extract_metadata",
    "normalize_language",
    "split_authors",
    "strip_title_suffix",
]
