"""Scrapy settings of the newscrawl project.

Every ``NEWSCRAWL_*`` setting is listed, with its default and meaning, in the
README; the defaults live in :mod:`newscrawl.defaults` and are imported here so
that ``scrapy settings --get NAME`` shows them. The components are those
:class:`newscrawl.Addon` adds in any project (tests/test_project.py checks they
agree), plus what this project chooses for itself: polite and safe Scrapy
settings, the resume-safe dupefilter and feeds, the default feed and the Redis
profile.
"""

from newscrawl import __version__
from newscrawl.defaults import *  # noqa: F403 (every NEWSCRAWL_* default, defined once)
from newscrawl.defaults import MAX_RESPONSE_BYTES, WARN_RESPONSE_BYTES

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders.outlets"
# `scrapy genspider -t outlet NAME DOMAIN` scaffolds an outlet spec; Scrapy's
# own templates (basic, crawl, ...) stay available.
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
# Scrapy starts this many tasks for every response's output; an article page
# yields one item, so the default 100 only costs reactor time on every page.
CONCURRENT_ITEMS = 16
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = MAX_RESPONSE_BYTES
DOWNLOAD_WARNSIZE = WARN_RESPONSE_BYTES
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

# One JSON object per article, UTF-8 and unescaped.
FEED_EXPORT_ENCODING = "utf-8"

EXTENSIONS = {
    # First: a setting that cannot work stops the crawl before it starts.
    "newscrawl.extensions.preflight.SettingsCheck": 0,
    # Before StatsFile, so that the summary lands in the stats file.
    "newscrawl.extensions.summary.CrawlSummary": 400,
    "newscrawl.extensions.statsfile.StatsFile": 500,
    "newscrawl.extensions.progress.CrawlProgress": 500,
    # After the stats file, so that the report reads the same stats.
    "newscrawl.extensions.report.CrawlReport": 600,
}
ADDONS = {
    # The dupefilter that makes a JOBDIR resume survive SIGKILL, and feeds that
    # reach the file a whole line at a time (see newscrawl.addons.ResumeSafe).
    "newscrawl.addons.ResumeSafe": 0,
    # Without -o/-O or FEEDS, items go to NEWSCRAWL_DEFAULT_FEED.
    "newscrawl.addons.DefaultFeed": 0,
    # The scale-out profile; does nothing unless NEWSCRAWL_REDIS_URL is set.
    "newscrawl.distributed.RedisProfile": 0,
}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.NewsLogFormatter"
