"""Two transactions refreshing one organization's INSIDE links at once (graphdir/domain/territories/inside_links.py):
a load's last step and an API edit, or two imports, may do so. Each reads the links it replaces, then writes new ones;
if the second read ran before the first transaction committed, both sets would be kept (duplicates). The refresh locks
the organization before reading, so the second waits and replaces what the first wrote."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.domain.territories import inside_links
from graphdir.domain.territories.cypher import INSIDE_ANY
from tests.api.helpers import delete_prefixed, load, source

PREFIX = "test-api-inrace-"
LINKS = ("MATCH (:Organization {id: $id})-[l:" + INSIDE_ANY + "]->(t) "
         "RETURN t.id AS territory, count(l) AS n ORDER BY territory")


@pytest.fixture
async def organization(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    graph_id = f"{PREFIX}vichy"
    await load(seeded, settings, tmp_path, "inside-race", {
        "sources": [source(PREFIX)],
        "organizations": [{"id": graph_id, "name": "Test Inrace Vichy", "kind": "ENTERPRISE",
                           "family": "COOPERATIVE", "commune": "03310"}],
    })
    yield graph_id
    await delete_prefixed(seeded, settings, PREFIX)


async def _links(driver: AsyncDriver, settings: Settings, graph_id: str) -> dict[str, int]:
    records, _, _ = await driver.execute_query(LINKS, {"id": graph_id}, database_=settings.neo4j_database)
    return {r["territory"]: r["n"] for r in records}


@pytest.mark.parametrize("first_has_links", [True, False], ids=["links-present", "no-links-yet"])
async def test_two_concurrent_refreshes_of_one_organization_leave_one_link_per_territory(
        organization: str, seeded: AsyncDriver, settings: Settings, first_has_links: bool) -> None:
    database = settings.neo4j_database
    expected = await _links(seeded, settings, organization)
    assert expected and set(expected.values()) == {1}
    if not first_has_links:  # as for an organization a bulk load created and has not refreshed yet
        await seeded.execute_query("MATCH (:Organization {id: $id})-[l:" + INSIDE_ANY + "]->() DELETE l",
                                   {"id": organization}, database_=database)
    first_session = seeded.session(database=database)
    second_session = seeded.session(database=database)
    first = await first_session.begin_transaction()
    try:
        await inside_links.refresh(first, [organization])  # type: ignore[arg-type]
        second = await second_session.begin_transaction()
        # The second refresh starts while the first is open: it must wait for it rather than read the links of before.
        waiting = asyncio.create_task(inside_links.refresh(second, [organization]))  # type: ignore[arg-type]
        await asyncio.sleep(1.5)
        await first.commit()
        await asyncio.wait_for(waiting, timeout=60)
        await second.commit()
    finally:
        await first_session.close()
        await second_session.close()
    assert await _links(seeded, settings, organization) == expected
