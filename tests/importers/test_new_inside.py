"""The INSIDE links the direct-create path computes per commune (graphdir.importers.new_inside) are, link for link,
those REFRESH (graphdir.domain.territories.inside_links) writes: for new organizations, for organizations of an earlier
batch given establishments in new communes and in communes they were inside already, for a curated organization with
covers given an establishment, and for a new organization with covers; and the SIRENE samples in batches of two (an
organization's establishments in several batches), one node per transaction, give REFRESH's links too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver, AsyncManagedTransaction

from graphdir.config import Settings
from graphdir.domain.territories import inside_links
from graphdir.domain.territories.cypher import INSIDE_ANY
from graphdir.importers import new_nodes
from graphdir.importers.new_nodes import create_new
from graphdir.importers.records import line_dict
from graphdir.loader import Record
from graphdir.loader.history import import_actor
from tests.importers.test_import_sirene import ESS_LIST, SITES, UNITS, run_sirene
from tests.inside_rule import mismatches

FILE = "StockUniteLegale_test.csv"
CURATED = "conseil-regional-auvergne"  # a seed covering région 83 until 2015-12-31
LINKS = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[link:""" + INSIDE_ANY + """]->(t:Territory)
RETURN id, type(link) AS type, t.id AS territory, properties(link) AS props
"""


def cited(line: int) -> list[Any]:
    return [line_dict(line, [("source", "src-cres-auvergne-2012"), ("excerpt", f"{FILE} line {line}")])]


def unit(index: int, commune: str | None, family: str = "ASSOCIATION", covers: str | None = None) -> Record:
    line = index + 2
    fields: list[tuple[str, Any]] = [
        ("id", f"siren-99930000{index}"), ("name", f"UNITE TEST {index}"), ("kind", "ENTERPRISE"),
        ("family", family), ("classifiedBy", "sirene:9220"), ("siren", f"99930000{index}"), ("commune", commune),
        ("covers", [line_dict(line, [("territory", covers)])] if covers else None), ("cited", cited(line))]
    return Record(FILE, line, "organizations", index, line_dict(line, [(k, v) for k, v in fields if v is not None]))


def site(index: int, organization: str, commune: str) -> Record:
    line = index + 2
    return Record(FILE, line, "establishments", index, line_dict(line, [
        ("siret", f"9993000{index:02d}00011"), ("organization", organization), ("commune", commune),
        ("cited", cited(line))]))


async def links(graph: AsyncDriver, settings: Settings, ids: list[str]) -> set[tuple[Any, ...]]:
    records, _, _ = await graph.execute_query(LINKS, {"ids": ids}, database_=settings.neo4j_database)
    return {(r["id"], r["type"], r["territory"], tuple(sorted((k, repr(v)) for k, v in r["props"].items())))
            for r in records}


async def refreshed(graph: AsyncDriver, settings: Settings, ids: list[str]) -> set[tuple[Any, ...]]:
    async def refresh(tx: AsyncManagedTransaction) -> None:
        await inside_links.refresh(tx, ids)

    async with graph.session(database=settings.neo4j_database) as session:
        await session.execute_write(refresh)
    return await links(graph, settings, ids)


async def create(graph: AsyncDriver, settings: Settings, records: list[Record]) -> None:
    await create_new(graph, settings.neo4j_database, records, actor=import_actor("sirene", [FILE]), files=1,
                     dry_run=False)


async def test_links_of_new_and_earlier_organizations_are_refresh_s(graph: AsyncDriver, settings: Settings) -> None:
    ids = [f"siren-99930000{i}" for i in range(1, 5)] + [CURATED]
    try:
        await create(graph, settings, [unit(1, "03095"), unit(2, None, "COOPERATIVE"),
                                       unit(3, "69383", "MUTUAL"),
                                       unit(4, None, "FOUNDATION", covers="region:84")])
        created = await links(graph, settings, ids)
        assert {link[2] for link in created if link[0] == ids[0]} >= {"commune:03095", "departement:03",
                                                                      "region:83", "region:84"}
        assert not any(link[0] == ids[1] for link in created)  # placed nowhere yet
        # A later batch: sites in new communes, in a commune already held, of a unit without a place until now, of
        # a curated organization with covers, and of a unit created in this batch.
        await create(graph, settings, [
            unit(5, None), site(1, ids[0], "75115"), site(2, ids[0], "03095"),
            site(3, ids[0], "03310"), site(4, ids[1], "03310"), site(5, CURATED, "03095"),
            site(6, ids[2], "75115"), site(7, "siren-999300005", "03001")])
        ids.append("siren-999300005")
        written = await links(graph, settings, ids)
        assert written == await refreshed(graph, settings, ids)
        assert await mismatches(graph, settings.neo4j_database, ids) == {}
    finally:  # the curated organization's links as they were, its establishment gone
        await graph.execute_query("MATCH (e:Establishment) WHERE e.siret STARTS WITH '9993' DETACH DELETE e",
                                  database_=settings.neo4j_database)
        await refreshed(graph, settings, [CURATED])


async def test_samples_in_batches_of_two_give_refresh_s_links(graph: AsyncDriver, settings: Settings,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_nodes, "TRANSACTION_NODES", 1)  # a batch in several transactions too
    await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST, batch=2)
    records, _, _ = await graph.execute_query("MATCH (o:Organization) WHERE o.siren STARTS WITH '9991' "
                                              "RETURN collect(o.id) AS ids", database_=settings.neo4j_database)
    ids = list(records[0]["ids"])
    written = await links(graph, settings, ids)
    assert len(written) >= len(ids)
    assert written == await refreshed(graph, settings, ids)
