"""The story report, opened in a real headless Chromium through Playwright.

The demo crawl writes its report itself (``NEWSCRAWL_REPORT``); a generated
20,000-article output goes through ``newscrawl report``. Screenshots go to
each test's tmp folder.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from scrapy.settings import Settings

from newscrawl.browser import BrowserNotFound, launch_options
from newscrawl.report.data import build_payloads
from newscrawl.report.page import script_json
from tests.conftest import ROOT, read_jsonl, scrapy_env

# The page must answer a click within this many milliseconds of navigation
# start, measured by the page itself (performance.now()), for 20,000 articles.
INTERACTIVE_MS = 2000
LARGE_ARTICLES = 20_000


@pytest.fixture(scope="module")
def browser():
    try:
        options = launch_options(Settings())
    except BrowserNotFound as exc:
        pytest.fail(str(exc))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**options)
        yield chromium
        chromium.close()


def wait_until(page: Page, expression: str, timeout: float = 30) -> None:
    """Poll ``expression`` in the page (the report's CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.02)


def open_report(browser, path: Path) -> tuple[Page, list[str], list[str]]:
    """Open ``path`` from disk; collect page errors and every URL the page asked for."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    wait_until(page, "window.__newscrawlReport && window.__newscrawlReport.ready !== null")
    return page, errors, requests


def run(command: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        command, cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-5000:]
    return proc


# -- without a browser -------------------------------------------------------------


def test_embedded_json_cannot_end_the_script_or_open_a_comment():
    hostile = {"t": "</script><script>alert(1)</script> <!-- \u2028\u2029 & </SCRIPT >"}
    text = script_json(hostile)
    for raw in ("</", "<!--", "\u2028", "\u2029", "<", ">"):
        assert raw not in text
    assert json.loads(text) == hostile


def test_payload_stores_shared_strings_once():
    wire = ["The ministry said on Monday that the plan would go ahead.", "Talks resume today."]
    appeal = "Support independent journalism: donate today."
    articles = [
        {
            "url": f"http://x/{n}",
            "title": f"Story {n}",
            "outlet": outlet,
            "text": "\n\n".join([*wire, f"Local line {n}."]),
            "removed": [{"kind": "donation", "text": appeal, "rule": "text:donation"}],
            "syndication": {"cluster_id": "c1", "article_id": f"http://x/{n}",
                            "duplicate_of": None if n == 0 else "http://x/0", "origin": "Reuters"},
        }
        for n, outlet in enumerate(["A", "B", "C"])
    ]  # fmt: skip
    payloads = build_payloads(articles)
    texts, index = payloads.texts, payloads.index
    assert len(texts["paragraphs"]) == len(wire) + 3, "the wire paragraphs are stored once"
    assert texts["blocks"] == [appeal]
    assert index["stories"] == [[0, index["strings"].index("Reuters"), [0, 1, 2]]]


# -- the demo crawl's report ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("demo-report")
    output = folder / "demo.jsonl"
    run(
        [sys.executable, "-m", "scrapy", "crawl", "demo", "-O", str(output),
         "-s", "NEWSCRAWL_REPORT=demo.report.html", "-s", f"NEWSCRAWL_DATA_DIR={folder / 'state'}"]
    )  # fmt: skip
    report = folder / "demo.report.html"
    assert report.is_file(), "NEWSCRAWL_REPORT's relative path lands beside the output"
    return report, read_jsonl(output)


@pytest.mark.slow
def test_demo_report_shows_the_seed_story_with_two_outlets_and_a_diff(browser, demo_report):
    report, items = demo_report
    page, errors, requests = open_report(browser, report)
    # The overview has the crawl's own stats, handed over by the extension.
    expect(page.locator(".cards")).to_contain_text(re.compile(r"[1-9]\d*pages fetched"))
    expect(page.locator("#chart-outlets rect")).to_have_count(3)
    expect(page.locator("#chart-removed")).to_contain_text("donation")
    page.click(".tab[data-view=stories]")
    rows = page.locator("#stories tbody tr")
    # expect() waits for the view to be drawn; count() would read it at once.
    expect(rows, "one cluster: the two printings of the wire story").to_have_count(1)
    expect(rows.first.locator("td.outlets")).to_have_text("2")
    seed = [item for item in items if item["syndication"]["duplicate_of"]]
    assert len(seed) == 1

    rows.first.click()
    expect(page.locator("details.copy")).to_have_count(2)
    expect(page.locator("#story-agency")).to_have_text("Reuters")
    outlets = {item["outlet"] for item in items if item["wire"] in ("Reuters", "Bureau Report")}
    assert {page.locator("details.copy .badge").nth(k).inner_text() for k in range(2)} == outlets
    page.locator("details.copy:not(.origin) > summary").click()
    diff = page.locator("details.copy:not(.origin) .diff")
    diff.wait_for()
    # The reprint re-spells names and drops the closing paragraphs: the diff shows both.
    assert diff.locator(".para.edited").count() >= 1
    assert diff.locator(".para.dropped").count() >= 1
    assert diff.locator(".para.kept").count() >= 1
    assert diff.locator("ins").count() >= 1 and diff.locator("del").count() >= 1
    assert "headline changed" in diff.locator(".summary").inner_text()
    page.screenshot(path=str(report.parent / "story.png"), full_page=True)
    assert not errors, errors
    assert all(url.startswith("file://") for url in requests), requests


@pytest.mark.slow
def test_demo_report_shows_a_removed_donation_appeal_as_removed(browser, demo_report):
    report, items = demo_report
    number, item = next(
        (n, item)
        for n, item in enumerate(items)
        if any(r["kind"] == "donation" for r in item["removed"])
    )
    appeal = next(r for r in item["removed"] if r["kind"] == "donation")
    page, errors, _ = open_report(browser, report)
    page.click(".tab[data-view=articles]")
    page.locator(f"tr.article-row[data-article='{number}']").click()
    assert page.locator("#article-headline").inner_text() == item["title"]
    blocks = page.locator(".removed-block[data-kind=donation]")
    assert blocks.count() >= 1
    shown = [blocks.nth(k).locator(".text").inner_text() for k in range(blocks.count())]
    assert appeal["text"].strip() in [text.strip() for text in shown]
    assert appeal["rule"] in blocks.first.inner_text() or any(
        r["rule"] in page.locator("#removed-blocks").inner_text() for r in item["removed"]
    )
    assert appeal["text"].strip() not in page.locator("#article-text").inner_text()
    page.screenshot(path=str(report.parent / "cleaning.png"), full_page=True)
    assert not errors, errors


@pytest.mark.slow
def test_demo_report_filters_by_outlet_and_text(browser, demo_report):
    report, items = demo_report
    page, errors, _ = open_report(browser, report)
    page.click(".tab[data-view=articles]")
    page.select_option("#f-outlet", label="Riverside Gazette")
    gazette = [item for item in items if item["outlet"] == "Riverside Gazette"]
    expect(page.locator("#articles tbody tr")).to_have_count(len(gazette))
    page.select_option("#f-outlet", value="")
    # The agency: the wire's own credit, or its story's (the reprint credits "Bureau Report").
    page.select_option("#f-agency", label="Reuters")
    expect(page.locator("#articles tbody tr")).to_have_count(2)
    page.select_option("#f-agency", value="")
    since = "2026-11-18"
    recent = [item for item in items if (item["published"] or "") >= since]
    page.fill("#f-from", since)
    page.dispatch_event("#f-from", "change")
    expect(page.locator("#articles tbody tr")).to_have_count(len(recent))
    page.fill("#f-from", "")
    page.dispatch_event("#f-from", "change")
    # A word only in the body of one article (not its headline) finds it.
    page.fill("#f-text", "Gatilov")
    expect(page.locator("#articles tbody tr")).to_have_count(2)
    page.uncheck("#f-intext")
    expect(page.locator("#articles tbody tr")).to_have_count(0)
    assert not errors, errors


@pytest.mark.slow
def test_page_shows_hostile_text_as_text(browser, tmp_path):
    hostile = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script><!--'
    article = {
        "url": "http://x/1", "title": hostile, "outlet": hostile, "text": hostile + "\n\nSecond.",
        "removed": [{"kind": "donation", "text": hostile, "rule": hostile}],
        "published": "2026-11-20T10:00:00+00:00", "syndication": None,
    }  # fmt: skip
    feed = tmp_path / "hostile.jsonl"
    feed.write_text(json.dumps(article) + "\n", "utf-8")
    output = tmp_path / "r.html"
    run([sys.executable, "-m", "newscrawl.cli", "report", str(feed), "-o", str(output)])
    page, errors, requests = open_report(browser, tmp_path / "r.html")
    page.click(".tab[data-view=articles]")
    page.locator("tr.article-row").first.click()
    assert page.locator("#article-headline").inner_text() == hostile
    assert page.evaluate("window.pwned") is None
    assert page.locator("img").count() == 0
    assert all(url.startswith("file://") for url in requests), requests
    assert not errors, errors


# -- 20,000 articles -------------------------------------------------------------------

WORDS = (  # noqa: SIM905 (a sentence of words reads better than a list)
    "minister council harbour river budget school police storm court health rail energy "
    "market price farmers talks border election union strike vaccine hospital bridge water "
    "report agency officials said on monday tuesday the a of to in and for with after before "
    "new plan city region national government opposition leaders vote week year month"
).split()


def generated_articles(count: int, seed: int = 7) -> list[dict]:
    """Outputs of many outlets: wire stories reprinted 2-4 times, each outlet's boilerplate."""
    rng = random.Random(seed)
    outlets = [f"Outlet {n:02d}" for n in range(14)]
    agencies = ["Reuters", "AP", "AFP", "PTI", "Xinhua", None]
    boilerplate = {
        o: [("donation", f"Support {o}: donate today."), ("newsletter", f"Get {o} by email."),
            ("related", "Read more"), ("cookie", "We use cookies.")]
        for o in outlets
    }  # fmt: skip
    start = datetime(2026, 11, 1, tzinfo=UTC)
    articles: list[dict] = []
    while len(articles) < count:
        story = len(articles)
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."
            for _ in range(rng.randint(5, 9))
        ]
        agency = rng.choice(agencies)
        copies = rng.choice([1, 1, 1, 2, 3, 4]) if agency else 1
        published = start + timedelta(minutes=rng.randint(0, 60 * 24 * 20))
        origin_url = None
        for copy in range(copies):
            outlet = outlets[(story + copy * 5) % len(outlets)]
            text = list(paragraphs)
            if copy:
                text = text[: len(text) - rng.randint(0, 2)]
                text[0] = text[0].replace("said", "told reporters", 1)
            url = f"https://{outlet.replace(' ', '').lower()}.example/news/{story}-{copy}"
            origin_url = origin_url or url
            removed = [
                {"kind": kind, "text": block, "rule": f"text:{kind}"}
                for kind, block in rng.sample(boilerplate[outlet], 3)
            ]
            articles.append({
                "url": url, "canonical_url": url, "outlet": outlet,
                "title": f"Story {story}: " + " ".join(paragraphs[0].split()[:8]),
                "text": "\n\n".join(text), "authors": ["Staff"], "wire": agency,
                "published": (published + timedelta(minutes=37 * copy)).isoformat(),
                "removed": removed, "language": "en",
                "syndication": {
                    "article_id": url, "cluster_id": f"c{story}", "origin": agency,
                    "duplicate_of": origin_url if copy else None,
                    "relation": "contained_in" if copy else None, "jaccard": 0.8 if copy else None,
                },
            })  # fmt: skip
    return articles[:count]


@pytest.fixture(scope="module")
def large_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("large-report")
    feed = folder / "large.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for article in generated_articles(LARGE_ARTICLES):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    output = folder / "large.html"
    started = time.perf_counter()
    proc = run([sys.executable, "-m", "newscrawl.cli", "report", str(feed), "-o", str(output)])
    print(f"newscrawl report, {LARGE_ARTICLES} articles: {time.perf_counter() - started:.1f} s; "
          f"{proc.stdout.strip()}")  # fmt: skip
    assert f"({LARGE_ARTICLES} articles," in proc.stdout
    return output


@pytest.mark.slow
def test_large_report_is_interactive_within_two_seconds(browser, large_report):
    wall_start = time.perf_counter()
    page, errors, _ = open_report(browser, large_report)
    page.click(".tab[data-view=stories]")
    wait_until(page, "window.__newscrawlReport.clicks.length > 0")
    wall = time.perf_counter() - wall_start
    timing = page.evaluate("window.__newscrawlReport")
    click = timing["clicks"][0]
    # Navigation start to the click's view painted, by the page's own clock.
    interactive = timing["ready"] + click["handledMs"]
    print(f"report of {LARGE_ARTICLES} articles: ready {timing['ready']:.0f} ms, click answered "
          f"in {click['handledMs']:.0f} ms, wall {wall:.2f} s")  # fmt: skip
    assert interactive < INTERACTIVE_MS, timing
    assert timing["texts"] is None, "the texts are not parsed until a view needs them"
    # Paginated: one page of rows in the DOM, never the whole crawl.
    assert page.locator("#stories tbody tr").count() == 50
    assert page.locator("tr").count() < 60

    # The rest works at that size too: a story diff, a filter, the next page.
    page.locator("#stories tbody tr").first.click()
    page.locator("details.copy:not(.origin) > summary").first.click()
    page.locator(".diff .para").first.wait_for()
    page.click(".tab[data-view=articles]")
    page.select_option("#f-outlet", label="Outlet 03")
    expect(page.locator("#f-count")).to_contain_text(f"of {LARGE_ARTICLES} articles")
    assert "Outlet 03" in page.locator("#articles tbody tr").first.inner_text()
    page.click(".pager .next")
    assert "page 2 of" in page.locator(".pager").first.inner_text()
    page.screenshot(path=str(large_report.parent / "large.png"))
    assert not errors, errors


@pytest.mark.slow
def test_a_copy_shows_the_syndication_change_record_when_the_output_has_one(browser, tmp_path):
    origin_text = "First wire paragraph about the vote.\n\nSecond paragraph.\n\nThird, dropped."
    copy_text = "First wire paragraph about the vote.\n\nSecond paragraph, edited here."
    changes = {"kept": 1, "dropped": 1, "added": 0, "edited": 1, "headline_changed": True,
               "dropped_spans": ["Third, dropped."], "added_spans": []}  # fmt: skip
    articles = [
        {"url": "http://a/1", "title": "Vote passes", "outlet": "Alpha", "text": origin_text,
         "published": "2026-11-20T08:00:00+00:00", "removed": [],
         "syndication": {"article_id": "http://a/1", "cluster_id": "k", "duplicate_of": None,
                         "origin": "AP"}},
        {"url": "http://b/1", "title": "Vote passes narrowly", "outlet": "Beta", "text": copy_text,
         "published": "2026-11-20T09:00:00+00:00", "removed": [],
         "syndication": {"article_id": "http://b/1", "cluster_id": "k",
                         "duplicate_of": "http://a/1", "origin": "AP", "relation": "contained_in",
                         "changes": changes}},
    ]  # fmt: skip
    feed = tmp_path / "pair.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in articles), "utf-8")
    stats = tmp_path / "elsewhere.json"
    stats.write_text(json.dumps({"newscrawl/dropped/http_404": 3, "offsite/filtered": 5}), "utf-8")
    output = tmp_path / "pair.html"
    run([sys.executable, "-m", "newscrawl.cli", "report", str(feed), "-o", str(output),
         "--stats", str(stats)])  # fmt: skip
    page, errors, _ = open_report(browser, output)
    # The overview: bars per outlet, the stats' drops by reason and offsite requests.
    expect(page.locator("#chart-outlets rect")).to_have_count(2)
    expect(page.locator("#chart-dropped")).to_contain_text("http_404")
    expect(page.locator("#chart-dropped rect title")).to_have_text("http_404: 3")
    expect(page.locator(".cards")).to_contain_text("5offsite requests filtered")
    page.goto(output.as_uri() + "#story/0")
    page.locator("details.copy:not(.origin) > summary").click()
    record = page.locator(".diff .record")
    expect(record).to_contain_text("kept 1; dropped 1; added 0; edited 1; headline changed")
    expect(record.locator("del")).to_have_text("Third, dropped.")
    # The diff from the texts agrees.
    diff = page.locator(".diff")
    expect(diff.locator(".para.dropped")).to_have_count(1)
    expect(diff.locator(".para.edited")).to_have_count(1)
    expect(diff.locator(".para.kept")).to_have_count(1)
    assert not errors, errors


def test_cli_says_what_is_wrong_with_its_arguments(tmp_path):
    missing = tmp_path / "nope.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "report", str(missing)],
        cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"newscrawl report: no such file: {missing}"
    feed = tmp_path / "one.jsonl"
    feed.write_text('{"url": "http://x/1", "title": "T", "text": "Body."}\nnot json\n', "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "report", str(feed)],
        cwd=ROOT, env=scrapy_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "one.jsonl.report.html").is_file(), "the default output is beside the feed"
    assert "(1 articles," in proc.stdout
