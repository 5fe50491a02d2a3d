"""The INSIDE links (containment as data, graphdir/domain/territories/inside_links.py) stay what the containment rule
says after a load, an API edit (a move to another commune, a cover, a merge, a deletion) and in the counts the API
reads from them. Vichy (03310) and Abrest (03001) are in région 83 (Auvergne) until 2015-12-31 and in 84 since
2016-01-01; Villeneuve-lès-Avignon (30351) is in the Grand Avignon, an EPCI across the Gard / Vaucluse border."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.domain.territories.cypher import INSIDE_ANY
from graphdir.domain.territories.inside_links import rebuild_all
from tests.api.editing import SEED_SOURCE, Tokens, graphql, tokens  # noqa: F401
from tests.api.helpers import delete_prefixed, graph_id, load, run, source
from tests.api.test_editing_merge import DELETE, MERGE
from tests.api.test_editing_rules import create, errors_of
from tests.api.test_editing_session import UPDATE
from tests.inside_rule import BY_RULE, mismatches

PREFIX = "test-api-inlinks-"
PAGES = """query($code: String!, $families: [OrganizationFamily!], $on: Date, $after: String) {
  organizations(filter: {territoryCode: $code, territoryLevel: REGION, families: $families, on: $on}, first: 3,
                after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"""


async def links_of(driver: AsyncDriver, settings: Settings, *ids: str) -> dict[str, set[str]]:
    records, _, _ = await driver.execute_query(
        "UNWIND $ids AS id OPTIONAL MATCH (:Organization {id: id})-[:" + INSIDE_ANY + "]->(t) "
        "RETURN id, collect(t.id) AS ts",
        {"ids": list(ids)}, database_=settings.neo4j_database)
    return {r["id"]: set(r["ts"]) for r in records}


@pytest.fixture
async def loaded(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[list[str]]:
    src = source(PREFIX)
    ids = [f"{PREFIX}{name}" for name in ("vichy", "agglo", "sites", "none")]
    await load(seeded, settings, tmp_path, "inside-links", {
        "sources": [src],
        "organizations": [
            {"id": ids[0], "name": "Test Inlinks Vichy", "kind": "ENTERPRISE", "family": "COOPERATIVE",
             "commune": "03310"},
            {"id": ids[1], "name": "Test Inlinks Agglo", "kind": "INTERCOMMUNALITY",
             "covers": [{"territory": "epci:248400251", "since": "2014", "until": "2017-06"},
                        {"territory": "region:83", "since": "2015-06"}]},
            {"id": ids[2], "name": "Test Inlinks Sites", "kind": "ENTERPRISE", "family": "MUTUAL",
             "siren": "999000111"},
            {"id": ids[3], "name": "Test Inlinks Nowhere", "kind": "NETWORK", "family": "MUTUAL"},
        ],
        "establishments": [
            {"siret": "99900011100011", "organization": ids[2], "commune": "30351", "headOffice": True},
            {"siret": "99900011100029", "organization": ids[2], "commune": "03001"},
        ],
    })
    yield ids
    await delete_prefixed(seeded, settings, PREFIX)
    await seeded.execute_query("MATCH (e:Establishment) WHERE e.siret STARTS WITH '999000111' DETACH DELETE e",
                               database_=settings.neo4j_database)


async def test_a_load_writes_the_links_the_rule_gives_on_every_day(loaded: list[str], seeded: AsyncDriver,
                                                                   settings: Settings, tmp_path: Path) -> None:
    assert await mismatches(seeded, settings.neo4j_database, loaded) == {}
    links = await links_of(seeded, settings, *loaded)
    assert links[loaded[0]] == {"commune:03310", "epci:200071363", "departement:03", "region:83", "region:84"}
    assert "departement:84" not in links[loaded[2]] and {"departement:30", "region:76", "epci:248400251",
                                                          "region:84", "region:83"} <= links[loaded[2]]
    assert links[loaded[3]] == set()
    # Loading the same files again changes nothing, links included; moving a site in a later load moves them.
    before = await links_of(seeded, settings, *loaded)
    await load(seeded, settings, tmp_path, "inside-links-move", {"establishments": [
        {"siret": "99900011100029", "organization": loaded[2], "commune": "84007"}]})
    after = await links_of(seeded, settings, *loaded)
    assert after[loaded[0]] == before[loaded[0]]
    assert {"departement:84", "region:93"} <= after[loaded[2]] and "departement:03" not in after[loaded[2]]
    assert await mismatches(seeded, settings.neo4j_database, loaded) == {}


async def test_the_counts_and_pages_read_from_the_links_follow_the_rule(loaded: list[str],
                                                                        seeded: AsyncDriver,
                                                                        settings: Settings) -> None:
    records, _, _ = await seeded.execute_query(
        "MATCH (o:Organization {family: 'COOPERATIVE'}) RETURN collect(o.id) AS ids", database_=settings.neo4j_database)
    cooperatives = records[0]["ids"]
    vichy = loaded[0]
    for on in (None, "2015-12-31", "2016-01-01"):
        rows, _, _ = await seeded.execute_query(BY_RULE, {"ids": cooperatives, "on": on and dt.date.fromisoformat(on)},
                                                database_=settings.neo4j_database)
        for code in ("83", "84"):
            expected = {r["id"] for r in rows if f"region:{code}" in r["territories"]}
            total, ids = await _listed(seeded, settings, code, on)
            assert (total, ids) == (len(expected), expected), (code, on)
        holds = {None: {"83", "84"}, "2015-12-31": {"83"}, "2016-01-01": {"84"}}[on]
        for code in ("83", "84"):
            assert (vichy in (await _listed(seeded, settings, code, on))[1]) == (code in holds)


async def _listed(driver: AsyncDriver, settings: Settings, code: str, on: str | None) -> tuple[int, set[str]]:
    """The first page's totalCount, and every organization of every page (by cursor), each once."""
    names: list[str] = []
    after = None
    total = None
    while True:
        page = (await run(driver, settings, PAGES, code=code, families=["COOPERATIVE"], on=on,
                          after=after)).ok["organizations"]
        total = page["totalCount"] if total is None else total
        names.extend(graph_id(edge["node"]["id"]) for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(names) == len(set(names))
    return total, set(names)


async def test_edits_through_the_api_keep_the_links(client: httpx.AsyncClient, tokens: Tokens,  # noqa: F811
                                                    seeded: AsyncDriver, settings: Settings) -> None:
    token = tokens.editor
    org = await create(client, token, name="Test API Edit Inlinks Mover", commune="03310")
    other = await create(client, token, name="Test API Edit Inlinks Other", commune="30351")
    moved, kept = graph_id(org["id"]), graph_id(other["id"])
    database = settings.neo4j_database
    assert "region:84" in (await links_of(seeded, settings, moved))[moved]
    body = await graphql(client, token, UPDATE, input={"id": org["id"], "version": 1, "commune": "84007",
                                                       "source": {"id": SEED_SOURCE, "excerpt": "à Avignon"}})
    assert errors_of(body, "updateOrganization") == []
    links = (await links_of(seeded, settings, moved))[moved]
    assert "region:93" in links and "region:84" not in links and "commune:03310" not in links
    assert await mismatches(seeded, database, [moved, kept]) == {}
    # A merge: the survivor is inside where either was (it keeps its own commune), the merged one is nowhere.
    body = await graphql(client, token, MERGE, input={"survivor": other["id"], "survivorVersion": 1,
                                                      "merged": org["id"], "mergedVersion": 2,
                                                      "source": {"id": SEED_SOURCE}})
    assert errors_of(body, "mergeOrganizations") == []
    version = body["data"]["mergeOrganizations"]["organization"]["version"]
    links = (await links_of(seeded, settings, kept))[kept]
    assert "commune:30351" in links and "region:76" in links
    assert await mismatches(seeded, database, [kept]) == {}
    records, _, _ = await seeded.execute_query(
        "MATCH (m {id: $id})-[r:" + INSIDE_ANY + "]-() RETURN count(r) AS n", {"id": moved}, database_=database)
    assert records[0]["n"] == 0
    # A deletion leaves no link.
    body = await graphql(client, tokens.admin, DELETE, input={"id": other["id"], "version": version,
                                                                "source": {"id": SEED_SOURCE}})
    assert errors_of(body, "deleteOrganization") == []
    records, _, _ = await seeded.execute_query(
        "MATCH ()-[r:" + INSIDE_ANY + "]->() WHERE r.id IN $ids RETURN count(r) AS n", {"ids": [moved, kept]},
        database_=database)
    assert records[0]["n"] == 0


async def test_organizations_sharing_a_place_in_one_batch_each_get_their_own_periods(
        seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    """REFRESH finds a place's containers once per batch for the organizations placed there with the same dates: two
    covers of one territory with other dates, and two organizations of one commune, each keep their own links."""
    prefix = f"{PREFIX}shared-"
    ids = [f"{prefix}{n}" for n in range(4)]
    try:
        await load(seeded, settings, tmp_path, "inside-links-shared", {
            "sources": [source(prefix)],
            "organizations": [
                {"id": ids[0], "name": "Test Inlinks Shared Early", "kind": "NETWORK",
                 "covers": [{"territory": "departement:03", "until": "2015-12"}]},
                {"id": ids[1], "name": "Test Inlinks Shared Late", "kind": "NETWORK", "family": "MUTUAL",
                 "covers": [{"territory": "departement:03", "since": "2016"}]},
                {"id": ids[2], "name": "Test Inlinks Shared Vichy A", "kind": "ENTERPRISE", "family": "COOPERATIVE",
                 "commune": "03310"},
                {"id": ids[3], "name": "Test Inlinks Shared Vichy B", "kind": "ENTERPRISE", "commune": "03310"},
            ],
        })
        assert await mismatches(seeded, settings.neo4j_database, ids) == {}
        links = await links_of(seeded, settings, *ids)
        # At any time, both covers put their organization in both régions (the rule with no date ignores dates); on
        # 2015-12-31 and 2016-01-01 (mismatches' days) each is inside only what its own dates give.
        assert links[ids[0]] == links[ids[1]] == {"departement:03", "region:83", "region:84"}
        assert links[ids[2]] == links[ids[3]] == {"commune:03310", "epci:200071363", "departement:03", "region:83",
                                                   "region:84"}
    finally:
        await delete_prefixed(seeded, settings, prefix)


async def test_rebuilding_every_link_gives_back_what_the_writers_wrote(loaded: list[str], seeded: AsyncDriver,
                                                                      settings: Settings) -> None:
    """rebuild_all (after a neo4j-admin import, or an upgrade) writes most links by place, not through REFRESH: the
    whole graph's links, properties and periods included, are the same afterwards (Vichy's région changes on
    2016-01-01; the fixture's cover, sites and nowhere organizations take REFRESH)."""
    database = settings.neo4j_database
    every_link = ("MATCH (o:Organization)-[l:" + INSIDE_ANY + "]->(t) RETURN o.id AS o, type(l) AS type, t.id AS t, "
                  "properties(l) AS props ORDER BY o, t")

    async def snapshot() -> list[tuple[str, str, str, str]]:
        records, _, _ = await seeded.execute_query(every_link, database_=database)
        return [(r["o"], r["type"], r["t"], repr(sorted(r["props"].items()))) for r in records]

    written = await snapshot()
    assert any(o == loaded[0] and t == "region:84" for o, _, t, _ in written)
    await seeded.execute_query("MATCH ()-[l:" + INSIDE_ANY + "]->() WHERE l.id = $id SET l.froms = [], l.tos = []",
                               {"id": loaded[0]}, database_=database)
    linked = await rebuild_all(seeded, database)
    assert await snapshot() == written
    assert linked == len({o for o, _, _, _ in written})
    assert await mismatches(seeded, database, loaded) == {}
