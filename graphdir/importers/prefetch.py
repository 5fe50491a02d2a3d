"""Reading the next batch of a file while the previous one is written: `async for batch in prefetched(batches)`.

The batches come from a plain iterator (reading and parsing a file: Python work) run in a thread of its own, at most
one batch ahead of the consumer, which meanwhile waits on Neo4j in the event loop. Memory: the batch being written
and the one being read. An exception of the iterator (a file unreadable from some row on) is raised where the
consumer awaits the batch; a consumer that stops early leaves the iterator where it was (the batch being read is
finished, then dropped).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar, cast

T = TypeVar("T")
_DONE = object()


async def prefetched(batches: Iterator[T]) -> AsyncIterator[T]:
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-reader") as pool:
        future = loop.run_in_executor(pool, next, batches, _DONE)
        while True:
            item = await future
            if item is _DONE:
                return
            future = loop.run_in_executor(pool, next, batches, _DONE)
            yield cast(T, item)
