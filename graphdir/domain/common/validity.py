"""The one Cypher predicate for "it held on this day" (schema/MODEL.md, "Dates").

A date in the graph may be partial ("2012"): the loader stores beside each date `x` its first and last possible days,
`xFrom` and `xTo`. A fact held on day D when its start may be on or before D and its end may be on or after D; a
missing bound is open. Every query that reads "as it stood on D" builds its predicate here, from fixed names only:
`entity` and `day` are Cypher identifiers and parameters written by graphdir, never user text.
"""

from __future__ import annotations

from collections.abc import Sequence

EARLIEST = "date('0001-01-01')"
LATEST = "date('9999-12-31')"

# The bounds of a relationship's validity (MEMBER_OF, HOLDS_ROLE, PART_OF, COVERS…), and of a node's (a territory,
# a convention in force).
RELATIONSHIP = (("sinceFrom",), "untilTo")
NODE = (("validFromFrom",), "validUntilTo")


def held_on(entity: str, day: str, bounds: tuple[Sequence[str], str] = RELATIONSHIP) -> str:
    """`entity` held on `day`: its first possible start (the first of `bounds[0]` that is set) is not after the day and
    its last possible end is not before it."""
    starts, end = bounds
    start = ", ".join(f"{entity}.{name}" for name in starts)
    return f"(coalesce({start}, {EARLIEST}) <= {day} AND {day} <= coalesce({entity}.{end}, {LATEST}))"


def held_on_if_given(entity: str, day: str, bounds: tuple[Sequence[str], str] = RELATIONSHIP) -> str:
    """The same, true for any `entity` when `day` is null (a question asked "at any time")."""
    return f"({day} IS NULL OR {held_on(entity, day, bounds)})"


def all_held_on_if_given(relationships: str, day: str) -> str:
    """Every relationship of the list `relationships` (a variable-length pattern's) held on `day`, or `day` is null."""
    return f"({day} IS NULL OR all(held IN {relationships} WHERE {held_on('held', day)}))"


def standing_day(entity: str, day: str) -> str:
    """The day a territory's hierarchy is read on: `day` if given, else today, or the last day of a territory that has
    ended (the children of Auvergne, 83, are its départements of 2015)."""
    end = f"{entity}.{NODE[1]}"
    return f"coalesce({day}, CASE WHEN {end} < date() THEN {end} ELSE date() END)"
