"""BatchWorker: requests that arrive together are served by one call."""

from __future__ import annotations

import threading

import pytest

from newscrawl.pipelines.batching import BatchWorker


def test_requests_submitted_within_the_wait_share_one_batch():
    batches = []
    worker = BatchWorker(
        lambda batch: batches.append(list(batch)) or batch, max_size=10, max_wait=30.0, name="test"
    )
    futures = [worker.submit(n) for n in range(10)]
    # Full at ten: served without waiting the 30 seconds out.
    assert [f.result(timeout=5) for f in futures] == list(range(10))
    worker.close()
    assert batches == [list(range(10))]
    assert (worker.batches, worker.served) == (1, 10)


def test_a_request_is_not_held_past_the_wait():
    worker = BatchWorker(lambda batch: batch, max_size=100, max_wait=0.05, name="test")
    assert worker.submit("alone").result(timeout=5) == "alone"
    worker.close()


def test_each_request_gets_its_own_result_or_error():
    def serve(batch):
        return [ValueError(n) if n % 2 else n * 10 for n in batch]

    worker = BatchWorker(serve, max_size=4, max_wait=30.0, name="test")
    futures = [worker.submit(n) for n in range(4)]
    assert futures[0].result(timeout=5) == 0 and futures[2].result(timeout=5) == 20
    for odd in (1, 3):
        with pytest.raises(ValueError):
            futures[odd].result(timeout=5)
    worker.close()


def test_a_failing_batch_fails_every_request_in_it_and_the_worker_goes_on():
    calls = []

    def serve(batch):
        calls.append(list(batch))
        if len(calls) == 1:
            raise OSError("disk full")
        return batch

    worker = BatchWorker(serve, max_size=2, max_wait=30.0, name="test")
    first = [worker.submit(n) for n in (1, 2)]
    for future in first:
        with pytest.raises(OSError, match="disk full"):
            future.result(timeout=5)
    second = [worker.submit(n) for n in (3, 4)]
    assert [future.result(timeout=5) for future in second] == [3, 4]
    worker.close()


def test_close_serves_what_was_submitted():
    gate = threading.Event()

    def serve(batch):
        gate.wait(5)
        return batch

    worker = BatchWorker(serve, max_size=1, max_wait=0.0, name="test")
    futures = [worker.submit(n) for n in range(3)]
    gate.set()
    worker.close()
    assert [f.result(timeout=0) for f in futures] == [0, 1, 2]
    with pytest.raises(RuntimeError):
        worker.submit(4)
