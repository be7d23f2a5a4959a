"""The memory, SQLite and Redis stores: same verdicts, atomic adds, retention, errors."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
import time

import numpy as np
import pytest

from newscrawl.syndication import (
    AddRequest,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    SyndicationIndex,
)
from newscrawl.syndication.fingerprint import paragraph_key
from newscrawl.syndication.stores.base import StoredArticle
from newscrawl.syndication.stores.memory import MemoryStore

from .services import free_port, redis_server
from .syndication_stories import make_story, outlet_page, respell, wire_version


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server of the module's own, on a free port, stopped by its pid."""
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


_db_counter = iter(range(1, 16))


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store_url(request, tmp_path):
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/syn.sqlite3"
    base = request.getfixturevalue("redis_url")
    return f"{base}/{next(_db_counter)}"


def test_every_store_gives_the_same_verdicts(store_url):
    story, other = make_story(21), make_story(22)
    with SyndicationIndex.open(store_url) as index:
        wire = index.add("w", wire_version(story, "RIGA", "AP"), outlet="AP")
        copy = index.add("c", outlet_page([respell(p) for p in story[:5]], "Post"), outlet="Post")
        alone = index.add("o", "\n\n".join(other), outlet="Post")
    assert copy.duplicate_of == "w" and copy.cluster_id == wire.cluster_id
    assert copy.origin == "AP" and copy.relation == "contained_in"
    assert alone.duplicate_of is None and alone.cluster_id != wire.cluster_id


def test_a_recrawl_returns_the_first_record(store_url):
    story = make_story(31)
    copy_text = outlet_page([respell(p) for p in story[:5]], "Post", "Riga port plan")
    with SyndicationIndex.open(store_url) as index:
        index.add("w", wire_version(story, "RIGA", "AP"), outlet="AP", title="Riga plans port")
        first = index.add("c", copy_text, outlet="Post", title="Riga port plan")
        again = index.add("c", copy_text, outlet="Post", title="Riga port plan")
    assert first.duplicate_of == "w" and first.jaccard and first.containment
    assert again.index_state == "reindexed" and again.evidence == {"reason": "already_indexed"}
    for key in ("cluster_id", "duplicate_of", "jaccard", "containment", "relation", "origin"):
        assert getattr(again, key) == getattr(first, key), key
    assert again.to_dict()["jaccard"] == first.to_dict()["jaccard"]
    assert again.changes == first.changes and first.changes["dropped"] >= 2


def test_a_changed_text_replaces_the_entry(store_url):
    story, other = make_story(32), make_story(33)
    with SyndicationIndex.open(store_url) as index:
        index.add("w", "\n\n".join(story), outlet="Wire")
        first = index.add("page", "\n\n".join(story[:4]), outlet="Post")
        changed = index.add("page", "\n\n".join(other), outlet="Post")
        again = index.add("page", "\n\n".join(other), outlet="Post")
        later = index.add("later", "\n\n".join(other[:5]), outlet="Daily")
        # The old text is gone from the index: a copy of it links to the wire.
        old_copy = index.add("old-copy", "\n\n".join(story[:3]), outlet="Daily")
    assert first.duplicate_of == "w"
    assert changed.index_state == "text_changed" and changed.duplicate_of is None
    # Nothing else copies the new text: it keeps its story, the copies that linked to it stay.
    assert changed.cluster_id == first.cluster_id
    assert again.index_state == "reindexed" and again.duplicate_of is None
    assert later.duplicate_of == "page"
    assert old_copy.duplicate_of == "w"


def test_origin_is_the_earliest_published_credit(store_url):
    story = make_story(34)
    with SyndicationIndex.open(store_url) as index:
        reprint = index.add(
            "reprint",
            wire_version(story[:5], "RIGA", "AFP"),
            outlet="Post",
            published="2024-03-06T12:00:00+00:00",
        )
        wire = index.add(
            "wire",
            wire_version(story, "RIGA", "Reuters"),
            outlet="Reuters",
            published="2024-03-06T09:00:00Z",
        )
        undated = index.add("undated", wire_version(story[:4], "RIGA", "AP"), outlet="Daily")
    assert reprint.origin == "AFP" and reprint.origin_rule == "published"
    # Crawled later but published earlier: the agency's own copy is the origin.
    assert wire.cluster_id == reprint.cluster_id
    assert wire.origin == "Reuters" and wire.origin_rule == "published"
    assert undated.origin == "Reuters"
    undated_story = make_story(35)
    with SyndicationIndex.open(store_url) as index:
        first = index.add("a", wire_version(undated_story, "OSLO", "dpa"), outlet="A")
        second = index.add("b", wire_version(undated_story[:5], "OSLO", "AP"), outlet="B")
    assert first.origin_rule == "first_seen" and second.origin == "dpa"


def test_sqlite_persists_across_runs(tmp_path):
    url = f"sqlite:///{tmp_path}/runs.sqlite3"
    story = make_story(23)
    with SyndicationIndex.open(url) as index:
        first = index.add("day1", "\n\n".join(story), outlet="A")
    with SyndicationIndex.open(url) as index:
        second = index.add("day2", "\n\n".join(story[:4]), outlet="B")
        assert index.store.stats()["articles"] == 2
    assert second.duplicate_of == "day1" and second.cluster_id == first.cluster_id


def _add_copy(url: str, name: str, text: str, barrier, results) -> None:
    index = SyndicationIndex.open(url)
    barrier.wait()
    match = index.add(name, text, outlet=name)
    results.put((name, match.cluster_id, match.duplicate_of))
    index.close()


def _race(url: str) -> list[tuple]:
    story = make_story(24, 8)
    texts = {
        "left": outlet_page(story, "Left Times"),
        "right": outlet_page([respell(p) for p in story[:6]], "Right Post"),
    }
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_add_copy, args=(url, name, text, barrier, results))
        for name, text in texts.items()
    ]
    for proc in procs:
        proc.start()
    found = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
    return found


def _one_cluster(found: list[tuple]) -> None:
    assert len({cluster for _, cluster, _ in found}) == 1
    links = [dup for _, _, dup in found if dup]
    assert len(links) == 1  # exactly one saw the other first


def test_sqlite_two_processes_same_moment_one_cluster(tmp_path):
    url = f"sqlite:///{tmp_path}/race.sqlite3"
    SyndicationIndex.open(url).close()  # create the schema first
    for _ in range(2):
        _one_cluster(_race(url))
        os.remove(url.removeprefix("sqlite:///"))
        SyndicationIndex.open(url).close()


def test_redis_two_processes_same_moment_one_cluster(redis_url):
    for db in (14, 15):
        _one_cluster(_race(f"{redis_url}/{db}"))


def _commit_after(monkeypatch, index: SyndicationIndex, meanwhile) -> list[int]:
    """Have ``meanwhile()`` run between an add's reads and its first commit,
    as another machine's add would; returns the commit results seen."""
    from newscrawl.syndication.stores import redis as redis_store

    results: list[int] = []
    commit = redis_store._RedisSession.commit

    def interleaved(session) -> int:
        if session.store is not index.store:
            return commit(session)  # the other machine's add
        if not results:
            meanwhile()
        results.append(commit(session))
        return results[-1]

    monkeypatch.setattr(redis_store._RedisSession, "commit", interleaved)
    return results


def _add_while_a_copy_lands(monkeypatch, index, other, story: list[str]):
    """Add a shortened copy of ``story`` to ``index`` while ``other`` adds the
    whole story between the add's reads and its first commit; returns the
    commit results, the other's match and this add's."""
    landed = {}
    commits = _commit_after(
        monkeypatch,
        index,
        lambda: landed.update(match=other.add("left", outlet_page(story, "Left"), outlet="L")),
    )
    right = index.add("right", outlet_page(story[:6], "Right"), outlet="R")
    return commits, landed["match"], right


def test_redis_add_retries_when_a_copy_lands_between_read_and_commit(redis_url, monkeypatch):
    url = f"{redis_url}/11"
    story = make_story(28, 8)
    with SyndicationIndex.open(url) as index, SyndicationIndex.open(url) as other:
        index.store.client.flushdb()
        commits, left, right = _add_while_a_copy_lands(monkeypatch, index, other, story)
    # The first commit found the left copy posted under a shingle it had
    # looked up: nothing was written, the add ran again and linked to it.
    assert commits[0] == -1 and commits[-1] > 0 and len(commits) == 2
    assert right.duplicate_of == "left" and right.cluster_id == left.cluster_id


def test_redis_conflict_check_reads_postings_spilled_out_of_their_field(redis_url, monkeypatch):
    # A shingle's postings leave their hash field for a key of their own
    # (P:) once the field is full; a copy posted there meanwhile is a
    # conflict all the same. A field of one ref makes every second posting spill.
    from newscrawl.syndication.stores import redis as redis_store

    monkeypatch.setattr(redis_store, "_FIELD_REFS", 1)
    url = f"{redis_url}/9"
    story = make_story(32, 8)
    with SyndicationIndex.open(url) as index, SyndicationIndex.open(url) as other:
        index.store.client.flushdb()
        for number in range(2):
            other.add(f"earlier-{number}", outlet_page(story, f"Earlier {number}"), outlet="E")
        assert index.store.client.keys(index.store.prefix + "P:*"), "no posting spilled"
        commits, left, right = _add_while_a_copy_lands(monkeypatch, index, other, story)
    assert commits[0] == -1 and commits[-1] > 0 and len(commits) == 2
    assert right.cluster_id == left.cluster_id


def test_redis_add_commits_at_once_beside_an_unrelated_add(redis_url, monkeypatch):
    url = f"{redis_url}/10"
    with SyndicationIndex.open(url) as index, SyndicationIndex.open(url) as other:
        index.store.client.flushdb()
        index.add("seed", "\n\n".join(make_story(29)), outlet="S")
        commits = _commit_after(
            monkeypatch,
            index,
            lambda: other.add("unrelated", "\n\n".join(make_story(30)), outlet="U"),
        )
        alone = index.add("alone", "\n\n".join(make_story(31)), outlet="A")
        assert index.store.stats()["articles"] == 3
    # Another article was added meanwhile, but under none of the shingles
    # looked up: no conflict, one commit.
    assert len(commits) == 1 and commits[0] > 0
    assert alone.duplicate_of is None


def test_redis_retention_forgets_old_articles(redis_url):
    now = [1_000_000.0]
    url = f"{redis_url}/13"
    story = make_story(25)
    with SyndicationIndex.open(url, window="1h", clock=lambda: now[0]) as index:
        index.add("old", "\n\n".join(story))
        now[0] += 1800
        assert index.add("half-hour", "\n\n".join(story[:5])).duplicate_of == "old"
        now[0] += 7200
        late = index.add("late", "\n\n".join(story[:4]))
        assert late.duplicate_of is None
        id_key, _ = index.store.id_slot("late")
        ttl = index.store.client.ttl(id_key)
        # A quarter window after the window: the keys of one generation expire together.
        assert 0 < ttl <= 3600 + 900 + 1


def test_redis_add_survives_a_script_flush(redis_url):
    story = make_story(27)
    with SyndicationIndex.open(f"{redis_url}/12") as index:
        first = index.add("before-flush", "\n\n".join(story), outlet="Daily A")
        # A restarted or flushed server has forgotten the store's Lua scripts.
        index.store.client.script_flush()
        second = index.add("after-flush", "\n\n".join(story[:5]), outlet="Daily B")
        assert second.duplicate_of == "before-flush"
        assert second.cluster_id == first.cluster_id
        assert index.store.client.hget(*index.store.outlet_slot("Daily B", -1)) == b"1"


def test_sqlite_retention_prunes(tmp_path):
    now = [1_000_000.0]
    url = f"sqlite:///{tmp_path}/ret.sqlite3"
    story = make_story(26)
    with SyndicationIndex.open(url, window="1d", clock=lambda: now[0]) as index:
        index.add("old", "\n\n".join(story))
        now[0] += 2 * 86400
        assert index.store.prune() == 1
        assert index.add("new", "\n\n".join(story[:4])).duplicate_of is None


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_an_outlets_paragraph_counts_are_bounded_and_keep_its_boilerplate(
    store, tmp_path, monkeypatch
):
    from newscrawl.syndication.stores import memory, sqlite

    for module in (memory, sqlite):
        monkeypatch.setattr(module, "OUTLET_PARAGRAPH_LIMIT", 60)
    monkeypatch.setattr(sqlite, "_PRUNE_EVERY", 5)
    url = "memory://" if store == "memory" else f"sqlite:///{tmp_path}/bound.sqlite3"
    footer = "Subscribe to the Valley Post morning briefing for our best stories every day"
    with SyndicationIndex.open(url) as index:
        for n in range(40):
            index.add(f"v{n}", "\n\n".join([*make_story(200 + n), footer]), outlet="Valley Post")
        last = index.add("v40", "\n\n".join([*make_story(240), footer]), outlet="Valley Post")
        counts = index.store.atomic(
            lambda session: session.paragraph_counts("Valley Post", [paragraph_key(footer)])
        )
        if store == "memory":
            held = len(index.store._outlets["Valley Post"])
        else:
            held = index.store._db.execute(
                "SELECT count(*) FROM outlet_paragraphs WHERE outlet = 'Valley Post'"
            ).fetchone()[0]
    # 40 stories of 7 paragraphs counted 280 keys; the sweeps kept them near
    # the bound, and the footer, printed on every page, stays known.
    assert held <= 60 + 5 * 8
    assert counts[paragraph_key(footer)] >= 2
    assert last.evidence["outlet_lines_dropped"] == 1


def test_redis_paragraph_count_buckets_are_bounded_and_keep_boilerplate(redis_url, monkeypatch):
    from newscrawl.syndication.stores import redis as redis_store

    # Few small buckets, so that 40 stories fill them many times over.
    monkeypatch.setattr(redis_store, "_OUTLET_BUCKETS", 4)
    monkeypatch.setattr(redis_store, "_OUTLET_FIELDS", 12)
    footer = "Subscribe to the Valley Post morning briefing for our best stories every day"
    with SyndicationIndex.open(f"{redis_url}/14") as index:
        index.store.client.flushdb()
        for n in range(40):
            index.add(f"v{n}", "\n\n".join([*make_story(200 + n), footer]), outlet="Valley Post")
        last = index.add("v40", "\n\n".join([*make_story(240), footer]), outlet="Valley Post")
        client = index.store.client
        sizes = [client.hlen(key) for key in client.scan_iter(match=b"*o:*")]
        counts = index.store.atomic(
            lambda session: session.paragraph_counts("Valley Post", [paragraph_key(footer)])
        )
    # Over 300 keys were counted into 4 buckets of at most 12 (and the keys
    # one add brings), and the footer, printed on every page, stays known.
    assert len(sizes) == 4 and max(sizes) <= 12 + 16
    assert counts[paragraph_key(footer)] >= 2
    assert last.evidence["outlet_lines_dropped"] == 1


def test_a_failed_sqlite_sweep_does_not_fail_the_add_it_follows(tmp_path, monkeypatch, caplog):
    from newscrawl.syndication.stores import sqlite

    monkeypatch.setattr(sqlite, "_PRUNE_EVERY", 1)
    with SyndicationIndex.open(f"sqlite:///{tmp_path}/sweep.sqlite3") as index:

        def busy() -> int:
            raise StoreBusy("locked by another crawl")

        monkeypatch.setattr(index.store, "bound_outlet_counts", busy)
        match = index.add("a", "\n\n".join(make_story(27)), outlet="Valley Post")
    assert match.cluster_id and "sweep put off" in caplog.text


def test_unreachable_redis_is_a_clear_error():
    with pytest.raises(StoreUnavailable):
        SyndicationIndex.open(f"redis://127.0.0.1:{free_port()}/0", timeout=0.5)


def test_locked_sqlite_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.sqlite3"
    url = f"sqlite:///{path}"
    index = SyndicationIndex.open(url, timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusy):
            index.add("x", "\n\n".join(make_story(27)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert index.add("x", "\n\n".join(make_story(27))).duplicate_of is None
    index.close()


def test_unwritable_sqlite_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError):
        SyndicationIndex.open(f"sqlite:///{blocker}/sub/x.sqlite3")


def test_add_many_gives_the_verdicts_of_one_add_at_a_time(store_url, tmp_path):

    story, other = make_story(23), make_story(24)
    requests = [
        AddRequest("w", wire_version(story, "RIGA", "AP"), outlet="AP"),
        AddRequest("p", outlet_page(story[:6], "Paper"), outlet="Paper"),
        AddRequest("", "no id"),
        AddRequest("o", "\n\n".join(other), outlet="Paper"),
        AddRequest("p", outlet_page(story[:6], "Paper"), outlet="Paper"),
    ]
    with SyndicationIndex.open(store_url) as index:
        batched = index.add_many(requests)
    with SyndicationIndex.open(f"sqlite:///{tmp_path}/one-by-one.sqlite3") as index:
        single = []
        for request in requests:
            try:
                single.append(index.add(request.article_id, request.text, outlet=request.outlet))
            except ValueError as exc:
                single.append(exc)
    assert isinstance(batched[2], ValueError) and isinstance(single[2], ValueError)
    for got, want in zip(batched, single, strict=True):
        if not isinstance(want, Exception):
            assert (got.duplicate_of, got.relation, got.index_state) == (
                want.duplicate_of,
                want.relation,
                want.index_state,
            )
    # The copy found the wire story added before it in the same batch.
    assert batched[1].duplicate_of == "w" and batched[1].cluster_id == batched[0].cluster_id
    assert batched[4].index_state == "reindexed"


def test_sqlite_batch_takes_back_only_the_add_that_failed(tmp_path):
    path = tmp_path / "batch.sqlite3"
    story = make_story(25)
    with SyndicationIndex.open(f"sqlite:///{path}") as index:
        session_writes = []

        def fails_after_writing(session):
            index._add(session, index._incoming(AddRequest("half", "\n\n".join(story), wire="")))
            session_writes.append(session.find("half"))
            raise RuntimeError("stopped half way")

        good = index._incoming(AddRequest("whole", "\n\n".join(make_story(26)), wire=""))
        results = index.store.atomic_many(
            [fails_after_writing, lambda session: index._add(session, good)]
        )
        assert isinstance(results[0], RuntimeError) and results[1].article_id == "whole"
        assert session_writes[0] is not None  # it had written before it failed
    reader = sqlite3.connect(path)
    stored = [row[0] for row in reader.execute("SELECT article_id FROM articles")]
    posted = reader.execute("SELECT count(DISTINCT ref) FROM postings").fetchone()[0]
    reader.close()
    assert stored == ["whole"] and posted == 1


# -- the memory store's copy of an inserted article ---------------------------------


def _distinct_value(annotation: str, ordinal: int):
    """A value of a StoredArticle field's type that no other field and no default has."""
    if annotation in ("str", "str | None"):
        return f"value {ordinal}"
    if annotation in ("float", "float | None"):
        return 1_000.5 + ordinal
    if annotation == "int":
        return 1_000 + ordinal
    if annotation == "bytes":
        return bytes([ordinal]) * 3
    raise AssertionError(f"give a distinct value for a field of type {annotation}")


def _memory_insert(article, keys=(7, 9)):
    store = MemoryStore()
    store.atomic(lambda session: session.insert(article, np.array(keys, dtype=np.uint32)))
    return store.atomic(lambda session: session.find(article.article_id))


def test_memory_insert_keeps_every_field_of_the_article():
    fields = dataclasses.fields(StoredArticle)
    values = {f.name: _distinct_value(f.type, n) for n, f in enumerate(fields)}
    article = StoredArticle(**values)
    stored = _memory_insert(article)
    assert type(stored) is StoredArticle and stored is not article
    for f in fields:
        if f.name == "ref":
            assert stored.ref == 0  # the store's own key
        else:  # "added" too: it was given
            assert getattr(stored, f.name) == values[f.name], f.name
    assert dataclasses.asdict(article) == values  # the caller's article is not changed


def test_memory_insert_stamps_an_article_added_at_zero():
    before = time.time()
    article = StoredArticle("a", "c", "o", None, None, 0.0, 10, 0, b"", b"", b"")
    stored = _memory_insert(article)
    assert before <= stored.added <= time.time() and article.added == 0.0


def test_memory_insert_keeps_a_subclass_and_its_fields():
    @dataclasses.dataclass(slots=True)
    class Tagged(StoredArticle):
        tag: str = "none"

    article = Tagged("a", "c", "o", None, None, 5.0, 10, 0, b"h", b"p", b"n", tag="kept")
    stored = _memory_insert(article)
    assert type(stored) is Tagged and stored.tag == "kept" and stored.ref == 0
    assert stored.hashes == b"h" and stored.added == 5.0
