"""Per-request DataLoaders as typed classes: one query per batch of keys, whatever the number of parents.

A loader class reads one thing (a node by id, a relationship list, a page) for many graph ids at once: `fetch(args,
ids)` asks its domain service. A load's key is `(graph id, args)`; `args` is the loader's own hashable key (a date, a
page request, filters…) built by the loader's static `key(...)` from the field's arguments (python names): the one
place that does it, which the resolvers and the prefetch (graphdir.api.organizations.prefetch) share, so a started
load and its resolver's load are the same DataLoader key. Keys of one batch are grouped by args; each group is one
`UNWIND $ids` query. `Loader.of(context)` is the request's instance (kept in `Context.loaders`), so nothing is cached
beyond the request.

`follow(args, Follow(...))` reads a next level with a batch: when this loader's batch under `args` is fetched, the
followed loaders' batches are fetched with it, on the ids of the nodes its rows reach (`FollowIds`: one statement,
graphdir.db.reader), and their values primed into those loaders' DataLoaders, so the next level's resolvers find them
made (graphdir.api.organizations.prefetch: an organization page's second level).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar, cast

from strawberry.dataloader import DataLoader

from graphdir.api.context import Context
from graphdir.db.coalesce import FollowIds
from graphdir.domain.common.paging import Page

A = TypeVar("A", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class Follow:
    """A load to make for every node a batch reaches: `loader` under its `args`."""

    loader: Loader[Any, Any]
    args: Any


class Loader(Generic[A, V]):
    """Loads of one kind: `await Members.of(ctx).load(graph_id, Members.key(on=on, first=first, after=after))`."""

    # The args of a load from the field's arguments; loaders without arguments have `()`.
    key: Callable[..., Any]

    def __init__(self, context: Context) -> None:
        self.context = context
        self._loader: DataLoader[tuple[str, A], V] = DataLoader(load_fn=self._batch)
        self._follows: dict[A, list[Follow]] = {}

    @classmethod
    def of(cls, context: Context) -> Self:
        name = f"{cls.__module__}.{cls.__qualname__}"
        loader = context.loaders.get(name)
        if loader is None:
            loader = context.loaders[name] = cls(context)
        return cast(Self, loader)

    async def load(self, graph_id: str, args: A) -> V:
        return await self._loader.load((graph_id, args))

    def follow(self, args: A, follow: Follow) -> None:
        """Fetch `follow` for the nodes reached by this loader's next batch under `args` (once, with that batch)."""
        follows = self._follows.setdefault(args, [])
        if follow not in follows:
            follows.append(follow)

    async def _fetch_followed(self, args: A, ids: list[str], follows: list[Follow]) -> Mapping[str, V]:
        """This batch and its follows, as one statement: the follows' batches are started right after this one, so
        that the Reader has this one waiting when they come; their values are primed before this batch returns."""
        own = asyncio.ensure_future(self.fetch(args, ids))
        followed = [(follow, FollowIds(ids)) for follow in follows]
        tasks = [asyncio.ensure_future(follow.loader.fetch(follow.args, reached)) for follow, reached in followed]
        values = await own
        for (follow, reached), task in zip(followed, tasks, strict=True):
            try:
                found = await task
            except Exception:  # noqa: BLE001 - the next level's resolvers load again and see the error themselves
                continue
            follow.loader.prime_all(follow.args, {graph_id: found.get(graph_id, follow.loader.missing())
                                                  for graph_id in reached})
        return values

    def prime_all(self, args: A, values: Mapping[str, V]) -> None:
        """Values already read, for the loads of these ids under `args`."""
        self._loader.prime_many({(graph_id, args): value for graph_id, value in values.items()})

    async def fetch(self, args: A, ids: list[str]) -> Mapping[str, V]:
        """The values of these ids under `args`, from one query; an id without a value gets `missing()`."""
        raise NotImplementedError

    def missing(self) -> V:
        raise NotImplementedError

    async def _batch(self, keys: list[tuple[str, A]]) -> list[V]:
        groups: dict[A, list[str]] = {}
        for graph_id, args in keys:
            ids = groups.setdefault(args, [])
            if graph_id not in ids:
                ids.append(graph_id)
        if len(groups) == 1:  # the usual batch: awaited in place, without gather's task and future
            ((args, ids),) = groups.items()
            follows = self._follows.pop(args, None)
            results = [await (self._fetch_followed(args, ids, follows) if follows else self.fetch(args, ids))]
        else:
            results = await asyncio.gather(*(self.fetch(args, ids) for args, ids in groups.items()))
        by_group = dict(zip(groups, results, strict=True))
        return [by_group[args][graph_id] if graph_id in by_group[args] else self.missing()
                for graph_id, args in keys]


class OneLoader(Loader[A, V | None]):
    """At most one value per id (None when there is none)."""

    def missing(self) -> V | None:
        return None


class NodeLoader(OneLoader[tuple[()], V]):
    """Nodes by graph id: `await Organizations.of(ctx).get(graph_id)`."""

    @staticmethod
    def key() -> tuple[()]:
        return ()

    async def get(self, graph_id: str) -> V | None:
        return await self.load(graph_id, ())


class ListLoader(Loader[A, list[V]]):
    """A list per id (empty when there is nothing)."""

    def missing(self) -> list[V]:
        return []


class PageLoader(Loader[A, Page[V]]):
    """A keyset page per id (`args` holds the PageRequest)."""

    def missing(self) -> Page[V]:
        return Page(rows=[], keys=[], total=0)
