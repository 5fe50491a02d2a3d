"""Several read statements sent as one: each runs in its own isolated subquery and comes back as one list.

A GraphQL selection fans out level by level: an organization page asks, at once, for the organization's commune, its
federations, its conventions and its people, four DataLoader batches, then for the next level's. Each statement costs
the API process about 0.8 ms of driver CPU however small it is (session, RUN, PULL, decoding), more than most of these
statements cost Neo4j. Sent together, the four cost that once.

    CALL () { CALL () { <statement 0> } RETURN collect([id, node]) AS r0 }
    CALL () { CALL () { <statement 1> } RETURN collect([id, edges, total]) AS r1 }
    RETURN r0, r1

`CALL () { … }` sees nothing of the statements around it, and each outer subquery returns exactly one row (an
aggregation without grouping keys), so the statements neither share variables nor multiply rows. Parameters are
renamed per statement (`$ids` becomes `$s1_ids`), since several statements use the same names for different values.
A statement's columns must be declared: Cypher has no way to collect "every column" of a subquery.

A statement may follow an earlier one of the same send: its `$ids` are then not a parameter but the ids of the nodes
the earlier statement's rows reach (`FollowIds`, graphdir.db.reader), taken from that statement's collected rows in
Cypher, so the next level of a page travels in the same round trip as the level it hangs from:

    WITH *, COLLECT { UNWIND r0 AS row UNWIND row[1] AS e WITH e.node AS n ... RETURN DISTINCT n.id } AS f1
    CALL (f1) { CALL (f1) { <statement 1, `$ids` read as f1> } RETURN collect([id, edges, total]) AS r1 }
    RETURN r0, r1, f1
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# Where the nodes a statement's rows reach are, by the column that holds them: a page's edges (`{node, ...}`), one
# node, a list of nodes. A statement with none of these cannot be followed.
_REACHED = {
    "edges": "UNWIND row[{index}] AS e WITH e.node AS n",
    "node": "WITH row[{index}] AS n",
    "nodes": "UNWIND row[{index}] AS n",
}


class FollowIds(list[str]):
    """The `ids` of a statement that follows the batch read with `parent` as its `ids`: empty until the combined
    statement returns, then the ids of the nodes that batch's rows reach (each once)."""

    def __init__(self, parent: list[str]) -> None:
        super().__init__()
        self.parent = parent


def can_follow(columns: tuple[str, ...]) -> bool:
    """Whether the nodes of a statement with these columns can be followed."""
    return any(column in _REACHED for column in columns)


@dataclass(frozen=True)
class Statement:
    """A read statement with its parameters and the columns it returns, in the order they are collected; `after`:
    the index, in the same send, of the statement whose reached nodes are its `$ids` (None: `$ids` is a parameter)."""

    query: str
    params: dict[str, Any]
    columns: tuple[str, ...]
    after: int | None = None

    def __post_init__(self) -> None:
        if not self.columns or not all(_NAME.fullmatch(column) for column in self.columns):
            raise ValueError(f"columns must be plain Cypher names, got {self.columns!r}")


def combine(statements: Sequence[Statement]) -> tuple[str, dict[str, Any]]:
    """One query and its parameters, whose single record holds `r0`, `r1`…: each statement's rows as lists."""
    text = _text(tuple((statement.query, statement.columns, statement.after) for statement in statements))
    params: dict[str, Any] = {}
    for index, statement in enumerate(statements):
        prefix = f"s{index}_"
        params.update({prefix + name: value for name, value in statement.params.items()
                       if statement.after is None or name != "ids"})
    return text, params


@functools.lru_cache(maxsize=256)
def _text(shapes: tuple[tuple[str, tuple[str, ...], int | None], ...]) -> str:
    """The combined text of statements of these (query, columns, after): the same few combinations come back with
    every page, and renaming their parameters is most of what combining costs."""
    parts: list[str] = []
    returned: list[str] = []
    for index, (query, columns, after) in enumerate(shapes):
        prefix = f"s{index}_"
        scope = ""
        if after is None:
            body = _PARAMETER.sub("$" + prefix + r"\1", query.strip())
        else:
            scope = f"f{index}"
            parts.append(f"WITH *, {_reached_ids(shapes[after][1], after)} AS {scope}")
            body = _PARAMETER.sub(_renamer(prefix, scope), query.strip())
            returned.append(scope)
        row = ", ".join(columns)
        parts.append(f"CALL ({scope}) {{\n  CALL ({scope}) {{\n{body}\n  }}\n"
                     f"  RETURN collect([{row}]) AS r{index}\n}}")
        returned.append(f"r{index}")
    return "\n".join(parts) + f"\nRETURN {', '.join(returned)}"


def _renamer(prefix: str, ids: str) -> Callable[[re.Match[str]], str]:
    """A following statement's parameters renamed, and its `$ids` read from the variable `ids`."""

    def rename(match: re.Match[str]) -> str:
        return ids if match[1] == "ids" else "$" + prefix + match[1]

    return rename


def _reached_ids(columns: tuple[str, ...], index: int) -> str:
    column = next(position for position, name in enumerate(columns) if name in _REACHED)
    reach = _REACHED[columns[column]].format(index=column)
    return f"COLLECT {{ UNWIND r{index} AS row {reach} WITH n WHERE n IS NOT NULL RETURN DISTINCT n.id }}"


def split(record: dict[str, Any], statements: Sequence[Statement]) -> list[list[dict[str, Any]]]:
    """The rows of each statement, as the statement alone would have returned them; a following statement's
    `FollowIds` get the ids it was run on."""
    for index, statement in enumerate(statements):
        ids = statement.params.get("ids")
        if statement.after is not None and isinstance(ids, FollowIds):
            ids[:] = record[f"f{index}"]
    return [[dict(zip(statement.columns, values, strict=True)) for values in record[f"r{index}"]]
            for index, statement in enumerate(statements)]
