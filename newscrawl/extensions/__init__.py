"""Scrapy extensions: operations around a crawl (stats file, summary)."""
