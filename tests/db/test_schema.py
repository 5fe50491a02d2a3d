"""graphdir/db/constraints.cypher is applied idempotently."""

from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db import schema


async def _snapshot(driver: AsyncDriver, database: str) -> list[tuple[str, str]]:
    constraints, _, _ = await driver.execute_query("SHOW CONSTRAINTS YIELD name, type", database_=database)
    indexes, _, _ = await driver.execute_query("SHOW INDEXES YIELD name, type", database_=database)
    return sorted((r["name"], r["type"]) for r in [*constraints, *indexes])


async def test_applying_twice_changes_nothing_the_second_time(driver: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database
    await schema.apply(driver, db)
    before = await _snapshot(driver, db)
    report = await schema.apply(driver, db)
    assert report.created == []
    assert await _snapshot(driver, db) == before
    assert await schema.is_applied(driver, db)


async def test_every_declared_constraint_and_index_exists(driver: AsyncDriver, settings: Settings) -> None:
    names = {name for name, _ in await _snapshot(driver, settings.neo4j_database)}
    assert schema.expected_names() <= names
    assert {"commune_code", "organization_siren", "organization_location", "search_text"} <= names


async def test_apply_recreates_a_dropped_index(driver: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database
    await driver.execute_query("DROP INDEX organization_kind IF EXISTS", database_=db)
    assert not await schema.is_applied(driver, db)
    report = await schema.apply(driver, db)
    assert report.created == ["organization_kind"]


def test_statements_without_a_name_are_rejected() -> None:
    assert schema.statements("// c\nCREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y);\n\n") == [
        "CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y)"
    ]
