"""newscrawl: boilerplate-aware news collection for Scrapy."""

__version__ = "0.1.0"
