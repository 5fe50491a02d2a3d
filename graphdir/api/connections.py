"""One connection toolkit for every paged list: generic edges and connections, their arguments, one total policy.

- `Edge[N]` is a cursor and a node; an edge that says more about the link (a membership's role, a partner's distance)
  is a subclass adding those fields.
- `Connection[E]` is a page of edges of type E, its PageInfo and `totalCount`. A domain declares its connection as
  `class OrganizationConnection(Connection[OrganizationEdge])` and builds it with `OrganizationConnection.of(page,
  order, edge)`: cursors and PageInfo come from the page, in the one cursor codec (graphdir.domain.common.paging).
- `totalCount`: the total the page came with when counting was cheap there (a page walked down from a parent, with
  its total in the same query), else counted with `count()` only when the field is selected, once.
- `first` means the same everywhere: `First` (an Int, null or absent meaning 20, at most 100), with `After`; lists
  that also page backward take `Last` and `Before`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, Self, TypeVar

import strawberry

from graphdir.api.relay import PageInfo, cursors, page_info
from graphdir.domain.common.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page

N = TypeVar("N")
E = TypeVar("E")
R = TypeVar("R")
Count = Callable[[], Awaitable[int]]

FIRST_HELP = f"How many, 0 to {MAX_PAGE_SIZE} (default, or null: {DEFAULT_PAGE_SIZE})."
AFTER_HELP = "Cursor of the edge to start after."
LAST_HELP = f"Page backward: how many before `before` (or the end), 0 to {MAX_PAGE_SIZE}."
BEFORE_HELP = "Cursor of the edge to end before."

First = Annotated[int | None, strawberry.argument(description=FIRST_HELP)]
After = Annotated[str | None, strawberry.argument(description=AFTER_HELP)]
Last = Annotated[int | None, strawberry.argument(description=LAST_HELP)]
Before = Annotated[str | None, strawberry.argument(description=BEFORE_HELP)]


@strawberry.type
class Edge(Generic[N]):
    cursor: str = strawberry.field(description="Cursor of this edge, for `after` (or `before`).")
    node: N = strawberry.field(description="The node at the end of this edge.")


@strawberry.type
class Connection(Generic[E]):
    edges: list[E] = strawberry.field(description="The edges of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total: strawberry.Private[int | None] = None
    count: strawberry.Private[Count | None] = None

    @strawberry.field(description="How many edges the whole list holds.")
    async def total_count(self) -> int:
        return await self.counted()

    async def counted(self) -> int:
        if self.total is None:
            if self.count is None:
                raise RuntimeError("a connection without a total nor a way to count")
            self.total = int(await self.count())
        return self.total

    @classmethod
    def of(cls, page: Page[R], order: str, edge: Callable[[str, R], E], count: Count | None = None) -> Self:
        """The connection of a page of the ordering `order`, each row made an edge by `edge(cursor, row)`;
        `count` counts the whole list when the page has no total and `totalCount` is asked for."""
        names = cursors(page, order)
        return cls(edges=[edge(cursor, row) for cursor, row in zip(names, page.rows, strict=True)],
                   page_info=page_info(page, names), total=page.total, count=count)


def node_edges(edge: Callable[..., E], node: Callable[[R], Any]) -> Callable[[str, R], E]:
    """The edge builder of a plain edge type (a cursor and a node): `node_edges(OrganizationEdge,
    Organization.from_record)`."""

    def build(cursor: str, row: R) -> E:
        return edge(cursor=cursor, node=node(row))

    return build
