"""Scrapy add-ons of the project (see ``ADDONS`` in the settings)."""

from __future__ import annotations

from scrapy.settings import BaseSettings


class DefaultFeed:
    """Write items to ``NEWSCRAWL_DEFAULT_FEED`` when no feed is configured.

    A default in ``FEEDS`` itself would not do: Scrapy merges ``-o``/``-O``
    into ``FEEDS``, so every crawl given an output would also write the
    default file. Add-ons run after the command line is read, so this one
    sees whether the user named an output.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        uri = settings.get("NEWSCRAWL_DEFAULT_FEED")
        if uri and not settings.getdict("FEEDS"):
            feed = {"format": "jsonlines", "encoding": "utf-8", "store_empty": False}
            settings.set("FEEDS", {uri: feed}, priority="addon")
