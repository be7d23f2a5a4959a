"""The shared Redis queue holds JSON requests only: what else is popped is refused, never run."""

from __future__ import annotations

import json
import logging
import pickle

import pytest
import redis
from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawl.distributed.queue import ClaimingPriorityQueue
from newscrawl.outlet import Outlet
from newscrawl.spiders.base import NewsSpider
from tests.services import redis_server


class QueueSpider(NewsSpider):
    name = "queue-test"
    outlet = Outlet(name="Example", domains=("e.com",), sitemaps=("https://e.com/s.xml",))


class CreatesAFile:
    """Unpickling this creates ``path``: the proof that a pickle was run."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


@pytest.fixture
def queue(tmp_path):
    with redis_server(tmp_path / "redis") as url:
        server = redis.Redis.from_url(url)
        crawler = get_crawler(QueueSpider)
        spider = QueueSpider.from_crawler(crawler)
        yield ClaimingPriorityQueue(
            server, spider, "newscrawl:test:requests", "newscrawl:test:workers", "w1", 60
        )
        server.close()


def refused(queue):
    return queue.spider.crawler.stats.get_value("newscrawl/dropped/queue_refused", 0)


def test_a_pickle_pushed_into_the_queue_is_refused_and_counted_never_run(queue, tmp_path, caplog):
    marker = tmp_path / "pickle-was-run"
    queue.server.zadd(queue.key, {pickle.dumps(CreatesAFile(marker)): -100})
    good = Request("https://e.com/a-b-c-d", callback=queue.spider.parse_article)
    queue.push(good)
    with caplog.at_level(logging.ERROR):
        popped = queue.pop()
    assert not marker.exists(), "the pickle was unpickled"
    assert popped is not None and popped.url == good.url, "the good request after it still pops"
    assert refused(queue) == 1
    assert "Refused an entry of the shared queue" in caplog.text
    assert queue.pop() is None


def test_requests_travel_as_json_with_only_the_meta_we_own(queue):
    spider = queue.spider
    request = Request(
        "https://e.com/a-b-c-d",
        method="POST",
        body=b"\x00\xffbinary",
        headers={"X-Test": "1"},
        callback=spider.parse_article,
        errback=spider.on_article_error,
        priority=7,
        flags=["f"],
        meta={
            "newscrawl_source": "sitemap",
            "newscrawl_hints": {"title": "T", "tags": ["a"]},
            "redirect_urls": ["https://e.com/old"],
            "download_maxsize": 123,
            "someone_elses": object(),
        },
    )
    queue.push(request)
    stored = queue.server.zrange(queue.key, 0, 0)[0]
    assert json.loads(stored)["url"] == request.url
    popped = queue.pop()
    assert (popped.url, popped.method, popped.body, popped.priority, popped.flags) == (
        request.url,
        "POST",
        b"\x00\xffbinary",
        7,
        ["f"],
    )
    assert popped.headers.get("X-Test") == b"1"
    assert popped.callback == spider.parse_article and popped.errback == spider.on_article_error
    assert popped.meta == {
        "newscrawl_source": "sitemap",
        "newscrawl_hints": {"title": "T", "tags": ["a"]},
        "redirect_urls": ["https://e.com/old"],
        "download_maxsize": 123,
    }


@pytest.mark.parametrize(
    "entry",
    [
        b'{"url": "https://e.com/x"}',
        b'{"format": "newscrawl-request/1", "url": "https://e.com/x", "callback": "closed"}',
        b'{"format": "newscrawl-request/1", "url": "https://e.com/x", "callback": "__init__"}',
        b'{"format": "newscrawl-request/1", "url": "https://e.com/x", "body": "%%%"}',
        b'{"format": "newscrawl-request/1", "callback": "parse_article"}',
        b"\x80\x04K\x01.",
        b'{"format": "newscrawl-request/1", "url": "file:///etc/passwd"}',
        b'{"format": "newscrawl-request/1", "url": "https://e.com:6379/x", "meta": '
        b'{"newscrawl_article": true, "newscrawl_source": "sitemap"}}',
        b'{"format": "newscrawl-request/1", "url": "https://evil.example/x", "meta": '
        b'{"newscrawl_article": true, "newscrawl_source": "feed"}}',
        b"[1, 2, 3]",
    ],
)
def test_foreign_entries_are_refused(queue, entry):
    queue.server.zadd(queue.key, {entry: 0})
    assert queue.pop() is None
    assert refused(queue) == 1


def test_the_class_key_of_scrapys_request_dicts_is_never_imported(queue, tmp_path):
    # scrapy's request_from_dict imports d["_class"]; ours never carries one.
    entry = json.dumps(
        {"format": "newscrawl-request/1", "url": "https://e.com/x", "_class": "os.system"}
    )
    queue.server.zadd(queue.key, {entry: 0})
    popped = queue.pop()
    assert type(popped) is Request
