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
}

# One JSON object per article, UTF-8 and unescaped. `-o`/`-O` on the command
# line replace this default.
FEED_EXPORT_ENCODING = "utf-8"
FEEDS = {
    "output/%(name)s/%(time)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "store_empty": False,
    },
}

EXTENSIONS = {
    "newscrawl.extensions.statsfile.StatsFile": 500,
}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"

# --- newscrawl ---------------------------------------------------------------
# Extraction: worker processes for the CPU-bound cleaning (0 runs it inline).
NEWSCRAWL_EXTRACTION_WORKERS = 0
NEWSCRAWL_CLEANING_DISABLED_KINDS: list[str] = []
# Validation: the least text an article may have, in words.
NEWSCRAWL_MIN_WORDS = 20
# Discovery: how many listing-page hops to follow from a start page.
NEWSCRAWL_LISTING_DEPTH = 3
# Query parameters stripped from article URLs before they are requested.
NEWSCRAWL_TRACKING_PARAMS: list[str] = []
# Where to write the crawl's stats as JSON; None: beside the local feed output.
NEWSCRAWL_STATS_FILE = None
