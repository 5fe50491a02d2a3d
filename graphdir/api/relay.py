"""Relay building blocks: the Node interface, PageInfo, and checking page arguments.

Every entity implements Node with a global id (`graphdir.api.ids`). Lists that can grow are connections
(`graphdir.api.connections`) paged by keyset cursors (`graphdir.domain.common.paging`): `first` (default 20, at most
100) rows after the cursor `after`, or, where a field offers them, `last` rows before `before`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import (
    Key,
    Page,
    PageRequest,
    check_page_size,
    decode_cursor,
    encode_cursor,
)


@strawberry.interface(description="An object with a global id, which `Query.node` fetches again (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "<type>:<graph id>".')


@strawberry.type(description="Where a page stands in its list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether rows follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Whether rows come before this page. With first/after, true when `after` was given; with "
        "last/before, whether rows precede the page."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge of the page.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge of the page.")


def page_request(first: int | None, after: str | None, *, order: str, arity: int, last: int | None = None,
                 before: str | None = None, prefix: str = "") -> PageRequest:
    """The PageRequest of these arguments, or InvalidArgument naming the faulty one (with `prefix`, e.g.
    "members.")."""
    if last is not None or before is not None:
        if first is not None or after is not None:
            raise InvalidArgument(prefix + ("last" if last is not None else "before"),
                                  "page forward (first/after) or backward (last/before), not both")
        return PageRequest(size=check_page_size(last, prefix + "last"),
                           key=_key(before, order, arity, prefix + "before"), backward=True)
    return PageRequest(size=check_page_size(first, prefix + "first"), key=_key(after, order, arity, prefix + "after"))


def page_size(value: int | None, argument: str = "first") -> int:
    """The size `first` asks for (20 when null), or InvalidArgument naming `argument`: lists that are not connections
    take `first` with the same meaning."""
    return check_page_size(value, argument)


def _key(cursor: str | None, order: str, arity: int, argument: str) -> Key | None:
    return decode_cursor(cursor, order, arity, argument) if cursor is not None else None


def page_info(page: Page[Any], cursors: Sequence[str]) -> PageInfo:
    """The PageInfo of a page whose edges have these cursors."""
    return PageInfo(has_next_page=page.has_next, has_previous_page=page.has_previous,
                    start_cursor=cursors[0] if cursors else None, end_cursor=cursors[-1] if cursors else None)


def cursors(page: Page[Any], order: str) -> Sequence[str]:
    return [encode_cursor(order, key) for key in page.keys]


def selects(info: Info[Any, Any], name: str) -> bool:
    """Whether the field being resolved selects `name` directly (in its own selection or a fragment of it)."""
    return any(_selects(selection, name) for field in info.selected_fields for selection in field.selections)


def _selects(selection: Selection, name: str) -> bool:
    if isinstance(selection, SelectedField):
        return selection.name == name
    return any(_selects(inner, name) for inner in selection.selections)
