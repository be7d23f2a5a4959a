"""Work off the reactor thread, awaited under either reactor Scrapy may run.

Scrapy runs ``async def`` pipeline methods under the asyncio reactor (the
default) and, when ``TWISTED_REACTOR`` names another one, as Deferreds with
no asyncio loop running. ``asyncio.wrap_future`` and ``asyncio.to_thread``
need that loop, so these helpers use it when it is there and the reactor's
own thread hand-off when it is not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, threads


def _asyncio_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def wait_for(future: Future) -> Any:
    """The result of a thread's or a worker process's ``future``, awaited on the reactor."""
    if _asyncio_running():
        return await asyncio.wrap_future(future)
    return await maybe_deferred_to_future(_deferred_from(future))


async def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in a thread of the reactor's pool, awaited."""
    if _asyncio_running():
        return await asyncio.to_thread(fn, *args, **kwargs)
    return await maybe_deferred_to_future(threads.deferToThread(fn, *args, **kwargs))


def _deferred_from(future: Future) -> defer.Deferred:
    """A Deferred fired on the reactor thread when ``future`` is done."""
    from twisted.internet import reactor

    deferred: defer.Deferred = defer.Deferred()

    def done(finished: Future) -> None:
        error = finished.exception()
        if error is not None:
            reactor.callFromThread(deferred.errback, error)
        else:
            reactor.callFromThread(deferred.callback, finished.result())

    future.add_done_callback(done)
    return deferred
