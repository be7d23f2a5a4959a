"""A worker thread that serves requests in batches: group commit.

Requests submitted while the worker is busy, or within ``max_wait`` seconds
of the first one of a batch, are served together by one call of the batch
function, so a store commits once for all of them. Every request's future is
settled only when its batch is done: the caller waits for its own result,
never past a later batch.

One thread, because the batches it serves are serialised anyway (one index,
one transaction at a time).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

R = TypeVar("R")

_STOP = object()


class BatchWorker(Generic[R]):
    """Serve requests with ``serve(batch) -> one result or exception per request``."""

    def __init__(
        self,
        serve: Callable[[Sequence[R]], Sequence[Any]],
        *,
        max_size: int,
        max_wait: float,
        name: str,
    ) -> None:
        if max_size < 1:
            raise ValueError("a batch holds at least one request")
        self.serve = serve
        self.max_size = max_size
        self.max_wait = max(0.0, max_wait)
        self.batches = 0
        self.served = 0
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, request: R) -> Future:
        """The future result of ``request``, settled once its batch is served."""
        if self._closed:
            raise RuntimeError("batch worker closed")
        future: Future = Future()
        self._queue.put((request, future))
        return future

    def close(self) -> None:
        """Serve what was submitted, then stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch, stop = self._gather(first)
            self._serve(batch)
            if stop:
                return

    def _gather(self, first: Any) -> tuple[list[Any], bool]:
        batch = [first]
        deadline = time.monotonic() + self.max_wait
        while len(batch) < self.max_size:
            left = deadline - time.monotonic()
            try:
                entry = self._queue.get(timeout=left) if left > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            if entry is _STOP:
                return batch, True
            batch.append(entry)
        return batch, False

    def _serve(self, batch: list[Any]) -> None:
        futures: list[Future] = [future for _, future in batch]
        for future in futures:
            future.set_running_or_notify_cancel()
        try:
            results = list(self.serve([request for request, _ in batch]))
            if len(results) != len(batch):
                raise RuntimeError(f"{len(results)} results for a batch of {len(batch)}")
        except BaseException as exc:  # every waiting caller gets it
            logger.debug("batch of %d failed: %s", len(batch), exc)
            results = [exc] * len(batch)
        self.batches += 1
        self.served += len(batch)
        for future, result in zip(futures, results, strict=True):
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
