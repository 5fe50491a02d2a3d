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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Statement:
    """A read statement with its parameters and the columns it returns, in the order they are collected."""

    query: str
    params: dict[str, Any]
    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.columns or not all(_NAME.fullmatch(column) for column in self.columns):
            raise ValueError(f"columns must be plain Cypher names, got {self.columns!r}")


def combine(statements: Sequence[Statement]) -> tuple[str, dict[str, Any]]:
    """One query and its parameters, whose single record holds `r0`, `r1`…: each statement's rows as lists."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for index, statement in enumerate(statements):
        prefix = f"s{index}_"
        body = _PARAMETER.sub("$" + prefix + r"\1", statement.query.strip())
        params.update({prefix + name: value for name, value in statement.params.items()})
        row = ", ".join(statement.columns)
        parts.append(f"CALL () {{\n  CALL () {{\n{body}\n  }}\n  RETURN collect([{row}]) AS r{index}\n}}")
    returned = ", ".join(f"r{index}" for index in range(len(statements)))
    return "\n".join(parts) + f"\nRETURN {returned}", params


def split(record: dict[str, Any], statements: Sequence[Statement]) -> list[list[dict[str, Any]]]:
    """The rows of each statement, as the statement alone would have returned them."""
    return [[dict(zip(statement.columns, values, strict=True)) for values in record[f"r{index}"]]
            for index, statement in enumerate(statements)]
