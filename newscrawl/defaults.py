"""The default of every ``NEWSCRAWL_*`` setting, defined here and nowhere else.

The project's settings module imports them (so ``scrapy settings --get NAME``
shows them), :class:`newscrawl.Addon` fills them in at add-on priority in any
other project, and the README's settings table is tested against this module.
Components read their settings without a fallback of their own.

The safe Scrapy settings newscrawl wants wherever it runs are here too, in
:data:`SAFE_SCRAPY_SETTINGS` (not a ``NEWSCRAWL_*`` setting, so not exported).
"""

from __future__ import annotations

from typing import Any

# Where newscrawl keeps state between runs (the SQLite syndication index, the
# record of collected articles); None: .scrapy/newscrawl in the project folder.
NEWSCRAWL_DATA_DIR = None
# The add-on adds newscrawl's spiders (demo, site, article, the shipped outlets)
# to SPIDER_MODULES, so that they run in any project.
NEWSCRAWL_SPIDERS = True
# Outlet specs by domain for pages a spider yields without one (see newscrawl.outletmap).
NEWSCRAWL_OUTLETS: dict[str, Any] = {}
# Extraction: worker processes for the CPU-bound cleaning (0 runs it inline).
NEWSCRAWL_EXTRACTION_WORKERS = 0
NEWSCRAWL_CLEANING_DISABLED_KINDS: list[str] = []
# Validation: the least text an article may have, in words.
NEWSCRAWL_MIN_WORDS = 20
# Discovery: how many listing-page hops to follow from a start page.
NEWSCRAWL_LISTING_DEPTH = 3
# Query parameters stripped from article URLs before they are requested.
NEWSCRAWL_TRACKING_PARAMS: list[str] = []
# What discovery follows: these schemes, on the outlet's hosts, on each
# scheme's default port or a port the outlet's own sources use, or these.
NEWSCRAWL_DISCOVERY_SCHEMES = ["http", "https"]
NEWSCRAWL_DISCOVERY_PORTS: list[int] = []
# Article requests in Scrapy's in-memory scheduler beyond those answered; the
# rest of what sitemaps, feeds and listings list waits in the spider's frontier
# (newscrawl/discovery/frontier.py). 0 hands everything on at once. Not used
# under JOBDIR or a distributed crawl, whose queues are not in memory.
NEWSCRAWL_DISCOVERY_AHEAD = 1000
# Follow a redirect off the site (counted as dropped/offsite_redirect if not).
NEWSCRAWL_FOLLOW_OFFSITE_REDIRECTS = False
# Sitemaps' own cap, downloaded and unpacked: the protocol allows 50 MB.
NEWSCRAWL_SITEMAP_MAXSIZE = 50 * 1024 * 1024
# Where items go when no -o/-O or FEEDS says otherwise; None: nowhere.
NEWSCRAWL_DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"
# Where to write the crawl's stats as JSON; None: beside the local feed output.
NEWSCRAWL_STATS_FILE = None
# The story report (HTML) written at the end of each crawl; a relative path
# goes beside the local feed output; None: no report.
NEWSCRAWL_REPORT = None
# Seconds between progress lines at INFO (articles, drops, links, pages/s); 0: none.
NEWSCRAWL_PROGRESS_INTERVAL = 60
# Incremental runs: skip articles an earlier run collected.
NEWSCRAWL_INCREMENTAL = True
# Fetch a collected article again when its sitemap lastmod changed.
NEWSCRAWL_REFETCH_MODIFIED = False
# Record of collected articles: sqlite:///PATH or redis://HOST:PORT/DB; None:
# Redis when NEWSCRAWL_REDIS_URL is set, else collected.sqlite3 in the data dir.
NEWSCRAWL_COLLECTED_STORE = None
# Seconds to wait for a locked record (or the Redis socket) before a store error.
NEWSCRAWL_COLLECTED_TIMEOUT = 30
# Scale-out: a shared queue, dupefilter, syndication index and record in Redis.
NEWSCRAWL_REDIS_URL = None
NEWSCRAWL_REDIS_CRAWL = ""
NEWSCRAWL_REDIS_WORKER_TTL = 60
NEWSCRAWL_REDIS_IDLE_POLL = 0.5
# Seconds to keep retrying a Redis that stopped answering before the crawl stops.
NEWSCRAWL_REDIS_RETRY_TIMEOUT = 60
# Syndication: the index of articles that finds wire copies across outlets.
NEWSCRAWL_SYNDICATION_ENABLED = True
# memory://, sqlite:///PATH or redis://HOST:PORT/DB; None: sqlite in the data dir.
NEWSCRAWL_SYNDICATION_STORE = None
# Retention (7d, 12h, seconds); None keeps every article.
NEWSCRAWL_SYNDICATION_WINDOW = None
NEWSCRAWL_SYNDICATION_TIMEOUT = 30
NEWSCRAWL_SYNDICATION_CONTAINMENT = 0.5
NEWSCRAWL_SYNDICATION_MAX_POSTINGS = 200
# Group commit: adds that arrive within BATCH_WAIT seconds of the first, up to
# BATCH_SIZE, share one transaction; an item waits at most BATCH_WAIT for it.
NEWSCRAWL_SYNDICATION_BATCH_SIZE = 32
NEWSCRAWL_SYNDICATION_BATCH_WAIT = 0.05
# Rendering (only for spiders that render; see newscrawl/browser/):
# a Chromium binary; None: PLAYWRIGHT_LAUNCH_OPTIONS, else a system Chromium.
NEWSCRAWL_BROWSER_PATH = None
NEWSCRAWL_BROWSER_ARGS: list[str] = []
NEWSCRAWL_BROWSER_CONCURRENCY = 4
NEWSCRAWL_BROWSER_PAGES_PER_CONTEXT = 100
NEWSCRAWL_BROWSER_WAIT_TIMEOUT = 5.0
NEWSCRAWL_BROWSER_BLOCK_RESOURCES = ["image", "font", "media"]
NEWSCRAWL_BROWSER_BLOCK_HOSTS: list[str] = []
# accept, reject, remove (take the overlay off) or none.
NEWSCRAWL_CONSENT_ACTION = "accept"
NEWSCRAWL_BROWSER_MAX_MEMORY_MB = 2048
NEWSCRAWL_BROWSER_MEMORY_ACTION = "restart"
NEWSCRAWL_BROWSER_MEMORY_CHECK_INTERVAL = 10.0

__all__ = [name for name in dict(globals()) if name.startswith("NEWSCRAWL_")]

# News pages are rarely over a few MB; a cap stops a runaway or hostile response.
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
WARN_RESPONSE_BYTES = 5 * 1024 * 1024

# Scrapy settings that keep a crawl safe wherever newscrawl runs: no listening
# ports, robots.txt obeyed, responses capped.
SAFE_SCRAPY_SETTINGS: dict[str, Any] = {
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "ROBOTSTXT_OBEY": True,
    "DOWNLOAD_MAXSIZE": MAX_RESPONSE_BYTES,
    "DOWNLOAD_WARNSIZE": WARN_RESPONSE_BYTES,
}


def newscrawl_defaults() -> dict[str, Any]:
    """Every ``NEWSCRAWL_*`` setting and its default (lists and dicts copied)."""
    values = globals()
    return {name: _copy(values[name]) for name in __all__}


def _copy(value: Any) -> Any:
    # Settings objects keep what they are given: a caller must not share our lists.
    if isinstance(value, list | dict):
        return type(value)(value)
    return value
