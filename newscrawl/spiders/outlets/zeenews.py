from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider


class ZeeNewsSpider(NewsSpider):
    name = "zeenews"
    outlet = Outlet(
        name="Zee News",
        domains=("zeenews.india.com",),
        sitemaps=("https://zeenews.india.com/robots.txt",),
        feeds=("https://zeenews.india.com/rss/world-news.xml",),
        article_urls=(r"_\d{4,}\.html$",),
        exclude_urls=(r"/(?:photos|videos|live-tv)/",),
        language="en",
    )
