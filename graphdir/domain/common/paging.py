"""Keyset pages: a page request carries the sort key of the last row seen, never an offset.

A cursor is the URL-safe base64 of the JSON list `[order, *key]`: the name of the ordering it belongs to, then the sort
key of its row (e.g. `["org:NAME", "cres auvergne", "cres-auvergne"]`; partnersNear's key starts with a distance in
metres). Every list of the API uses this codec. A page of rows after a cursor is the rows whose key is greater (in the
ordering), so inserting rows between two requests never repeats nor skips a row already ordered.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graphdir.domain.common.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far over any cursor this API makes (an ordering name and a key of a few names), far under what costs to decode.
MAX_CURSOR_CHARS = 1000
# Integers in a key go to Neo4j, whose integers are 64-bit.
_INT_RANGE = range(-(2**63), 2**63)

Row = TypeVar("Row")
Key = tuple[Any, ...]


def encode_cursor(order: str, key: Sequence[Any]) -> str:
    raw = json.dumps([order, *key], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: str, arity: int, argument: str = "after") -> Key:
    """The sort key in `cursor`, checked against the ordering it must come from and the key's length; else
    InvalidArgument naming `argument` (whatever the cursor holds: nested JSON, huge numbers, megabytes)."""
    # A cursor is opaque to the client: the message shows only its beginning.
    wrong = InvalidArgument(argument, f"{cursor[:40]!r}{'…' if len(cursor) > 40 else ''} is not a cursor of this list")
    if len(cursor) > MAX_CURSOR_CHARS:
        raise wrong
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode())
    except (ValueError, UnicodeError, binascii.Error, RecursionError) as exc:
        raise wrong from exc
    if not isinstance(value, list) or len(value) != arity + 1 or value[0] != order:
        raise wrong
    key = tuple(value[1:])
    if not all(_key_part(part) for part in key):
        raise wrong
    return key


def _key_part(part: Any) -> bool:
    if isinstance(part, float):
        return math.isfinite(part)
    if isinstance(part, int) and not isinstance(part, bool):
        return part in _INT_RANGE
    return isinstance(part, str)


def check_page_size(value: int | None, argument: str = "first", default: int = DEFAULT_PAGE_SIZE) -> int:
    """The page size asked for (`default` when None), else InvalidArgument naming `argument`."""
    if value is None:
        return default
    if value < 0:
        raise InvalidArgument(argument, f"must not be negative (got {value})")
    if value > MAX_PAGE_SIZE:
        raise InvalidArgument(argument, f"must be at most {MAX_PAGE_SIZE} (got {value})")
    return value


@dataclass(frozen=True, slots=True)
class PageRequest:
    """`size` rows after (or, `backward`, before) the row whose sort key is `key` (None: from the start/end).
    Hashable: DataLoader keys hold it."""

    size: int = DEFAULT_PAGE_SIZE
    key: Key | None = None
    backward: bool = False


@dataclass(slots=True)
class Page(Generic[Row]):
    """Rows in list order, each with its sort key; whether rows exist beyond the page; the total when known."""

    rows: list[Row]
    keys: list[Key]
    has_next: bool = False
    has_previous: bool = False
    total: int | None = None


def page_from_rows(rows: list[dict[str, Any]], request: PageRequest, build: Callable[[dict[str, Any]], Row],
                   total: int | None = None) -> Page[Row]:
    """A page of `build(row)` from repository rows `{..., key: [...]}` fetched with LIMIT size + 1."""
    more = len(rows) > request.size
    rows = rows[: request.size]
    if request.backward:
        rows.reverse()
    page: Page[Row] = Page(rows=[build(row) for row in rows], keys=[tuple(row["key"]) for row in rows], total=total)
    if request.backward:
        page.has_previous, page.has_next = more, request.key is not None
    else:
        page.has_next, page.has_previous = more, request.key is not None
    return page
