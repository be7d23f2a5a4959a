"""newscrawl.Addon: what it changes in a crawler, and a foreign project that enables it.

The foreign-project tests run the README's "Use it in your own Scrapy project"
section as written: `scrapy startproject`, its settings lines, its spider and
its crawl command, against a local server that serves the two printings of the
demo snapshot's wire story and records each request's User-Agent.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newscrawl import Addon
from newscrawl.addons import COMPONENTS
from newscrawl.defaults import MAX_RESPONSE_BYTES, newscrawl_defaults
from tests import readme
from tests.conftest import ROOT

SNAPSHOT = ROOT / "newscrawl" / "demo" / "snapshot"
PRINTINGS = {
    "/jpost/middle-east/article-265213.html": SNAPSHOT / "jpost/middle-east/article-265213.html",
    "/zeenews/world/story_767365.html": SNAPSHOT
    / "zeenews/world/working-with-syria-to-end-violence-russia_767365.html",
}
PROJECT_USER_AGENT = "shopbot/1.0 (+https://shop.example/bot)"


def settings_dict(crawler) -> dict:
    """A crawler's settings as plain values, component dicts keyed by class."""
    values = crawler.settings.copy_to_dict()
    for name in COMPONENTS:
        values[name] = {load_object(k): v for k, v in crawler.settings.getdict(name).items()}
    return values


def changes(settings: dict | None = None) -> dict:
    """What the add-on changes over the same settings without it."""
    baseline = settings_dict(get_crawler(settings_dict=settings))
    with_addon = settings_dict(
        get_crawler(settings_dict={**(settings or {}), "ADDONS": {Addon: 500}})
    )
    return {
        name: value
        for name, value in with_addon.items()
        if name != "ADDONS" and baseline.get(name, object()) != value
    }


def classes(orders: dict[str, int]) -> dict[type, int]:
    return {load_object(path): order for path, order in orders.items()}


# -- the settings diff ------------------------------------------------------


def test_the_addon_changes_exactly_the_documented_settings():
    got = changes()
    expected = {
        "ITEM_PIPELINES": classes(COMPONENTS["ITEM_PIPELINES"]),
        "DOWNLOADER_MIDDLEWARES": classes(COMPONENTS["DOWNLOADER_MIDDLEWARES"]),
        "EXTENSIONS": classes(COMPONENTS["EXTENSIONS"]),
        "SPIDER_MODULES": ["newscrawl.spiders"],
        # Scrapy's test crawler already turns Telnet (and remote control) off.
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_MAXSIZE": MAX_RESPONSE_BYTES,
        "DOWNLOAD_WARNSIZE": 5 * 1024 * 1024,
        **newscrawl_defaults(),
    }
    if "REMOTE_CONTROL_ENABLED" not in get_crawler().settings:
        # Scrapy without a remote-control server (before 2.19) has no such setting.
        expected["REMOTE_CONTROL_ENABLED"] = False
    assert got == expected
    assert classes(COMPONENTS["ITEM_PIPELINES"]) == {
        load_object("newscrawl.pipelines.extraction.ExtractionPipeline"): 100,
        load_object("newscrawl.pipelines.deduplication.DeduplicationPipeline"): 200,
        load_object("newscrawl.pipelines.validation.ValidationPipeline"): 300,
        load_object("newscrawl.pipelines.syndication.SyndicationPipeline"): 400,
        load_object("newscrawl.incremental.RecordCollectedPipeline"): 900,
    }


def test_the_addon_leaves_the_projects_choices_alone():
    own = {
        "USER_AGENT": PROJECT_USER_AGENT,
        "ROBOTSTXT_OBEY": False,
        "DOWNLOAD_DELAY": 1.5,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "AUTOTHROTTLE_ENABLED": False,
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        "FEEDS": {"items.csv": {"format": "csv"}},
        "LOG_FORMATTER": "scrapy.logformatter.LogFormatter",
        "DOWNLOAD_MAXSIZE": 0,
        "NEWSCRAWL_MIN_WORDS": 5,
        "ITEM_PIPELINES": {"newscrawl.pipelines.validation.ValidationPipeline": None},
    }
    got = changes(own)
    assert not set(own) - {"ITEM_PIPELINES"} & set(got), got
    crawler = get_crawler(settings_dict={**own, "ADDONS": {Addon: 500}})
    for name, value in own.items():
        if name != "ITEM_PIPELINES":
            assert crawler.settings[name] == value, name
    # A component the project disabled stays disabled; the others are added.
    pipelines = crawler.settings.getdict("ITEM_PIPELINES")
    assert pipelines["newscrawl.pipelines.validation.ValidationPipeline"] is None
    assert len(pipelines) == len(COMPONENTS["ITEM_PIPELINES"])


def test_safe_choices_log_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="newscrawl.safety"):
        get_crawler(settings_dict={"ADDONS": {Addon: 500}})
    assert not [r for r in caplog.records if r.name == "newscrawl.safety"]


def test_unsafe_choices_are_kept_and_each_logged_once(caplog):
    unsafe = {
        "TELNETCONSOLE_ENABLED": True,
        "REMOTE_CONTROL_ENABLED": True,
        "ROBOTSTXT_OBEY": False,
        "DOWNLOAD_MAXSIZE": 0,
    }
    with caplog.at_level(logging.WARNING, logger="newscrawl.safety"):
        crawler = get_crawler(settings_dict={**unsafe, "ADDONS": {Addon: 500}})
    warnings = [r.getMessage() for r in caplog.records if r.name == "newscrawl.safety"]
    for name in unsafe:
        assert sum(name in warning for warning in warnings) == 1, (name, warnings)
        assert crawler.settings[name] == unsafe[name]
    assert crawler.stats.get_value("newscrawl/unsafe_settings") == 4


def test_newscrawls_spiders_bring_defaults_and_safety_without_the_addon():
    from newscrawl.spiders.site import SiteSpider

    crawler = get_crawler(SiteSpider, {"USER_AGENT": PROJECT_USER_AGENT})
    assert crawler.settings.getbool("ROBOTSTXT_OBEY") is True
    assert crawler.settings.getint("DOWNLOAD_MAXSIZE") == MAX_RESPONSE_BYTES
    assert crawler.settings["USER_AGENT"] == PROJECT_USER_AGENT
    for name, value in newscrawl_defaults().items():
        assert crawler.settings[name] == value, name
    extensions = crawler.settings.getdict("EXTENSIONS")
    assert load_object("newscrawl.safety.UnsafeSettingsWarning") in extensions
    # Without the add-on, the spider adds no pipelines: the project chooses those.
    assert not crawler.settings.getdict("ITEM_PIPELINES")
    kept = get_crawler(SiteSpider, {"ROBOTSTXT_OBEY": False})
    assert kept.settings.getbool("ROBOTSTXT_OBEY") is False
    assert kept.stats.get_value("newscrawl/unsafe_settings") == 1


def test_resume_safe_sets_the_dupefilter_and_line_flushing_feeds(caplog):
    resume = "newscrawl.addons.ResumeSafe"
    storage = "newscrawl.incremental.feeds.LineFlushingFileFeedStorage"
    s3 = "scrapy.extensions.feedexport.S3FeedStorage"
    got = get_crawler(settings_dict={"ADDONS": {resume: 0}, "FEED_STORAGES": {"s3": s3}})
    assert got.settings["DUPEFILTER_CLASS"] == "newscrawl.incremental.RunDupeFilter"
    assert got.settings.getdict("FEED_STORAGES") == {"": storage, "file": storage, "s3": s3}
    with caplog.at_level(logging.WARNING, logger="newscrawl.addons"):
        own = get_crawler(
            settings_dict={
                "ADDONS": {resume: 0},
                "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
            }
        )
    assert own.settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.BaseDupeFilter"
    assert any("keeps DUPEFILTER_CLASS" in r.getMessage() for r in caplog.records)


def test_default_feed_only_when_no_feed_is_named():
    default = "newscrawl.addons.DefaultFeed"
    alone = get_crawler(settings_dict={"ADDONS": {default: 0}})
    assert list(alone.settings.getdict("FEEDS")) == [newscrawl_defaults()["NEWSCRAWL_DEFAULT_FEED"]]
    named = get_crawler(
        settings_dict={"ADDONS": {default: 0}, "FEEDS": {"mine.csv": {"format": "csv"}}}
    )
    assert list(named.settings.getdict("FEEDS")) == ["mine.csv"]


def test_the_bundled_project_uses_the_addons_components_and_defaults():
    from newscrawl import settings as project

    for name, orders in COMPONENTS.items():
        project_orders = classes(getattr(project, name, {}))
        addon_orders = classes(orders)
        safety = load_object("newscrawl.safety.UnsafeSettingsWarning")
        # The project sets safe values itself, and newscrawl's spiders add the warning.
        addon_orders.pop(safety, None)
        assert project_orders == addon_orders, name
    for name, value in newscrawl_defaults().items():
        assert getattr(project, name) == value, name


# -- a foreign project ------------------------------------------------------


OWN_PROJECT = "## Use it in your own Scrapy project"


def readme_block(language: str, first_line: str) -> str:
    return readme.readme_block(OWN_PROJECT, language, first_line)


class RecordingServer:
    """Serves the two printings on 127.0.0.1; records (path, User-Agent) per request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                page = PRINTINGS.get(self.path)
                body = page.read_bytes() if page else b"User-agent: *\nDisallow: /\n"
                self.send_response(200 if page or self.path == "/robots.txt" else 404)
                kind = "text/html; charset=utf-8" if page else "text/plain"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def scrapy_in(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`scrapy ARGS` in the project folder, newscrawl from the environment, not the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "SCRAPY"))}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def foreign_project(tmp_path_factory) -> Iterator[Path]:
    """`scrapy startproject shop` with the README's lines and spider, and the project's own
    USER_AGENT and ROBOTSTXT_OBEY (off, which newscrawl would not choose)."""
    folder = tmp_path_factory.mktemp("foreign")
    created = scrapy_in(folder, "startproject", "shop")
    assert created.returncode == 0, created.stderr
    project = folder / "shop"
    settings = project / "shop" / "settings.py"
    own = f"USER_AGENT = {PROJECT_USER_AGENT!r}\nROBOTSTXT_OBEY = False\nDOWNLOAD_DELAY = 0\n"
    settings.write_text(
        settings.read_text("utf-8") + "\n" + own + readme_block("python", "# settings.py"),
        "utf-8",
    )
    spider = readme_block("python", "# spiders/news.py")
    (project / "shop" / "spiders" / "news.py").write_text(spider, "utf-8")
    yield project


@pytest.mark.slow
def test_a_foreign_project_gets_clean_syndicated_articles_and_its_own_items_untouched(
    foreign_project,
):
    command = readme_block("sh", "scrapy crawl news").strip()
    args = command.split()[1:]
    assert args[:2] == ["crawl", "news"] and args[-2:] == ["-O", "news.jsonl"]
    with RecordingServer() as server:
        urls = ",".join(server.base_url + path for path in PRINTINGS)
        args = [arg if not arg.startswith("urls=") else f"urls={urls}" for arg in args]
        result = scrapy_in(foreign_project, *args)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "Traceback" not in log, log[-5000:]

    lines = (foreign_project / "news.jsonl").read_text("utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    articles = [item for item in items if "syndication" in item]
    dicts = [item for item in items if "syndication" not in item]

    assert len(articles) == 2
    for article in articles:
        assert "Gennady Gatilov" in article["text"]
        assert article["removed"], "cleaning removed nothing"
        assert article["fetched_at"]
    jpost = next(a for a in articles if "/jpost/" in a["url"])
    assert "Dear Reader" not in jpost["text"]
    clusters = {article["syndication"]["cluster_id"] for article in articles}
    assert len(clusters) == 1 and None not in clusters

    titles = {}
    for path, page in PRINTINGS.items():
        title = re.search(rb"<title>(.*?)</title>", page.read_bytes(), re.S).group(1)
        titles[server.base_url + path] = title.decode("utf-8")
    expected = [{"url": url, "status": 200} for url in titles] + [
        {"url": url, "text": title} for url, title in titles.items()
    ]
    key = lambda item: json.dumps(item, sort_keys=True)  # noqa: E731
    assert sorted(dicts, key=key) == sorted(expected, key=key)

    # The project's own USER_AGENT and ROBOTSTXT_OBEY (off: robots.txt is never read).
    assert server.requests and {ua for _, ua in server.requests} == {PROJECT_USER_AGENT}
    assert "/robots.txt" not in {path for path, _ in server.requests}
    assert "Unsafe setting kept as the project chose it: ROBOTSTXT_OBEY is off" in log
    # Telnet: the project did not choose, so the add-on's safe default holds.
    assert "Telnet console listening" not in log


@pytest.mark.slow
def test_newscrawls_spiders_run_in_a_foreign_project(foreign_project):
    demo = scrapy_in(foreign_project, "crawl", "demo", "-O", "demo.jsonl")
    assert demo.returncode == 0, demo.stderr[-5000:]
    lines = (foreign_project / "demo.jsonl").read_text("utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) == 7
    clusters = [item["syndication"]["cluster_id"] for item in items]
    assert max(clusters.count(c) for c in clusters) == 2


@pytest.mark.slow
def test_genspider_writes_outlets_into_the_projects_module_and_keeps_scrapys_templates(
    foreign_project,
):
    spiders = foreign_project / "shop" / "spiders"
    outlet = scrapy_in(foreign_project, "genspider", "-t", "outlet", "reuters", "reuters.com")
    assert outlet.returncode == 0, outlet.stdout + outlet.stderr
    assert "class ReutersSpider(NewsSpider)" in (spiders / "reuters.py").read_text("utf-8")
    basic = scrapy_in(foreign_project, "genspider", "-t", "basic", "plain", "plain.example")
    assert basic.returncode == 0, basic.stdout + basic.stderr
    assert "class PlainSpider(scrapy.Spider)" in (spiders / "plain.py").read_text("utf-8")
    listed = scrapy_in(foreign_project, "genspider", "--list")
    assert {"basic", "crawl", "outlet"} <= set(listed.stdout.split())
    missing = scrapy_in(foreign_project, "genspider", "-t", "nosuch", "x", "x.example")
    assert missing.returncode == 1 and "Unable to find template: nosuch" in missing.stdout
    assert not (spiders / "x.py").exists()


@pytest.mark.slow
def test_the_installed_project_runs_from_any_folder(tmp_path):
    text = (ROOT / "README.md").read_text("utf-8")
    command = "SCRAPY_SETTINGS_MODULE=newscrawl.settings scrapy crawl demo -O demo.jsonl"
    assert f"```sh\n{command}\n```" in text
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "SCRAPY"))}
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", *command.split()[2:]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert len((tmp_path / "demo.jsonl").read_text("utf-8").splitlines()) == 7
