"""What a user would build instead: a sitemap spider whose pipeline runs trafilatura.

The comparison point of benchmarks/crawl.py. It cleans each page and keeps its
metadata, as newscrawl does, but finds no syndication.
"""

import trafilatura
from scrapy.spiders import SitemapSpider


class TrafilaturaPipeline:
    def process_item(self, item):
        document = trafilatura.bare_extraction(
            item.pop("html"), url=item["url"], with_metadata=True, as_dict=True
        )
        item["text"] = (document or {}).get("text")
        item["title"] = (document or {}).get("title")
        return item


class TrafilaturaSpider(SitemapSpider):
    name = "trafilatura"
    custom_settings = {"ITEM_PIPELINES": {f"{__name__}.TrafilaturaPipeline": 100}}

    def __init__(self, sitemap: str, **kwargs):
        super().__init__(**kwargs)
        self.sitemap_urls = [sitemap]

    def parse(self, response):
        yield {"url": response.url, "html": response.text}
