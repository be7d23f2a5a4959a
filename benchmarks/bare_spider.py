"""A bare Scrapy spider for the throughput baseline: sitemap in, pages out, no cleaning."""

from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"

    def __init__(self, sitemap: str, **kwargs):
        super().__init__(**kwargs)
        self.sitemap_urls = [sitemap]

    def parse(self, response):
        yield {"url": response.url, "title": response.css("title::text").get()}
