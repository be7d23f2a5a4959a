"""Hostile input end to end: `scrapy crawl` against a hostile server of our own.

Sitemaps, indexes, robots.txt, feeds and listings that name local files,
other ports and other hosts; redirects off site, in loops and past the cap;
sitemaps at the protocol's size limit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import run_crawl
from tests.hostile import Answer, HostileServer, redirect
from tests.site import article_html, make_story

pytestmark = pytest.mark.slow

XML = {"Content-Type": "application/xml"}
SECRET = "Quorvex-Lindqvist-ledger holds the private key of the local machine"


def secret_files(folder):
    """A local file that reads as an article, and a local sitemap that lists it."""
    folder.mkdir()
    secret = folder / "secret-article-on-the-local-disk-7.html"
    paragraphs = "".join(f"<p>{SECRET}, line {n}, and more words to pass.</p>" for n in range(8))
    secret.write_text(
        f"<html><head><title>Secret</title></head><body><article><h1>Secret</h1>"
        f"{paragraphs}</article></body></html>"
    )
    sitemap = folder / "local-sitemap.xml"
    sitemap.write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>file://127.0.0.1{secret}</loc></url></urlset>"
    )
    return secret, sitemap


def urlset(*locs):
    entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return (
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    )


def stories(count, start):
    now = datetime.now(UTC)
    return [make_story("planet", start + n, now - timedelta(hours=n + 1)) for n in range(count)]


def test_discovery_never_reads_local_files_other_ports_or_other_hosts(tmp_path):
    secret, local_sitemap = secret_files(tmp_path / "local")
    good = stories(4, 700)
    with HostileServer() as other_port, HostileServer() as server:
        other = other_port.base_url
        offsite = f"http://localhost:{server.port}"
        bad = [
            f"file://127.0.0.1{secret}",
            f"file://{secret}",
            f"{other}/planet/2026/11/story-on-another-port-of-the-host-1.html",
            f"{offsite}/planet/2026/11/story-on-another-host-name-entirely-2.html",
            "gopher://127.0.0.1/planet/2026/11/story-over-gopher-of-all-things-3.html",
        ]
        answers = {story.url_path: Answer(article_html(story).encode()) for story in good}
        answers["/robots.txt"] = Answer(
            (
                "User-agent: *\nDisallow:\n"
                "Sitemap: {BASE}/sitemap_index.xml\n"
                f"Sitemap: file://127.0.0.1{local_sitemap}\n"
                f"Sitemap: {other}/sitemap.xml\n"
            ).encode(),
            headers={"Content-Type": "text/plain"},
        )
        index = "".join(
            f"<sitemap><loc>{loc}</loc></sitemap>"
            for loc in (
                "{BASE}/news-sitemap.xml",
                f"file://127.0.0.1{local_sitemap}",
                f"{offsite}/news-sitemap.xml",
                f"{other}/news-sitemap.xml",
            )
        )
        answers["/sitemap_index.xml"] = Answer(
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}'
            "</sitemapindex>".encode(),
            headers=XML,
        )
        answers["/news-sitemap.xml"] = Answer(
            urlset(*["{BASE}" + s.url_path for s in good[:2]], *bad), headers=XML
        )
        items = "".join(
            f"<item><title>t</title><link>{url}</link></item>"
            for url in ["{BASE}" + good[2].url_path, *bad]
        )
        answers["/rss.xml"] = Answer(
            f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
            headers={"Content-Type": "application/rss+xml"},
        )
        links = "".join(f'<a href="{url}">x</a>' for url in ["{BASE}" + good[3].url_path, *bad])
        answers["/news/"] = Answer(f"<html><body>{links}</body></html>".encode())
        server.answers.update(answers)
        other_port.answers.update(answers)

        base = server.base_url
        result = run_crawl(
            tmp_path,
            "site",
            {"sitemap": f"{base}/robots.txt", "feed": f"{base}/rss.xml", "start": f"{base}/news/"},
        )
        hosts = server.hosts()
        other_requests = list(other_port.requests)

    assert sorted(item["url"] for item in result.items) == sorted(base + s.url_path for s in good)
    assert all(SECRET not in item["text"] for item in result.items)
    assert other_requests == [], "another port of the outlet's host is not the outlet"
    assert hosts == {"127.0.0.1"}, "another host name was asked for"
    # Every URL not followed is counted by why: robots.txt's and the index's,
    # and the sitemap's, the feed's and the listing's (whose link extractor
    # never yields the gopher: URL).
    assert result.stat("newscrawl/discovery/skipped/scheme") == 1 + 1 + 3 + 3 + 2
    assert result.stat("newscrawl/discovery/skipped/port") == 1 + 1 + 3
    assert result.stat("newscrawl/discovery/skipped/offsite") == 1 + 3


@pytest.fixture(scope="module")
def redirect_server():
    target = stories(1, 800)[0]
    answers = {
        target.url_path: Answer(article_html(target).encode()),
        "/away": redirect("http://localhost:{PORT}" + target.url_path),
        "/up/2026/11/story-redirected-to-a-sibling-1.html": redirect(
            "http://localhost:{PORT}" + target.url_path
        ),
        "/loop-a": redirect("{BASE}/loop-b"),
        "/loop-b": redirect("{BASE}/loop-a"),
        "/self": redirect("{BASE}/self"),
    }
    for n in range(30):
        answers[f"/chain/{n}"] = redirect(f"{{BASE}}/chain/{n + 1}")
    with HostileServer(answers) as server:
        yield server


def test_article_redirects_off_site_in_loops_and_past_the_cap_are_counted(
    tmp_path, redirect_server
):
    base = redirect_server.base_url
    urls = [f"{base}/away", f"{base}/loop-a", f"{base}/self", f"{base}/chain/0"]
    result = run_crawl(tmp_path, "article", {"url": ",".join(urls)})
    assert result.items == []
    assert "localhost" not in redirect_server.hosts()
    assert result.stat("newscrawl/dropped/offsite_redirect") == 1
    assert result.stat("newscrawl/dropped/redirect_loop") == 2
    assert result.stat("newscrawl/dropped/too_many_redirects") == 1
    dropped = sum(v for k, v in result.stats.items() if k.startswith("newscrawl/dropped/"))
    assert dropped == len(urls), "each article asked for is written or counted once"


def test_an_offsite_redirect_is_followed_when_the_user_allows_it(tmp_path, redirect_server):
    base = redirect_server.base_url
    result = run_crawl(
        tmp_path,
        "article",
        {"url": f"{base}/away"},
        settings={"NEWSCRAWL_FOLLOW_OFFSITE_REDIRECTS": "1"},
    )
    assert len(result.items) == 1
    assert result.items[0]["url"].startswith("http://localhost:")
    assert result.stat("newscrawl/redirects/offsite_followed") == 1


def test_a_sitemap_entry_redirected_to_another_host_is_counted(tmp_path, redirect_server):
    base = redirect_server.base_url
    redirect_server.answers["/redirecting-sitemap.xml"] = Answer(
        urlset("{BASE}/up/2026/11/story-redirected-to-a-sibling-1.html"), headers=XML
    )
    result = run_crawl(tmp_path, "site", {"sitemap": f"{base}/redirecting-sitemap.xml"})
    assert result.items == []
    assert result.stat("newscrawl/dropped/offsite_redirect") == 1


def big_news_sitemap(count: int, base: str) -> bytes:
    """A news sitemap of ``count`` entries, about 660 bytes each, as real ones are."""
    entry = (
        "<url><loc>{base}/planet/2026/11/story-number-{n:06d}-about-the-council-and-"
        "its-long-debate-over-the-depot.html</loc><news:news><news:publication>"
        "<news:name>The Daily Planet Evening and Weekend Edition</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2026-11-20T10:00:00+00:00</news:publication_date>"
        "<news:title>Town council story number {n} about the long debate over the new bus "
        "depot, the night buses and the cycle lanes along the main road</news:title>"
        "<news:keywords>council, buses, depot, town, debate, night buses, transport, local "
        "news, cycle lanes, roads, schools, parks, libraries</news:keywords></news:news></url>\n"
    )
    body = "".join(entry.format(base=base, n=n) for n in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{body}</urlset>"
    ).encode()


def test_a_50000_url_33_mb_news_sitemap_is_read_whole(tmp_path):
    with HostileServer() as server:
        body = big_news_sitemap(50_000, server.base_url)
        assert len(body) > 33_000_000
        server.answers["/news-sitemap.xml"] = Answer(body, headers=XML)
        result = run_crawl(
            tmp_path,
            "site",
            {"sitemap": f"{server.base_url}/news-sitemap.xml", "limit": "2"},
            # 33 MB through a loaded machine's loopback takes more than the
            # tests' 2 s download timeout.
            settings={"DOWNLOAD_TIMEOUT": "120"},
            timeout=300,
        )
    assert result.stat("newscrawl/discovery/sitemap/urlset") == 1
    assert result.stat("newscrawl/discovery/articles/sitemap") == 2
    # Every entry was read: the two fetched, the rest past the limit.
    assert result.stat("newscrawl/discovery/skipped/limit") == 50_000 - 2
    assert not [key for key in result.stats if key.startswith("newscrawl/dropped/sitemap")]


STATS_ON_A_FULL_DISK = """
import json, resource, signal, sys
from scrapy import Spider
from scrapy.utils.test import get_crawler
from newscrawl.extensions.statsfile import StatsFile

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
crawler = get_crawler(Spider, {"NEWSCRAWL_STATS_FILE": sys.argv[1]})
crawler.stats.open_spider()
crawler.stats.set_value("newscrawl/filler", "x" * 20_000)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
StatsFile(crawler).spider_closed(Spider("s"), "finished")
"""


@pytest.mark.parametrize("earlier", [None, '{"finish_reason": "finished", "earlier": 1}'])
def test_a_full_disk_never_leaves_a_cut_or_empty_stats_file(tmp_path, earlier):
    import subprocess
    import sys

    from tests.conftest import ROOT, scrapy_env

    path = tmp_path / "out.stats.json"
    if earlier is not None:
        path.write_text(earlier)
    proc = subprocess.run(
        [sys.executable, "-c", STATS_ON_A_FULL_DISK, str(path)],
        cwd=ROOT,
        env=scrapy_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Cannot write the stats file" in proc.stderr
    if earlier is None:
        assert not path.exists()
    else:
        assert path.read_text() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ([] if earlier is None else [path.name])


def test_a_double_ctrl_c_exits_non_zero_and_writes_the_stats(tmp_path):
    import signal
    import time

    from tests.conftest import start_crawl

    slow = Answer(b"<html><body><p>late</p></body></html>", delay=30)
    with HostileServer({f"/slow-{n}": slow for n in range(3)}) as server:
        urls = ",".join(f"{server.base_url}/slow-{n}" for n in range(3))
        crawl = start_crawl(tmp_path, "article", {"url": urls}, settings={"DOWNLOAD_TIMEOUT": "60"})
        deadline = time.monotonic() + 90
        while not server.requested("/slow-0") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.requested("/slow-0"), "the crawl never asked for the slow page"
        crawl.process.send_signal(signal.SIGINT)
        time.sleep(1)
        crawl.process.send_signal(signal.SIGINT)
        stdout, stderr = crawl.process.communicate(timeout=60)
    log = stdout + stderr
    assert "forcing unclean shutdown" in log
    assert crawl.process.returncode == 1, log[-3000:]
    assert "Traceback" not in log
    assert "forced to stop before it closed" in log
    stats = json.loads(crawl.stats_file.read_text())
    assert stats["finish_reason"] == "shutdown_forced"


def test_bad_bytes_in_good_articles_do_not_lose_them(tmp_path):
    nul, utf16, big_head = stories(3, 900)
    with_nuls = article_html(nul).encode().replace(b"<title>", b"\x00" * 8 + b"<title>")
    no_charset = article_html(utf16).replace('<meta charset="utf-8">', "")
    bundle = "<script>" + "window.__STATE__ = {'k': 'v'};\n" * 200_000 + "</script>"
    huge = article_html(big_head).replace("</head>", bundle + "</head>")
    answers = {
        nul.url_path: Answer(with_nuls),
        utf16.url_path: Answer(
            no_charset.encode("utf-16-le"), headers={"Content-Type": "text/html"}
        ),
        big_head.url_path: Answer(huge.encode()),
    }
    with HostileServer(answers) as server:
        urls = [server.base_url + story.url_path for story in (nul, utf16, big_head)]
        result = run_crawl(
            tmp_path, "article", {"url": ",".join(urls)}, settings={"DOWNLOAD_TIMEOUT": "60"}
        )
    by_url = result.by_url()
    assert sorted(by_url) == sorted(urls), result.stats
    for story, url in zip((nul, utf16, big_head), urls, strict=True):
        assert story.paragraphs[1] in by_url[url]["text"]
        assert "<" not in by_url[url]["text"]
        assert by_url[url]["title"] == story.title
