"""One file per outlet, each declaring an :class:`~newscrawl.outlet.Outlet`.

Scaffold a new one with ``scrapy genspider -t outlet NAME DOMAIN``.
"""
