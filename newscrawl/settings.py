"""Scrapy settings of the newscrawl project.

Every ``NEWSCRAWL_*`` setting is listed, with its default and meaning, in the
README; the defaults live here so that ``scrapy settings --get NAME`` shows
them. Scrapy settings are set to safe, polite values for crawling real outlets.
"""

from pathlib import Path

from newscrawl import __version__

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders.outlets"
# `scrapy genspider -t outlet NAME DOMAIN` scaffolds an outlet spec from here.
TEMPLATES_DIR = str(Path(__file__).parent / "templates")
# Our `crawl` exits non-zero when articles were lost (see newscrawl/failures.py).
COMMANDS_MODULE = "newscrawl.commands"

USER_AGENT = f"newscrawl/{__version__} (news text collection; +https://pypi.org/project/scrapy/)"

# Politeness and safety.
ROBOTSTXT_OBEY = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
# News pages are rarely over a few MB; a cap stops a runaway or hostile response.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

ITEM_PIPELINES = {
    "newscrawl.pipelines.extraction.ExtractionPipeline": 100,
    "newscrawl.pipelines.deduplication.DeduplicationPipeline": 200,
    "newscrawl.pipelines.validation.ValidationPipeline": 300,
    "newscrawl.pipelines.syndication.SyndicationPipeline": 400,
    # Last: records an article only once its line is in the output.
    "newscrawl.incremental.RecordCollectedPipeline": 900,
}
# Before RobotsTxtMiddleware: a collected article costs no request at all.
DOWNLOADER_MIDDLEWARES = {"newscrawl.incremental.SkipCollectedMiddleware": 75}
# Fingerprints for one run only, so a JOBDIR resume survives SIGKILL: the
# record of collected articles, not the dupefilter, says what is done
# (see newscrawl/incremental/resume.py).
DUPEFILTER_CLASS = "newscrawl.incremental.RunDupeFilter"

# One JSON object per article, UTF-8 and unescaped. Without -o/-O or FEEDS,
# items go to NEWSCRAWL_DEFAULT_FEED (see newscrawl.addons.DefaultFeed).
FEED_EXPORT_ENCODING = "utf-8"
# Each JSON line reaches the file as soon as it is exported: a kill never cuts a line.
FEED_STORAGES = {
    "": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
    "file": "newscrawl.incremental.feeds.LineFlushingFileFeedStorage",
}

EXTENSIONS = {
    # Before StatsFile, so that the summary lands in the stats file.
    "newscrawl.extensions.summary.CrawlSummary": 400,
    "newscrawl.extensions.statsfile.StatsFile": 500,
}
# The scale-out profile; does nothing unless NEWSCRAWL_REDIS_URL is set.
ADDONS = {
    "newscrawl.addons.DefaultFeed": 0,
    "newscrawl.distributed.RedisProfile": 0,
}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"

# --- newscrawl ---------------------------------------------------------------
# Where newscrawl keeps state between runs (the SQLite syndication index, the
# record of collected articles); None: .scrapy/newscrawl in the project folder.
NEWSCRAWL_DATA_DIR = None
# Extraction: worker processes for the CPU-bound cleaning (0 runs it inline).
NEWSCRAWL_EXTRACTION_WORKERS = 0
NEWSCRAWL_CLEANING_DISABLED_KINDS: list[str] = []
# Validation: the least text an article may have, in words.
NEWSCRAWL_MIN_WORDS = 20
# Discovery: how many listing-page hops to follow from a start page.
NEWSCRAWL_LISTING_DEPTH = 3
# Query parameters stripped from article URLs before they are requested.
NEWSCRAWL_TRACKING_PARAMS: list[str] = []
# Where items go when no -o/-O or FEEDS says otherwise; None: nowhere.
NEWSCRAWL_DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"
# Where to write the crawl's stats as JSON; None: beside the local feed output.
NEWSCRAWL_STATS_FILE = None
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
