"""Per-request DataLoaders: one query per batch of keys, whatever the number of parents.

A key is `(graph id, args)` where `args` is a hashable tuple (the `on` date, the page request, filters…). Keys of one
batch are grouped by args; each group is one `UNWIND $ids` query. Loaders live in `Context.loaders`, so nothing is
cached beyond the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graphdir.api.context import Context

V = TypeVar("V")
Args = tuple[Any, ...]  # hashable values
Fetch = Callable[[Context, Args, list[str]], Awaitable[Mapping[str, Any]]]


def _loader(context: Context, name: str, fetch: Fetch, default: Callable[[], Any]) -> DataLoader[Any, Any]:
    loader = context.loaders.get(name)
    if loader is None:

        async def batch(keys: list[tuple[str, Args]]) -> list[Any]:
            groups: dict[Args, list[str]] = {}
            for graph_id, args in keys:
                ids = groups.setdefault(args, [])
                if graph_id not in ids:
                    ids.append(graph_id)
            results = await asyncio.gather(*(fetch(context, args, ids) for args, ids in groups.items()))
            by_group = dict(zip(groups, results, strict=True))
            return [by_group[args][graph_id] if graph_id in by_group[args] else default() for graph_id, args in keys]

        loader = context.loaders[name] = DataLoader(load_fn=batch)
    return loader


async def load(context: Context, name: str, fetch: Fetch, graph_id: str, args: Args = (),
               default: Callable[[], Any] = lambda: None) -> Any:
    """The value `fetch` gives for `graph_id` under `args`, batched with every other load of `name` in this tick.

    `name` identifies the loader (and so `fetch` and `default`): use one name per fetch function.
    """
    return await _loader(context, name, fetch, default).load((graph_id, args))
