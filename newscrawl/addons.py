"""Scrapy add-ons: newscrawl in any project with one ``ADDONS`` line.

- :class:`Addon` (``newscrawl.Addon``): the pipelines, middleware and
  extensions that turn :class:`~newscrawl.items.ArticlePage` items into clean,
  syndicated articles; every ``NEWSCRAWL_*`` default; safe Scrapy defaults;
  newscrawl's spiders.
- :class:`ResumeSafe`: the dupefilter and feed storage that make a JOBDIR
  resume survive SIGKILL without a cut line.
- :class:`DefaultFeed`: a default output file when no feed is configured.
- :class:`newscrawl.distributed.RedisProfile`: the scale-out profile.

Each sets what it sets at add-on priority, so the project's settings, a
spider's ``custom_settings`` and ``-s`` flags still win.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.misc import load_object

from newscrawl.defaults import SAFE_SCRAPY_SETTINGS, newscrawl_defaults

logger = logging.getLogger(__name__)

# Scrapy's own defaults are stored at this priority; anything above is a choice.
SCRAPY_DEFAULT_PRIORITY = 0

# What Addon adds, at these orders (ITEM_PIPELINES and friends).
PIPELINES = {
    "newscrawl.pipelines.extraction.ExtractionPipeline": 100,
    "newscrawl.pipelines.deduplication.DeduplicationPipeline": 200,
    "newscrawl.pipelines.validation.ValidationPipeline": 300,
    "newscrawl.pipelines.syndication.SyndicationPipeline": 400,
    # Last: records an article only once its line is in the output.
    "newscrawl.incremental.RecordCollectedPipeline": 900,
}
DOWNLOADER_MIDDLEWARES = {
    # Before RobotsTxtMiddleware (100): a collected article costs no request at all.
    "newscrawl.incremental.SkipCollectedMiddleware": 75,
}
EXTENSIONS = {
    "newscrawl.safety.UnsafeSettingsWarning": 0,
    # First: a setting that cannot work stops the crawl before it starts.
    "newscrawl.extensions.preflight.SettingsCheck": 0,
    # Before StatsFile, so that the summary lands in the stats file.
    "newscrawl.extensions.summary.CrawlSummary": 400,
    "newscrawl.extensions.statsfile.StatsFile": 500,
    "newscrawl.extensions.progress.CrawlProgress": 500,
    # After the stats file, so that the report reads the same stats.
    "newscrawl.extensions.report.CrawlReport": 600,
}
COMPONENTS = {
    "ITEM_PIPELINES": PIPELINES,
    "DOWNLOADER_MIDDLEWARES": DOWNLOADER_MIDDLEWARES,
    "EXTENSIONS": EXTENSIONS,
}
SPIDER_MODULE = "newscrawl.spiders"

RUN_DUPEFILTER = "newscrawl.incremental.RunDupeFilter"
LINE_FLUSHING_STORAGE = "newscrawl.incremental.feeds.LineFlushingFileFeedStorage"


def chosen(settings: BaseSettings, name: str) -> bool:
    """Whether anyone (project, spider, command line, an add-on) set ``name``."""
    return (settings.getpriority(name) or SCRAPY_DEFAULT_PRIORITY) > SCRAPY_DEFAULT_PRIORITY


def fill_newscrawl_defaults(settings: BaseSettings) -> None:
    """Every ``NEWSCRAWL_*`` default, at add-on priority: any other choice wins."""
    for name, value in newscrawl_defaults().items():
        settings.set(name, value, priority="addon")


def fill_safe_defaults(settings: BaseSettings) -> None:
    """The safe Scrapy settings, where nobody chose otherwise.

    A choice of the user's is kept; :class:`newscrawl.safety.UnsafeSettingsWarning`
    logs a warning for each unsafe one when the crawl starts.
    """
    for name, value in SAFE_SCRAPY_SETTINGS.items():
        if not chosen(settings, name):
            settings.set(name, value, priority="addon")
    settings.setdefault_in_component_priority_dict(
        "EXTENSIONS", load_object("newscrawl.safety.UnsafeSettingsWarning"), 0
    )


def add_components(settings: BaseSettings, components: dict[str, dict[str, int]]) -> None:
    """Add each component at its order unless the project already lists it (even disabled)."""
    for setting, orders in components.items():
        for path, order in orders.items():
            settings.setdefault_in_component_priority_dict(setting, load_object(path), order)


class Addon:
    """``ADDONS = {"newscrawl.Addon": 500}``: newscrawl in any Scrapy project.

    Adds the extraction, de-duplication, validation, syndication and record
    pipelines, the skip-collected downloader middleware and the summary, stats
    file and unsafe-settings extensions at the orders in :data:`COMPONENTS`;
    fills every ``NEWSCRAWL_*`` default; sets Telnet and remote control off,
    robots.txt obeyed and the response size cap where the project did not
    choose (a choice it made is kept, with a warning when unsafe); and adds
    newscrawl's spiders to SPIDER_MODULES (``NEWSCRAWL_SPIDERS``). The
    project's USER_AGENT, politeness, DUPEFILTER_CLASS, FEEDS and
    LOG_FORMATTER are left alone.
    """

    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        # The spider loader is built before update_settings runs: spiders go in here.
        fill_newscrawl_defaults(settings)
        if settings.getbool("NEWSCRAWL_SPIDERS"):
            settings.add_to_list("SPIDER_MODULES", SPIDER_MODULE)

    def update_settings(self, settings: BaseSettings) -> None:
        add_components(settings, COMPONENTS)
        fill_newscrawl_defaults(settings)
        fill_safe_defaults(settings)


class ResumeSafe:
    """``ADDONS = {"newscrawl.addons.ResumeSafe": 0}``: resume after SIGKILL.

    Sets DUPEFILTER_CLASS to :class:`~newscrawl.incremental.RunDupeFilter`
    (fingerprints for one run only: the record of collected articles, not the
    dupefilter, says what is done) and the local-file feed storages to
    :class:`~newscrawl.incremental.feeds.LineFlushingFileFeedStorage` (each
    JSON line reaches the file as it is exported). A DUPEFILTER_CLASS the
    project chose is kept, with a warning; feed storages it set for other
    schemes are kept.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if chosen(settings, "DUPEFILTER_CLASS"):
            current = settings.get("DUPEFILTER_CLASS")
            if load_object(current) is not load_object(RUN_DUPEFILTER):
                logger.warning(
                    "ResumeSafe keeps DUPEFILTER_CLASS=%s: a JOBDIR resume after a kill "
                    "may skip articles the output lacks",
                    current,
                )
        else:
            settings.set("DUPEFILTER_CLASS", RUN_DUPEFILTER, priority="addon")
        storages: dict[str, Any] = settings.getdict("FEED_STORAGES")
        for scheme in ("", "file"):
            storages.setdefault(scheme, LINE_FLUSHING_STORAGE)
        priority = max(settings.getpriority("FEED_STORAGES") or 0, SETTINGS_PRIORITIES["addon"])
        settings.set("FEED_STORAGES", storages, priority=priority)


class DefaultFeed:
    """Write items to ``NEWSCRAWL_DEFAULT_FEED`` when no feed is configured.

    A default in ``FEEDS`` itself would not do: Scrapy merges ``-o``/``-O``
    into ``FEEDS``, so every crawl given an output would also write the
    default file. Add-ons run after the command line is read, so this one
    sees whether the user named an output.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        fill_newscrawl_defaults(settings)  # it may run before newscrawl.Addon, or alone
        uri = settings.get("NEWSCRAWL_DEFAULT_FEED")
        if uri and not settings.getdict("FEEDS"):
            feed = {"format": "jsonlines", "encoding": "utf-8", "store_empty": False}
            settings.set("FEEDS", {uri: feed}, priority="addon")
