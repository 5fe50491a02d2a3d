"""The Cypher constraints and indexes of graphdir/db/constraints.cypher (package data), applied idempotently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from neo4j import AsyncDriver
from neo4j.exceptions import Neo4jError

CONSTRAINTS_FILE = resources.files("graphdir.db") / "constraints.cypher"
INSIDE_INDEX = "inside_association_name"
_NAME = re.compile(r"CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF NOT EXISTS", re.IGNORECASE)


def statements(text: str | None = None) -> list[str]:
    text = CONSTRAINTS_FILE.read_text() if text is None else text
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def expected_names() -> set[str]:
    names = set()
    for statement in statements():
        match = _NAME.search(statement)
        if match is None:
            raise ValueError(f"{CONSTRAINTS_FILE}: expected CREATE … <name> IF NOT EXISTS: {statement[:80]}")
        names.add(match.group(1))
    return names


@dataclass(frozen=True)
class SchemaReport:
    created: list[str]
    existing: int

    def __str__(self) -> str:
        if not self.created:
            return f"schema up to date ({self.existing} constraints and indexes)"
        return f"schema applied: created {', '.join(sorted(self.created))}"


async def present_names(driver: AsyncDriver, database: str) -> set[str]:
    constraints, _, _ = await driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database, routing_="r")
    indexes, _, _ = await driver.execute_query(
        "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE'", database_=database, routing_="r"
    )
    return {r["name"] for r in constraints} | {r["name"] for r in indexes}


async def apply(driver: AsyncDriver, database: str) -> SchemaReport:
    before = await present_names(driver, database)
    for statement in statements():
        await driver.execute_query(statement, database_=database)
    await driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    after = await present_names(driver, database)
    expected = expected_names()
    if INSIDE_INDEX not in before:
        # A graph from before the INSIDE links (containment as data) gets them once, with their first index; from
        # then on every writer keeps them.
        from graphdir.domain.territories.inside_links import rebuild_all

        await rebuild_all(driver, database)
    return SchemaReport(created=sorted((after - before) & expected), existing=len(expected & before))


async def refresh_statistics(driver: AsyncDriver, database: str) -> None:
    """Resample the indexes and drop cached plans, after a bulk write.

    Neo4j resamples an index in the background once enough of it changed, so right after a large first load the
    planner may still see the empty indexes of before and pick a product of label scans for a query it would anchor on
    an index a minute later (seen on CI: a 350 × 120 containment check ran past the 120 s transaction timeout).
    A deployment whose user may not call the procedure (it is admin-only) keeps Neo4j's background sampling.
    """
    try:
        await driver.execute_query("CALL db.prepareForReplanning(120)", database_=database)
    except Neo4jError as error:
        if not (error.code or "").startswith("Neo.ClientError.Security."):
            raise


async def is_applied(driver: AsyncDriver, database: str) -> bool:
    return expected_names() <= await present_names(driver, database)
