"""Incremental runs: a second run fetches only what the first did not collect."""

from __future__ import annotations

import html
import json
import logging
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawl.demo.server import Page, SiteServer
from newscrawl.incremental.record import SQLiteRecord, open_record, urls_written_after
from tests.conftest import read_jsonl, run_crawl, start_crawl
from tests.site import Story, article_html, make_story

pytestmark = pytest.mark.slow

BASE_PIPELINES = {
    "newscrawl.pipelines.extraction.ExtractionPipeline": 100,
    "newscrawl.pipelines.deduplication.DeduplicationPipeline": 200,
    "newscrawl.pipelines.validation.ValidationPipeline": 300,
}
LINE_STORAGE = "newscrawl.incremental.feeds.LineFlushingFileFeedStorage"


def incremental_settings(data_dir, **extra: str) -> dict[str, str]:
    """The incremental components, enabled the way settings.py will enable them."""
    return {
        "NEWSCRAWL_DATA_DIR": str(data_dir),
        "DOWNLOADER_MIDDLEWARES": json.dumps({"newscrawl.incremental.SkipCollectedMiddleware": 75}),
        "ITEM_PIPELINES": json.dumps(
            {**BASE_PIPELINES, "newscrawl.incremental.RecordCollectedPipeline": 900}
        ),
        "FEED_STORAGES": json.dumps({"": LINE_STORAGE, "file": LINE_STORAGE}),
        "DUPEFILTER_CLASS": "newscrawl.incremental.RunDupeFilter",
        # These tests count every article: under load (or while a failing store
        # holds the reactor for its timeout), the 2 s test timeout would drop
        # articles that are merely slow.
        "DOWNLOAD_TIMEOUT": "30",
        **extra,
    }


def sitemap(stories: list[Story], lastmod: dict[str, str] | None = None) -> bytes:
    """A plain sitemap with a ``<lastmod>`` per story (default: its publication)."""
    lastmod = lastmod or {}
    entries = "".join(
        f"<url><loc>{{BASE}}{s.url_path}</loc><lastmod>"
        f"{html.escape(lastmod.get(s.url_path, s.published.isoformat(timespec='seconds')))}"
        f"</lastmod></url>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def stories(outlet: str, first: int, count: int) -> list[Story]:
    now = datetime.now(UTC)
    return [
        make_story(outlet, n, now - timedelta(hours=n % 48)) for n in range(first, first + count)
    ]


def publish(pages: dict[str, Page], batch: list[Story], delay: float = 0.0) -> None:
    for story in batch:
        pages[story.url_path] = Page(article_html(story).encode(), delay=delay)


def sitemap_site(batch: list[Story]) -> dict[str, Page]:
    """The batch's article pages and a sitemap listing them."""
    pages: dict[str, Page] = {}
    publish(pages, batch)
    pages["/sitemap.xml"] = Page(sitemap(batch), "application/xml")
    return pages


def test_second_run_fetches_only_new_articles_and_refetches_changed_ones_when_asked(tmp_path):
    first, later = stories("planet", 0, 6), stories("planet", 6, 3)
    pages: dict[str, Page] = {}
    publish(pages, first)
    pages["/sitemap.xml"] = Page(sitemap(first), "application/xml")
    with SiteServer(pages) as server:
        base = server.base_url
        args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(tmp_path / "state")

        run1 = run_crawl(tmp_path, "site", args, settings, name="run1")
        assert {i["url"] for i in run1.items} == {base + s.url_path for s in first}
        assert run1.stat("newscrawl/incremental/recorded") == len(first)

        publish(pages, later)
        pages["/sitemap.xml"] = Page(sitemap(first + later), "application/xml")
        run2 = run_crawl(tmp_path, "site", args, settings, name="run2")
        assert sorted(i["url"] for i in run2.items) == sorted(base + s.url_path for s in later)
        assert run2.stat("newscrawl/discovery/skipped/collected") == len(first)
        # The skipped articles were never downloaded a second time; the sitemap was.
        assert all(server.requested(s.url_path) == 1 for s in first)
        assert server.requested("/sitemap.xml") == 2

        # One story changes: its sitemap lastmod moves on.
        changed = first[2]
        new_lastmod = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="seconds")
        pages["/sitemap.xml"] = Page(
            sitemap(first + later, {changed.url_path: new_lastmod}), "application/xml"
        )
        run3 = run_crawl(tmp_path, "site", args, settings, name="run3")
        assert run3.items == [], "a changed lastmod alone refetches nothing unless asked"

        refetch = {**settings, "NEWSCRAWL_REFETCH_MODIFIED": "1"}
        run4 = run_crawl(tmp_path, "site", args, refetch, name="run4")
        assert [i["url"] for i in run4.items] == [base + changed.url_path]
        assert run4.stat("newscrawl/discovery/refetched/modified") == 1
        # ...and only once: the record now holds the new lastmod.
        run5 = run_crawl(tmp_path, "site", args, refetch, name="run5")
        assert run5.items == []


def test_turned_off_every_run_fetches_everything(tmp_path):
    batch = stories("herald", 20, 3)
    pages = sitemap_site(batch)
    with SiteServer(pages) as server:
        args = {"sitemap": f"{server.base_url}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(tmp_path / "state", NEWSCRAWL_INCREMENTAL="0")
        run1 = run_crawl(tmp_path, "site", args, settings, name="run1")
        run2 = run_crawl(tmp_path, "site", args, settings, name="run2")
    assert len(run1.items) == len(run2.items) == len(batch)
    assert not (tmp_path / "state" / "collected.sqlite3").exists()


def test_pending_entries_are_kept_only_when_their_line_was_written(tmp_path, caplog):
    feed = tmp_path / "out.jsonl"
    feed.write_bytes(b'{"url": "http://a.test/old"}\n')
    offset = feed.stat().st_size
    record = SQLiteRecord(tmp_path / "collected.sqlite3")
    record.add(["http://a.test/old"])
    record.add_pending(
        "http://a.test/1", ["http://a.test/1", "http://a.test/c1"], "x", [(str(feed), offset)]
    )
    record.add_pending("http://a.test/2", ["http://a.test/2"], None, [(str(feed), offset)])
    record.add_pending("http://a.test/3", ["http://a.test/3"], None, [(str(feed), offset)])
    # Killed: article 1 was written whole, article 2 cut in the middle of its line,
    # article 3 never reached the file.
    with feed.open("ab") as out:
        out.write(b'{"url": "http://a.test/1", "text": "t"}\n{"url": "http://a.test/2", "te')
    assert record.lookup("http://a.test/1") == (False, None), "pending is not collected"
    record.close()

    with caplog.at_level(logging.WARNING, logger="newscrawl.incremental.record"):
        reopened = open_record(f"sqlite:///{tmp_path}/collected.sqlite3")
    assert f"{feed} ends with a cut line" in caplog.text
    assert reopened.lookup("http://a.test/1") == (True, "x")
    assert reopened.lookup("http://a.test/c1") == (True, "x")
    assert reopened.lookup("http://a.test/2") == (False, None)
    assert reopened.lookup("http://a.test/3") == (False, None)
    assert reopened.lookup("http://a.test/old") == (True, None)
    assert len(reopened) == 3
    reopened.close()
    assert list(urls_written_after(str(feed), 0)) == ["http://a.test/old", "http://a.test/1"]


def _collected_elsewhere(path, key: str) -> bool:
    """What another process sharing the record sees for ``key``."""
    other = sqlite3.connect(path)
    try:
        row = other.execute(
            "SELECT 1 FROM collected WHERE key = ? AND pending_item IS NULL", (key,)
        ).fetchone()
    finally:
        other.close()
    return row is not None


def test_confirmations_ride_on_the_next_write_and_hold_nothing_back_after_a_kill(tmp_path):
    feed = tmp_path / "out.jsonl"
    feed.write_bytes(b"")
    path = tmp_path / "collected.sqlite3"
    record = SQLiteRecord(path)
    record.add_pending("http://a.test/1", ["http://a.test/1"], "m1", [(str(feed), 0)])
    feed.write_bytes(b'{"url": "http://a.test/1"}\n')
    record.confirm("http://a.test/1")
    # Held: this process counts it collected, the shared file not yet.
    assert record.lookup("http://a.test/1") == (True, "m1")
    assert not _collected_elsewhere(path, "http://a.test/1")
    # The next pending entry's transaction writes it.
    offset = feed.stat().st_size
    record.add_pending("http://a.test/2", ["http://a.test/2"], None, [(str(feed), offset)])
    assert _collected_elsewhere(path, "http://a.test/1")
    record.confirm("http://a.test/2")
    assert not _collected_elsewhere(path, "http://a.test/2")
    # Killed with article 2 held: its line is in the file, so the next run
    # confirms it; nothing is lost and nothing fetched twice.
    with feed.open("ab") as out:
        out.write(b'{"url": "http://a.test/2"}\n')
    record.db.close()
    reopened = SQLiteRecord(path)
    assert reopened.lookup("http://a.test/2") == (True, None)
    assert _collected_elsewhere(path, "http://a.test/2")
    reopened.close()


def test_held_confirmations_are_written_by_flush_by_age_and_at_close(tmp_path, monkeypatch):
    path = tmp_path / "collected.sqlite3"
    feeds = [(str(tmp_path / "out.jsonl"), 0)]
    record = SQLiteRecord(path)
    for n in (1, 2, 3):
        record.add_pending(f"http://a.test/{n}", [f"http://a.test/{n}"], None, feeds)
    record.confirm("http://a.test/1")
    record.flush()
    assert _collected_elsewhere(path, "http://a.test/1")
    monkeypatch.setattr("newscrawl.incremental.record.CONFIRM_DELAY", 0.0)
    record.confirm("http://a.test/2")
    assert _collected_elsewhere(path, "http://a.test/2"), "held past its delay: written"
    monkeypatch.setattr("newscrawl.incremental.record.CONFIRM_DELAY", 3600.0)
    record.confirm("http://a.test/3")
    assert not _collected_elsewhere(path, "http://a.test/3")
    record.close()
    assert _collected_elsewhere(path, "http://a.test/3")


@pytest.mark.parametrize("url", ["", "sqlite://", "sqlite:///", "ftp://x", "nothing"])
def test_bad_record_urls_are_refused_with_a_clear_error(url):
    from newscrawl.incremental.record import RecordError

    with pytest.raises(RecordError):
        open_record(url)


# --- nothing lost: a full disk, a failing record ------------------------------


@contextmanager
def small_disk(folder: Path, room: int) -> Iterator[Path]:
    """A real filesystem at ``folder`` with only ``room`` bytes free (a tmpfs mount)."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 1024 * 1024
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        # Fill all but ``room`` bytes; tmpfs counts whole pages.
        with (folder / "filler").open("wb") as filler:
            filler.write(b"\0" * (size - room))
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_fails_the_crawl_and_marks_only_written_articles_collected(tmp_path):
    batch = stories("planet", 300, 20)
    pages = sitemap_site(batch)
    with SiteServer(pages) as server, small_disk(tmp_path / "disk", 16 * 1024) as disk:
        base = server.base_url
        args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
        settings = incremental_settings(
            tmp_path / "state",
            NEWSCRAWL_SYNDICATION_STORE="memory://",
            CONCURRENT_REQUESTS="2",
        )
        output = disk / "out.jsonl"
        command = start_crawl(
            tmp_path,
            "site",
            args,
            {**settings, "FEEDS": json.dumps({str(output): {"format": "jsonlines"}})},
            "full",
        )
        stdout, stderr = command.process.communicate(timeout=120)
        log = stdout + stderr
        written = read_jsonl(output)  # whole lines only
        assert command.process.returncode == 1, log[-4000:]
        assert 0 < len(written) < len(batch), len(written)
        assert f"Output {output} cannot be written" in log
        stats = json.loads(command.stats_file.read_text("utf-8"))
        assert stats["finish_reason"] == "output_failed"
        assert stats["newscrawl/failed/output_failed"] >= 1
        assert stats.get("newscrawl/incremental/recorded", 0) == len(written)

        # The next run, with room to write, fetches exactly what the full disk lost.
        second = run_crawl(tmp_path, "site", args, settings, name="second")
    urls = [item["url"] for item in written + second.items]
    assert sorted(urls) == sorted(base + story.url_path for story in batch)


def test_a_locked_record_keeps_every_item_counts_the_errors_and_fails_the_crawl(tmp_path):
    batch = stories("herald", 400, 8)
    pages = sitemap_site(batch)
    path = tmp_path / "state" / "collected.sqlite3"
    SQLiteRecord(path).close()
    # Another process holds the record's write lock for the whole crawl.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with SiteServer(pages) as server:
            base = server.base_url
            args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
            settings = incremental_settings(
                tmp_path / "state",
                NEWSCRAWL_SYNDICATION_STORE="memory://",
                NEWSCRAWL_COLLECTED_TIMEOUT="0.2",
            )
            running = start_crawl(tmp_path, "site", args, settings, name="locked")
            stdout, stderr = running.process.communicate(timeout=120)
    finally:
        holder.rollback()
        holder.close()
    log = stdout + stderr
    assert running.process.returncode == 1, log[-4000:]
    assert "Collected-articles record failed (" in log and "database is locked" in log
    items = read_jsonl(running.output)
    assert sorted(item["url"] for item in items) == sorted(base + s.url_path for s in batch)
    stats = json.loads(running.stats_file.read_text("utf-8"))
    assert stats["newscrawl/incremental/store_error"] >= len(batch)
    assert stats["newscrawl/failed/record_store"] >= len(batch)
    assert stats["finish_reason"] == "finished"
    assert "Crawl failed: record_store" in log


def test_a_record_on_a_full_disk_keeps_every_item_and_fails_the_crawl(tmp_path):
    batch = stories("courier", 500, 8)
    pages = sitemap_site(batch)
    with small_disk(tmp_path / "disk", 64 * 1024) as disk:
        path = disk / "collected.sqlite3"
        SQLiteRecord(path).close()
        # An open connection keeps the record's WAL files, so that the crawl
        # opens it without a write; then the disk fills up to the last byte.
        holder = sqlite3.connect(path)
        holder.execute("SELECT COUNT(*) FROM collected").fetchone()
        with (disk / "more").open("wb", buffering=0) as more:
            try:
                while more.write(b"\0" * 4096):
                    pass
            except OSError:
                pass  # full
        try:
            with SiteServer(pages) as server:
                base = server.base_url
                args = {"sitemap": f"{base}/sitemap.xml", "domains": "127.0.0.1"}
                settings = incremental_settings(
                    tmp_path / "state",
                    NEWSCRAWL_SYNDICATION_STORE="memory://",
                    NEWSCRAWL_COLLECTED_STORE=f"sqlite:///{path}",
                )
                running = start_crawl(tmp_path, "site", args, settings, name="full")
                stdout, stderr = running.process.communicate(timeout=120)
        finally:
            holder.close()
    log = stdout + stderr
    assert running.process.returncode == 1, log[-4000:]
    assert "database or disk is full" in log
    items = read_jsonl(running.output)
    assert sorted(item["url"] for item in items) == sorted(base + s.url_path for s in batch)
    stats = json.loads(running.stats_file.read_text("utf-8"))
    assert stats["newscrawl/incremental/store_error"] >= len(batch)


def test_an_article_costs_one_commit_of_the_record(tmp_path):
    feeds = [(str(tmp_path / "out.jsonl"), 0)]
    record = SQLiteRecord(tmp_path / "collected.sqlite3")
    statements: list[str] = []
    record.db.set_trace_callback(statements.append)
    for n in range(20):
        url = f"http://a.test/{n}"
        record.add_pending(url, [url, f"{url}?amp"], None, feeds)
        record.confirm(url)
    commits = sum(1 for s in statements if s.strip().upper().startswith("COMMIT"))
    assert commits == 20
    record.close()
