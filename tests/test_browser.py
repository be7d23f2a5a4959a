"""Rendering with a real headless Chromium, against pages served on 127.0.0.1.

Every crawl here is `scrapy crawl` in a subprocess, the way users run it,
with the system's Chromium (``.ci/run`` installs it). The consent walls are
our own small imitations of each platform's DOM (tests/fixtures/browser/):
the article is put into the page only after a button of the wall was
pressed, and the page reports which one to the server.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from newscrawl.browser import BrowserNotFound, consent, find_browser, launch_options
from newscrawl.browser.abort import RequestBlocker
from newscrawl.browser.launch import BROWSER_ARGS
from newscrawl.browser.memory import browser_pids, descendants, memory_mb
from newscrawl.browser.page import RenderOutcome, prepare_page
from newscrawl.browser.wiring import HANDLER
from newscrawl.demo.server import Page, SiteServer
from newscrawl.spiders.site import SiteSpider
from tests.conftest import ROOT, run_crawl, scrapy_env

FIXTURES = Path(__file__).parent / "fixtures" / "browser"
PLATFORMS = (
    "onetrust",
    "quantcast",
    "didomi",
    "sourcepoint",
    "usercentrics",
    "cookiebot",
    "trustarc",
)
# Home-made walls: (language, notice, the button's label).
PLAIN_BUTTONS = {
    "de": ("Wir verwenden Cookies, um unsere Website zu verbessern.", "Akzeptieren"),
    "fr": ("Nous utilisons des cookies pour améliorer votre expérience.", "J\u2019accepte"),
    "es": ("Utilizamos cookies para mejorar su experiencia.", "Aceptar"),
    "en": ("We use cookies to understand how you use this site.", "I agree"),
}
# Settings for the browser crawls: short waits, a small context share so
# contexts are rotated and closed within one test crawl.
BROWSER_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "4",
    "NEWSCRAWL_BROWSER_WAIT_TIMEOUT": "2",
    "NEWSCRAWL_BROWSER_PAGES_PER_CONTEXT": "4",
    "NEWSCRAWL_BROWSER_MEMORY_CHECK_INTERVAL": "0.5",
}

# For the crawls of the consent walls, which must not miss a wall on a busy
# machine: the browser waits up to 10 s for a quiet network (pages that go
# quiet sooner are read sooner), and a page gets 20 s, still less than the
# never-loading page's script takes (30 s), so that one times out as before.
WALL_SETTINGS = {
    **BROWSER_SETTINGS,
    "DOWNLOAD_TIMEOUT": "20",
    "NEWSCRAWL_BROWSER_WAIT_TIMEOUT": "10",
}

PLACES = ["Millbrook", "Ferncastle", "Wexley", "Ottery", "Haldane", "Rookwood", "Sallow",
          "Tarnbury", "Ulvercombe", "Vestry", "Wyndham", "Yarrow", "Zennor", "Abbotsley",
          "Bramhope", "Coldridge", "Dunsfold", "Eskdale"]  # fmt: skip


def story(number: int) -> tuple[str, list[str]]:
    """A title and paragraphs no other page of the test site has.

    Every paragraph names the place: the cleaner drops paragraphs that repeat
    across an outlet's pages, and its fingerprints ignore digits.
    """
    place = PLACES[number % len(PLACES)]
    title = f"{place} lantern festival draws record crowd to the river"
    paragraphs = [
        f"More than {4000 + number * 137} people lined the river at {place} on Saturday "
        f"evening for the lantern festival, the largest turnout since it began in {1990 + number}.",
        f"Volunteers from {number + 3} schools in {place} spent six weeks making the paper "
        f"lanterns, which were carried along the towpath before being floated past the old mill.",
        f"Organisers in {place} said the money raised would pay for new lighting on the "
        f"footbridge and a grant for the youth sailing club.",
    ]
    return title, paragraphs


def story_html(number: int) -> str:
    title, paragraphs = story(number)
    return f"<h1>{html.escape(title)}</h1>" + "".join(
        f"<p>{html.escape(p)}</p>" for p in paragraphs
    )


def fixture_page(name: str, number: int, **fills: str) -> Page:
    """A page of tests/fixtures/browser/ with story ``number`` filled in."""
    title, _ = story(number)
    text = (FIXTURES / name).read_text("utf-8")
    fills = {
        "__TITLE__": html.escape(title),
        "__STORY__": json.dumps(story_html(number)),
        "__STORY_HTML__": story_html(number),
        **fills,
    }
    for placeholder, value in fills.items():
        text = text.replace(placeholder, value)
    return Page(text.encode())


def build_pages() -> tuple[dict[str, Page], dict[str, int]]:
    """The pages of the browser tests, and the story number behind each path."""
    pages = {"/wall.js": Page((FIXTURES / "wall.js").read_bytes(), "text/javascript")}
    numbers: dict[str, int] = {}

    def add(path: str, number: int, page: Page) -> None:
        pages[path] = page
        numbers[path] = number

    add("/js/story.html", 0, fixture_page("js_article.html", 0))
    pages["/api/story.json"] = Page(
        json.dumps({"html": f"<article>{story_html(0)}</article>"}).encode(),
        "application/json",
    )
    pages["/img/lead-photo.jpg"] = Page(b"\xff\xd8\xff", "image/jpeg")
    for number, platform in enumerate(PLATFORMS, start=1):
        add(f"/walls/{platform}.html", number, fixture_page(f"{platform}.html", number))
    pages["/sourcepoint-message.html"] = Page((FIXTURES / "sourcepoint-message.html").read_bytes())
    for number, (lang, (notice, label)) in enumerate(PLAIN_BUTTONS.items(), start=10):
        page = fixture_page(
            "plain_button.html",
            number,
            __LANG__=lang,
            __NOTICE__=notice,
            __ACCEPT__=label,
            __MORE__="Settings",
        )
        add(f"/walls/plain-{lang}.html", number, page)
    add("/walls/overlay.html", 15, fixture_page("overlay.html", 15))
    add("/slow/never-loads.html", 16, fixture_page("never_loads.html", 16))
    pages["/never-answers.js"] = Page(b"// too late", "text/javascript", delay=30)
    pages["/crash/out-of-memory.html"] = Page((FIXTURES / "crash.html").read_bytes())
    return pages, numbers


@pytest.fixture(scope="module")
def browser_site():
    pages, numbers = build_pages()
    with SiteServer(pages) as server:
        # The Sourcepoint message comes from another origin, as on real sites.
        other_origin = server.base_url.replace("127.0.0.1", "localhost")
        path = "/walls/sourcepoint.html"
        pages[path] = Page(pages[path].body.replace(b"{OTHER_ORIGIN}", other_origin.encode()))
        server.numbers = numbers
        yield server


@pytest.fixture(scope="session")
def chromium() -> str:
    try:
        return find_browser(Settings()) or "playwright's chromium"
    except BrowserNotFound as exc:
        pytest.fail(str(exc))


def assert_story(item: dict, number: int) -> None:
    _, paragraphs = story(number)
    for paragraph in paragraphs:
        assert paragraph in item["text"], f"{item['url']} lacks: {paragraph}"


def answers(server: SiteServer, platform: str) -> list[str]:
    prefix = f"/answered/{platform}?choice="
    return [path.removeprefix(prefix) for path, _ in server.requests if path.startswith(prefix)]


# -- without a browser ---------------------------------------------------------


def test_blocker_drops_heavy_resources_and_trackers_but_never_the_page():
    blocker = RequestBlocker(hosts={"tracker.example", "doubleclick.net"})
    assert blocker.blocks("https://news.example/a.jpg", "image")
    assert blocker.blocks("https://news.example/font.woff2", "font")
    assert blocker.blocks("https://news.example/clip.mp4", "media")
    assert blocker.blocks("https://ad.doubleclick.net/x.js", "script")
    assert blocker.blocks("https://tracker.example/px", "xhr")
    assert not blocker.blocks("https://news.example/app.js", "script")
    assert not blocker.blocks("https://notdoubleclick.net/x.js", "script")
    assert not blocker.blocks("https://tracker.example/article.html", "document", main_frame=True)


def test_launch_options_work_as_root_without_background_calls(chromium):
    options = launch_options(Settings())
    for flag in ("--no-sandbox", "--disable-background-networking", "--disable-component-update"):
        assert flag in options["args"]
    assert options["headless"] is True
    assert os.access(options.get("executable_path", sys.executable), os.X_OK)


def test_browser_is_found_in_the_documented_order(tmp_path, monkeypatch, chromium):
    user = {"executable_path": "/opt/mine/chrome", "args": ["--x"]}
    assert launch_options(Settings({"PLAYWRIGHT_LAUNCH_OPTIONS": user})) == user

    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert find_browser(Settings({"NEWSCRAWL_BROWSER_PATH": str(fake)})) == str(fake)
    with pytest.raises(BrowserNotFound, match="apt-get install chromium"):
        find_browser(Settings({"NEWSCRAWL_BROWSER_PATH": str(tmp_path / "missing")}))

    # Nothing installed anywhere: the error says how to get a browser.
    monkeypatch.setattr("newscrawl.browser.launch.KNOWN_BINARIES", ())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "empty"))
    with pytest.raises(BrowserNotFound, match="NEWSCRAWL_BROWSER_PATH"):
        find_browser(Settings())
    # ...unless Playwright's own download is there, which Playwright finds itself.
    (tmp_path / "pw" / "chromium_headless_shell-1200").mkdir(parents=True)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "pw"))
    assert find_browser(Settings()) is None


def test_rendering_is_wired_only_into_spiders_that_render(chromium):
    plain = Crawler(SiteSpider, Settings())
    SiteSpider.from_crawler(plain, sitemap="http://127.0.0.1:1/sitemap.xml")
    assert "playwright" not in json.dumps(plain.settings.getdict("DOWNLOAD_HANDLERS"))
    assert plain.settings.get("PLAYWRIGHT_LAUNCH_OPTIONS") is None

    settings = Settings({"DOWNLOAD_HANDLERS": {"ftp": None}, "DOWNLOAD_TIMEOUT": 7})
    rendering = Crawler(SiteSpider, settings)
    SiteSpider.from_crawler(
        rendering, sitemap="http://127.0.0.1:1/sitemap.xml", render_urls="/video/"
    )
    handlers = rendering.settings.getdict("DOWNLOAD_HANDLERS")
    assert handlers["http"] == handlers["https"] == HANDLER
    assert handlers["ftp"] is None, "the project's own handlers are kept"
    args = rendering.settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")["args"]
    assert args[: len(BROWSER_ARGS)] == list(BROWSER_ARGS)
    # A page that never answers gives up at the crawl's own download timeout.
    assert rendering.settings.getfloat("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT") == 7000


def test_browser_memory_is_measured_over_the_driver_process_tree():
    # A stand-in "driver" (its command line carries the marks) with a child
    # that holds 60 MB: the tree and its memory are found from this process.
    script = textwrap.dedent("""
        import subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c",
            "import time; block = bytearray(60 * 1024 * 1024); time.sleep(30)"])
        time.sleep(30)
    """)
    driver = subprocess.Popen([sys.executable, "-c", script, "playwright", "run-driver"])
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pids = browser_pids()
            if len(pids) == 2 and memory_mb(pids) > 55:
                break
            time.sleep(0.1)
        assert pids[0] == driver.pid
        assert set(pids[1:]) == set(descendants(driver.pid))
        assert 55 < memory_mb(pids) < 200
    finally:
        for pid in descendants(driver.pid):
            os.kill(pid, 9)
        driver.kill()
        driver.wait()
    assert memory_mb([driver.pid]) == 0, "a process that is gone weighs nothing"


def test_missing_browser_is_a_clear_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "article", "-a", "url=http://127.0.0.1:1/a",
         "-a", "render=1", "-s", f"NEWSCRAWL_BROWSER_PATH={tmp_path / 'no-chrome'}",
         "-O", str(tmp_path / "out.jsonl")],
        cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "No Chromium found" in proc.stderr
    assert "apt-get install chromium" in proc.stderr


# -- with the browser ------------------------------------------------------------


@pytest.mark.slow
def test_rendered_crawl_waits_for_javascript_and_answers_every_consent_wall(
    tmp_path, browser_site, chromium
):
    base = browser_site.base_url
    paths = [p for p in browser_site.numbers if p != "/slow/never-loads.html"]
    urls = [base + "/slow/never-loads.html"] + [base + path for path in paths]
    result = run_crawl(
        tmp_path,
        "article",
        {"url": ",".join(urls), "render": "1"},
        # The browser's default concurrency: more pages at once on a busy
        # 2-core machine measure the machine, not the walls.
        {**WALL_SETTINGS, "CONCURRENT_REQUESTS": "4"},
        timeout=180,
    )
    items = result.by_url()
    assert sorted(items) == sorted(base + path for path in paths), "every page once but the slow"
    for url, item in items.items():
        assert item["rendered"] is True
        assert_story(item, browser_site.numbers[url.removeprefix(base)])

    # The article whose text arrived through JavaScript only.
    assert items[base + "/js/story.html"]["consent"] is None
    assert "Loading" not in items[base + "/js/story.html"]["text"]
    # Images and trackers were never fetched.
    assert browser_site.requested("/img/lead-photo.jpg") == 0
    assert result.stat("playwright/request_count/aborted") >= 2

    # Every platform's wall: its accept button was pressed, once.
    for platform in PLATFORMS:
        item = items[f"{base}/walls/{platform}.html"]
        assert item["consent"] == f"{platform}:accept", item["url"]
        assert answers(browser_site, platform) == ["accept"], platform
    for lang in PLAIN_BUTTONS:
        assert items[f"{base}/walls/plain-{lang}.html"]["consent"] == "button:accept", lang
    assert answers(browser_site, "button") == ["accept"] * len(PLAIN_BUTTONS)
    overlay = items[base + "/walls/overlay.html"]
    assert overlay["consent"] == "overlay:removed"
    assert "lamplighter" not in overlay["text"]

    # The page that never finished loading: a counted drop, and the rest came in.
    assert result.stat("newscrawl/dropped/timeout") == 1
    assert result.stats["finish_reason"] == "finished"
    # Contexts were rotated and the finished ones closed; memory was measured.
    assert result.stat("newscrawl/browser/contexts_closed") >= 2
    assert 0 < result.stat("newscrawl/browser/memory_max_mb") < 2048
    assert result.stat("newscrawl/browser/rendered") == len(paths)


@pytest.mark.slow
def test_reject_setting_presses_reject(tmp_path, browser_site, chromium):
    base = browser_site.base_url
    platforms = ("onetrust", "sourcepoint", "usercentrics", "cookiebot")
    result = run_crawl(
        tmp_path,
        "article",
        {"url": ",".join(f"{base}/walls/{p}.html" for p in platforms), "render": "1"},
        {**WALL_SETTINGS, "NEWSCRAWL_CONSENT_ACTION": "reject"},
    )
    items = result.by_url()
    for platform in platforms:
        assert items[f"{base}/walls/{platform}.html"]["consent"] == f"{platform}:reject"
        assert "reject" in answers(browser_site, platform)


@pytest.mark.slow
def test_a_crashed_tab_is_dropped_and_the_crawl_goes_on(tmp_path, browser_site, chromium):
    base = browser_site.base_url
    # Our own launch options, with a small JavaScript heap so the page that
    # hoards memory crashes its tab within a second.
    options = launch_options(Settings())
    options["args"] = [*options["args"], "--js-flags=--max-old-space-size=48"]
    result = run_crawl(
        tmp_path,
        "article",
        {"url": f"{base}/crash/out-of-memory.html,{base}/js/story.html", "render": "1"},
        {**BROWSER_SETTINGS, "PLAYWRIGHT_LAUNCH_OPTIONS": json.dumps(options)},
    )
    assert [item["url"] for item in result.items] == [f"{base}/js/story.html"]
    assert_story(result.items[0], 0)
    assert result.stat("newscrawl/dropped/page_crashed") == 1
    assert result.stats["finish_reason"] == "finished"


# The mixed crawl renders a dozen pages while the machine may be busy: each
# gets this long. The planet's page that never answers must still time out,
# so this test serves it held for longer still.
MIXED_DOWNLOAD_TIMEOUT = 20


@pytest.fixture
def patient_site(test_site):
    """The test site, with its page that never answers held past MIXED_DOWNLOAD_TIMEOUT."""
    pages = dict(test_site.pages)
    for path, page in test_site.pages.items():
        if page.delay:
            pages[path] = replace(page, delay=MIXED_DOWNLOAD_TIMEOUT * 3)
    with SiteServer(pages) as server:
        yield server


@pytest.mark.slow
def test_mixed_crawl_renders_only_the_chosen_outlets_and_yields_every_article_once(
    tmp_path, test_site, patient_site, chromium
):
    base = patient_site.base_url
    result = run_crawl(
        tmp_path,
        "site",
        {
            "sitemap": f"{base}/robots.txt",
            "feed": f"{base}/herald/rss.xml,{base}/herald/atom.xml",
            "start": f"{base}/courier/news/",
            "domains": "127.0.0.1",
            "since": "7d",
            "render_urls": r"/planet/\d{4}/",
        },
        {**BROWSER_SETTINGS, "DOWNLOAD_TIMEOUT": str(MIXED_DOWNLOAD_TIMEOUT)},
        timeout=180,
    )
    rendered = test_site.planet_fresh + test_site.planet_gz + test_site.planet_salvaged
    plain = test_site.herald + test_site.courier
    got = [item["url"] for item in result.items]
    assert sorted(got) == sorted(base + s.url_path for s in rendered + plain)
    items = result.by_url()
    for s in rendered:
        assert items[base + s.url_path]["rendered"] is True
    for s in plain:
        assert items[base + s.url_path]["rendered"] is False
    # Sitemaps, feeds, listings and plain articles went through Scrapy's own HTTP.
    sitemap_articles = result.stat("newscrawl/discovery/articles/sitemap")
    assert result.stat("playwright/page_count") == sitemap_articles
    # The planet's bad pages, rendered, are counted as they are without a browser.
    assert result.stat("newscrawl/dropped/http_404") == 1
    assert result.stat("newscrawl/dropped/http_500") == 1
    assert result.stat("newscrawl/dropped/timeout") == 1
    assert result.stats["finish_reason"] == "finished"


@pytest.mark.slow
def test_a_spider_that_does_not_render_never_starts_the_browser(tmp_path, test_site, site_server):
    base = site_server.base_url
    result = run_crawl(tmp_path, "site", {"start": f"{base}/courier/news/", "domains": "127.0.0.1"})
    assert len(result.items) == len(test_site.courier)
    assert not [key for key in result.stats if key.startswith(("playwright", "newscrawl/browser"))]
    assert "scrapy-playwright" not in result.log
    assert "Launching browser" not in result.log


@pytest.mark.slow
def test_memory_guard_restarts_the_browser_then_closes_the_spider(tmp_path, browser_site, chromium):
    base = browser_site.base_url
    slow = {f"/guard/{n}.html": fixture_page("overlay.html", 20 + n) for n in range(12)}
    for page in slow.values():
        page.delay = 0.4
    browser_site.pages.update(slow)
    result = run_crawl(
        tmp_path,
        "article",
        {"url": ",".join(base + path for path in slow), "render": "1"},
        {
            **BROWSER_SETTINGS,
            "NEWSCRAWL_BROWSER_MAX_MEMORY_MB": "1",
            "NEWSCRAWL_BROWSER_CONCURRENCY": "1",
            "CONCURRENT_REQUESTS": "1",
        },
    )
    assert result.stat("newscrawl/browser/restarts") == 1
    assert result.stats["finish_reason"] == "browser_memory"
    assert result.stat("newscrawl/browser/memory_limit_reached") == 1
    # The restart waited for the page in the browser, which was not lost.
    assert 1 <= len(result.items) < len(slow), "stopped early, with what it had"


def render_directly(url: str, **kwargs) -> tuple[str, RenderOutcome]:
    """Open ``url`` in our browser and run prepare_page on it, outside Scrapy."""

    async def run() -> tuple[str, RenderOutcome]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(**launch_options(Settings()))
            try:
                page = await browser.new_page()
                await page.goto(url, wait_until="domcontentloaded")
                outcome = await prepare_page(page, **kwargs)
                return await page.content(), outcome
            finally:
                await browser.close()

    return asyncio.run(run())


@pytest.mark.slow
def test_outlet_wait_selector_waits_past_network_idle_and_survives_a_bad_one(chromium):
    # The story lands 1.5 s after the network went quiet: only the outlet's
    # selector catches it; a selector that is not CSS is read past, not fatal.
    late = b"""<html><body><main></main><script>setTimeout(() => {
        document.querySelector("main").innerHTML = '<div class="story-body"><p>Late text</p></div>';
    }, 1500);</script></body></html>"""
    with SiteServer({"/late.html": Page(late)}) as server:
        url = server.base_url + "/late.html"
        content, outcome = render_directly(url, wait_selector=".story-body", wait_ms=4000)
        assert "Late text" in content
        assert outcome.waited == "selector"
        content, outcome = render_directly(url, wait_selector="<<not css>>", wait_ms=4000)
        assert outcome.waited == "error"
        assert outcome.consent is None


@contextmanager
def sourcepoint_wall_drawn_after(delay_ms: int | None):
    """A Sourcepoint wall whose message draws its buttons ``delay_ms`` after
    loading (never, for None): a slow consent server or a busy machine."""
    message = (FIXTURES / "sourcepoint-message.html").read_text("utf-8")
    body, script = message.split("<script>")
    late = body.replace('<div class="message-container">', '<div class="message-container" hidden>')
    if delay_ms is not None:
        show = f'document.querySelector(".message-container").hidden = false; }}, {delay_ms});'
        late += "<script>setTimeout(() => {" + script.replace("</script>", show + "</script>")
    with SiteServer({}) as server:
        other_origin = server.base_url.replace("127.0.0.1", "localhost")
        wall = (FIXTURES / "sourcepoint.html").read_text("utf-8")
        wall = wall.replace("{OTHER_ORIGIN}", other_origin).replace("__TITLE__", "Late wall")
        wall = wall.replace("__STORY__", json.dumps(story_html(1)))
        server.pages.update(
            {
                "/wall.js": Page((FIXTURES / "wall.js").read_bytes(), "text/javascript"),
                "/walls/sourcepoint.html": Page(wall.encode()),
                "/sourcepoint-message.html": Page(late.encode()),
            }
        )
        yield server


@pytest.mark.slow
def test_a_wall_whose_buttons_come_after_the_network_went_quiet_is_still_answered(chromium):
    with sourcepoint_wall_drawn_after(1500) as server:
        content, outcome = render_directly(server.base_url + "/walls/sourcepoint.html")
        assert outcome.consent == "sourcepoint:accept"
        assert answers(server, "sourcepoint") == ["accept"]
        assert story(1)[1][0] in content


@pytest.mark.slow
def test_a_crawl_that_waits_longer_for_its_pages_waits_as_long_for_the_wall_buttons(chromium):
    # 6 s is past the buttons' least wait (5 s), within what a page that
    # may take 8 s to get ready gives them.
    assert consent.BUTTON_WAIT_MS < 6000 < consent.Patience.for_page_wait(8000).buttons_ms
    with sourcepoint_wall_drawn_after(6000) as server:
        url = server.base_url + "/walls/sourcepoint.html"
        _, outcome = render_directly(url, wait_ms=8000)
        assert outcome.consent == "sourcepoint:accept"
        assert answers(server, "sourcepoint") == ["accept"]


@pytest.mark.slow
def test_a_platform_wall_whose_buttons_never_come_is_taken_off_the_page(chromium):
    # Its own container says nothing (the message is in the iframe), so only
    # knowing the platform's wall finds the overlay to remove.
    with sourcepoint_wall_drawn_after(None) as server:
        url = server.base_url + "/walls/sourcepoint.html"
        content, outcome = render_directly(url, wait_ms=1000)
        assert outcome.consent == "overlay:removed"
        assert answers(server, "sourcepoint") == []
        assert 'id="sp_message_iframe' not in content
        assert story(1)[1][0] in content
