"""End to end: `scrapy crawl` in a subprocess against the local news site."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import ROOT, read_jsonl, run_crawl, scrapy_env

pytestmark = pytest.mark.slow


def urls(stories, base):
    return {base + story.url_path for story in stories}


def test_scrapy_list_shows_every_spider():
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=ROOT,
        env=scrapy_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {"article", "site", "demo", "jpost", "zeenews"} <= set(out)


# The frontier's default, and a frontier that lets one article request at a
# time into the scheduler: every bad page (no answer counted, a drop) and the
# end of each sitemap must still hand on the next. Articles handed on after
# another's answer keep their sitemap's depth: a chain of them must not
# reach a depth limit that the sitemaps themselves are well within.
@pytest.mark.parametrize(
    "frontier",
    [{"NEWSCRAWL_DISCOVERY_AHEAD": "1000"}, {"NEWSCRAWL_DISCOVERY_AHEAD": "1", "DEPTH_LIMIT": "5"}],
)
def test_sitemap_crawl_takes_every_fresh_article_once_and_counts_bad_input(
    tmp_path, test_site, site_server, frontier
):
    base = site_server.base_url
    result = run_crawl(
        tmp_path,
        "site",
        {"sitemap": f"{base}/robots.txt", "domains": "127.0.0.1", "since": "7d"},
        frontier,
    )
    expected = urls(test_site.planet_fresh + test_site.planet_gz + test_site.planet_salvaged, base)
    got = [item["url"] for item in result.items]
    assert sorted(got) == sorted(expected), "every fresh article exactly once"

    # The time window: sitemap entries dated 30 days ago were never fetched.
    for story in test_site.planet_old:
        assert site_server.requested(story.url_path) == 0
    assert result.stat("newscrawl/discovery/skipped/too_old") == len(test_site.planet_old)

    # Bad input is counted by reason, and the crawl still finished.
    assert result.stat("newscrawl/dropped/http_404") == 1
    assert result.stat("newscrawl/dropped/http_500") == 1
    assert result.stat("newscrawl/dropped/not_html") == 1
    assert result.stat("newscrawl/dropped/empty") == 1
    assert result.stat("newscrawl/dropped/timeout") == 1
    assert result.stat("newscrawl/dropped/sitemap_malformed") == 1
    assert result.stat("newscrawl/dropped/sitemap_xml_entities") == 1
    assert result.stats["finish_reason"] == "finished"
    # Nothing from outside the domains: the other host was never asked for.
    assert result.stat("newscrawl/discovery/skipped/offsite") >= 1
    assert "connection_refused" not in " ".join(result.stats)

    # Fields come from the page's metadata.
    story = test_site.planet_fresh[0]
    item = result.by_url()[base + story.url_path]
    assert item["title"] == story.title
    assert item["authors"] == [story.author]
    assert item["outlet"] == "Daily Planet"
    assert item["canonical_url"] == base + story.url_path
    assert item["language"].startswith("en")
    assert item["section"] == "Local"
    assert datetime.fromisoformat(item["published"]) == story.published.replace(microsecond=0)
    assert item["rendered"] is False
    for paragraph in story.paragraphs:
        assert paragraph in item["text"]
    assert "newsletter" not in item["text"].lower()
    assert "cookie" not in item["text"].lower()


def test_feeds_rss_and_atom_overlap_without_duplicates(tmp_path, test_site, site_server):
    base = site_server.base_url
    result = run_crawl(tmp_path, "site", {"feed": f"{base}/herald/rss.xml,{base}/herald/atom.xml"})
    assert sorted(item["url"] for item in result.items) == sorted(urls(test_site.herald, base))


def test_listing_pages_with_pagination(tmp_path, test_site, site_server):
    base = site_server.base_url
    result = run_crawl(tmp_path, "site", {"start": f"{base}/courier/news/"})
    assert sorted(item["url"] for item in result.items) == sorted(urls(test_site.courier, base))
    assert site_server.requested("/courier/tag/council/") == 0
    assert result.stat("newscrawl/discovery/listing") == 3


@pytest.mark.parametrize("ahead", ["1000", "1"])
def test_limit_caps_the_articles_and_a_scheduled_run_gets_the_next_ones(
    tmp_path, test_site, site_server, ahead
):
    base = site_server.base_url
    args = {"start": f"{base}/courier/news/", "limit": "2"}
    shared = {"NEWSCRAWL_DATA_DIR": str(tmp_path / "state"), "NEWSCRAWL_DISCOVERY_AHEAD": ahead}
    first = run_crawl(tmp_path, "site", args, shared, name="first")
    assert len(first.items) == 2
    assert first.stat("newscrawl/discovery/articles/listing") == 2
    assert first.stat("newscrawl/discovery/skipped/limit") >= 1
    # The next run skips what the first collected, and those do not use up its limit.
    second = run_crawl(tmp_path, "site", args, shared, name="second")
    assert len(second.items) == 2
    assert not {i["url"] for i in first.items} & {i["url"] for i in second.items}


def test_since_accepts_a_date(tmp_path, test_site, site_server):
    base = site_server.base_url
    since = (datetime.now(UTC) - timedelta(hours=2, minutes=30)).strftime("%Y-%m-%dT%H:%M:%S")
    result = run_crawl(tmp_path, "site", {"feed": f"{base}/herald/rss.xml", "since": since})
    cutoff = datetime.fromisoformat(since + "+00:00")
    fresh = [s for s in test_site.herald[:5] if s.published >= cutoff]
    assert sorted(item["url"] for item in result.items) == sorted(urls(fresh, base))


def test_outlet_spiders_print_the_seed_story(tmp_path, site_server):
    base = site_server.base_url
    zee = run_crawl(
        tmp_path,
        "zeenews",
        {"sitemap": f"{base}/zeenews/sitemap-news.xml", "domains": "127.0.0.1"},
        name="zee",
    )
    jpost = run_crawl(
        tmp_path,
        "jpost",
        {"feed": f"{base}/jpost/rss.xml", "domains": "127.0.0.1"},
        name="jp",
    )
    seed_zee = next(i for i in zee.items if "767365" in i["url"])
    seed_jp = next(i for i in jpost.items if "265213" in i["url"])
    assert seed_zee["outlet"] == "Zee News"
    assert seed_jp["outlet"] == "The Jerusalem Post"
    # Tracking parameters are stripped before the request is made.
    assert "utm_" not in seed_zee["url"]
    for item in (seed_zee, seed_jp):
        assert "Gennady Gatilov" in item["text"]
        assert item["published"].startswith("2012-04-09")
    assert "Dear Reader" not in seed_jp["text"]
    assert "Join our Facebook page" not in seed_jp["text"]


def test_article_spider_reads_file_urls(tmp_path):
    gazette = ROOT / "newscrawl/demo/snapshot/gazette/2026/11"
    page = gazette / "library-extends-opening-hours-for-exam-season.html"
    result = run_crawl(tmp_path, "article", {"url": page.as_uri()})
    assert len(result.items) == 1
    assert result.items[0]["title"] == "Library extends opening hours for exam season"
    assert result.items[0]["outlet"] == "Riverside Gazette"


def test_article_spider_needs_urls(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "article"],
        cwd=ROOT,
        env=scrapy_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "-a url=URL" in proc.stderr + proc.stdout


def test_article_spider_skips_a_bad_url_and_keeps_the_rest(tmp_path):
    gazette = ROOT / "newscrawl/demo/snapshot/gazette/2026/11"
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "  # a comment, indented\nnot-a-url\n"
        + "\n".join(page.as_uri() for page in sorted(gazette.glob("*.html")))
    )
    result = run_crawl(tmp_path, "article", {"urls_file": str(urls)})
    assert len(result.items) == 3
    assert result.stat("newscrawl/dropped/bad_url") == 1


def test_demo_writes_clean_items_for_every_demo_outlet(tmp_path):
    result = run_crawl(tmp_path, "demo", settings={"AUTOTHROTTLE_ENABLED": "1"})
    outlets = {}
    for item in result.items:
        outlets.setdefault(item["outlet"], []).append(item)
    assert {name: len(items) for name, items in outlets.items()} == {
        "Zee News": 2,
        "The Jerusalem Post": 2,
        "Riverside Gazette": 3,
    }
    seed = next(item for item in outlets["The Jerusalem Post"] if "265213" in item["url"])
    assert seed["removed"], "cleaning records what it dropped"
    assert "Dear Reader" not in seed["text"]
    # The seed story on its two outlets is one story.
    copy = next(item for item in outlets["Zee News"] if "767365" in item["url"])
    assert copy["syndication"]["cluster_id"] == seed["syndication"]["cluster_id"]


def crawl_demo_outside_the_project(folder, *args: str) -> None:
    """`scrapy crawl demo` with the project's settings but another working folder."""
    env = scrapy_env()
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
    subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "demo", "-s", "AUTOTHROTTLE_ENABLED=0", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_default_feed_and_stats_file_land_under_output(tmp_path):
    crawl_demo_outside_the_project(tmp_path)
    outputs = list((tmp_path / "output" / "demo").glob("*.jsonl"))
    assert len(outputs) == 1
    items = read_jsonl(outputs[0])
    stats = json.loads(Path(f"{outputs[0]}.stats.json").read_text("utf-8"))
    assert stats["item_scraped_count"] == len(items) == 7


def test_an_explicit_output_replaces_the_default_feed(tmp_path):
    crawl_demo_outside_the_project(tmp_path, "-O", "mine.jsonl")
    assert len(read_jsonl(tmp_path / "mine.jsonl")) == 7
    assert not (tmp_path / "output").exists()


def test_genspider_template_scaffolds_a_working_outlet(tmp_path):
    project = tmp_path / "proj"
    (project / "myoutlets").mkdir(parents=True)
    (project / "myoutlets" / "__init__.py").write_text("")
    (project / "proj_settings.py").write_text(
        "from newscrawl.settings import *  # noqa\n"
        "SPIDER_MODULES = ['myoutlets']\nNEWSPIDER_MODULE = 'myoutlets'\n"
    )
    (project / "scrapy.cfg").write_text("[settings]\ndefault = proj_settings\n")
    env = scrapy_env()
    env["PYTHONPATH"] = f"{project}:{env['PYTHONPATH']}"
    subprocess.run(
        [sys.executable, "-m", "scrapy", "genspider", "-t", "outlet", "reuters", "reuters.com"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    source = (project / "myoutlets" / "reuters.py").read_text()
    assert len(source.strip().splitlines()) <= 17
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert listed == ["reuters"]
