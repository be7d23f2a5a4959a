"""Rendering pages in a real browser, for the outlets that need one.

Through scrapy-playwright and a headless Chromium, and only for spiders that
ask for it (``-a render=1``, ``-a render_urls=REGEX``, ``Outlet.render`` or
``Outlet.render_urls``); every other request stays on Scrapy's own HTTP.

- :mod:`~newscrawl.browser.launch`: finding a browser, and its flags;
- :mod:`~newscrawl.browser.wiring`: the settings that switch rendering on,
  and the requests that render;
- :mod:`~newscrawl.browser.page`: waiting for the article on the page;
- :mod:`~newscrawl.browser.consent`: answering consent walls;
- :mod:`~newscrawl.browser.abort`: requests the browser never makes;
- :mod:`~newscrawl.browser.middleware`: contexts, consent labels, crashes;
- :mod:`~newscrawl.browser.memory`: the browser's memory and its guard;
- :mod:`~newscrawl.browser.handler`: one download handler for http and https.
"""

from newscrawl.browser.launch import BrowserNotFound, find_browser, launch_options
from newscrawl.browser.wiring import enable_rendering, render_request

__all__ = [
    "BrowserNotFound",
    "enable_rendering",
    "find_browser",
    "launch_options",
    "render_request",
]
