from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider


class JPostSpider(NewsSpider):
    name = "jpost"
    outlet = Outlet(
        name="The Jerusalem Post",
        domains=("jpost.com",),
        sitemaps=("https://www.jpost.com/robots.txt",),
        feeds=("https://www.jpost.com/rss/rssfeedsfrontpage.aspx",),
        article_urls=(r"/article-\d+", r"jpost\.com/[\w-]+/[\w-]+-\d{5,}"),
        exclude_urls=(r"/(?:video|podcast|opinion/cartoon)/",),
        language="en",
    )
