"""Valid loads: what they write, idempotence (a second load changes nothing), updates, dry runs, file order, bulk."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from neo4j.spatial import WGS84Point

from graphdir.loader import Counts, LoadReport, load_paths, writing
from graphdir.loader.command import run_load
from tests.loader.conftest import VALID, Graph

SECTIONS = ["sources", "territories", "organizations", "people", "roles", "relations", "conventions", "events",
            "statements", "figures"]
VALID_COUNTS = [2, 5, 3, 1, 1, 2, 1, 2, 1, 2]  # records per section in fixtures/valid


def created(counts: list[int]) -> dict[str, Counts]:
    return {s: Counts(created=n) for s, n in zip(SECTIONS, counts, strict=True)}


def unchanged(counts: list[int]) -> dict[str, Counts]:
    return {s: Counts(unchanged=n) for s, n in zip(SECTIONS, counts, strict=True)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


TEST_SUBGRAPH = """
MATCH (n) WHERE n.id STARTS WITH 'test-loader-' OR (n:Territory AND n.code STARTS WITH '999')
   OR (n:Territory AND n.code STARTS WITH 'test-loader-')
OPTIONAL MATCH (n)-[r]->(m) WHERE NOT type(r) STARTS WITH 'INSIDE'
RETURN count(DISTINCT n) AS nodes, count(r) AS rels
"""
# (Without the INSIDE links the load derives, kept apart: tests/api/test_inside_links.py.)


async def test_a_valid_load_writes_everything_and_a_second_load_changes_nothing(graph: Graph) -> None:
    first = await load_paths(graph.driver, graph.database, [VALID])
    assert first.counts == created(VALID_COUNTS)
    assert (first.files, first.records, first.dry_run, first.batched, first.changed) == (3, 20, False, False, True)
    # 17 nodes (roles and relations are edges) and 38 relationships, counted by hand from the fixtures.
    assert await graph.query(TEST_SUBGRAPH) == [{"nodes": 17, "rels": 40}]

    before = await graph.snapshot()
    second = await load_paths(graph.driver, graph.database, [VALID])
    assert second.counts == unchanged(VALID_COUNTS)
    assert second.total == Counts(0, 0, 20) and not second.changed
    assert second.lines()[-1] == "nothing changed"
    assert await graph.snapshot() == before


async def test_what_a_load_stores(graph: Graph) -> None:
    await load_paths(graph.driver, graph.database, [VALID])
    [chamber] = await graph.query(
        "MATCH (o:Organization {id: 'test-loader-chamber'})-[:LOCATED_IN]->(c:Commune) "
        "RETURN o.location AS location, o.locationApproximate AS approximate, o.slug AS slug, o.sortName AS sortName, "
        "o.foundedOnFrom AS foundedFrom, o.foundedOnTo AS foundedTo, c.id AS commune"
    )
    assert chamber["location"] == WGS84Point((3.4, 46.1)) and chamber["approximate"] is True
    assert (chamber["slug"], chamber["sortName"], chamber["commune"]) == ("cres-test", "chambre regionale de test",
                                                                          "commune:99901")
    assert (str(chamber["foundedFrom"]), str(chamber["foundedTo"])) == ("1985-01-01", "1985-12-31")
    parents = await graph.query(
        "MATCH (:Commune {code: '99901'})-[r:PART_OF]->(p:Territory) "
        "RETURN p.id AS parent, labels(p) AS labels, r.until AS until, toString(r.untilTo) AS untilTo ORDER BY parent"
    )
    assert parents == [
        {"parent": "epci:999999901", "labels": ["Territory", "Epci"], "until": None, "untilTo": None},
        {"parent": "pays:test-loader-pays", "labels": ["Territory", "Pays"], "until": "2015-12-31",
         "untilTo": "2015-12-31"},
    ]
    cited = await graph.query(
        "MATCH (n)-[c:CITED_IN]->(:Source {id: 'test-loader-src-doc'}) RETURN n.id AS id, c.excerpt AS excerpt "
        "ORDER BY id"
    )
    assert [c["id"] for c in cited] == ["test-loader-chamber", "test-loader-convention", "test-loader-jobs",
                                        "test-loader-mission-1", "test-loader-person", "test-loader-seminar",
                                        "test-loader-share"]
    [convention] = await graph.query(
        "MATCH (c:Convention {id: 'test-loader-convention'})-[:SIGNED_DURING]->(e:Event)-[:HELD_IN]->(t:Commune) "
        "MATCH (c)<-[p:PARTY_TO]-(o:Organization) "
        "RETURN c.objectives AS objectives, toString(c.signedOnFrom) AS signed, e.id AS event, t.code AS commune, "
        "collect(o.id + '/' + p.role) AS parties"
    )
    assert convention == {"objectives": ["Faire connaître l'ESS", "Coopérer"], "signed": "2012-01-20",
                          "event": "test-loader-seminar", "commune": "99901",
                          "parties": convention["parties"]}
    assert isinstance(convention["parties"], list)
    assert sorted(convention["parties"]) == ["test-loader-chamber/signatory", "test-loader-council/signatory"]


async def test_changing_one_field_updates_exactly_one_record(graph: Graph, valid_copy: Path) -> None:
    await load_paths(graph.driver, graph.database, [valid_copy])
    edit(valid_copy / "30-actors.yaml", "    name: Conseil de Test\n",
         "    name: Conseil de Test\n    description: Le conseil finance l'ESS\n")
    report = await load_paths(graph.driver, graph.database, [valid_copy])
    assert report.counts["organizations"] == Counts(0, 1, 2)
    assert report.total == Counts(0, 1, 19)
    assert await graph.query("MATCH (o:Organization {id: 'test-loader-council'}) RETURN o.description AS d, "
                             "o.searchText AS s") == [{"d": "Le conseil finance l'ESS",
                                                       "s": "conseil de test le conseil finance ess"}]
    again = await load_paths(graph.driver, graph.database, [valid_copy])
    assert again.total == Counts(0, 0, 20)


async def test_an_edge_property_and_a_territory_change_are_updates(graph: Graph, valid_copy: Path) -> None:
    await load_paths(graph.driver, graph.database, [valid_copy])
    edit(valid_copy / "30-actors.yaml", '    since: "2012"\n    source: test-loader-src-doc\n',
         '    since: "2012-03"\n    source: test-loader-src-doc\n')
    edit(valid_copy / "20-territories.jsonl", '"population":1300', '"population":1301')
    report = await load_paths(graph.driver, graph.database, [valid_copy])
    assert report.counts["roles"] == Counts(0, 1, 0)
    assert report.counts["territories"] == Counts(0, 1, 4)
    assert report.total == Counts(0, 2, 18)
    assert await graph.query("MATCH (:Person)-[r:HOLDS_ROLE]->(:Organization {id: 'test-loader-chamber'}) "
                             "RETURN r.since AS since, toString(r.sinceTo) AS to") == [{"since": "2012-03",
                                                                                        "to": "2012-03-31"}]


async def test_moving_an_organization_replaces_the_relationships_it_owns(graph: Graph, valid_copy: Path) -> None:
    await load_paths(graph.driver, graph.database, [valid_copy])
    edit(valid_copy / "30-actors.yaml", '    commune: "99903"\n', '    commune: "99902"\n')
    report = await load_paths(graph.driver, graph.database, [valid_copy])
    assert report.total == Counts(0, 1, 19)
    moved = await graph.query("MATCH (:Organization {id: 'test-loader-federation'})-[:LOCATED_IN]->(c) "
                              "RETURN c.code AS code")
    assert moved == [{"code": "99902"}]
    [federation] = await graph.query("MATCH (o:Organization {id: 'test-loader-federation'}) "
                                     "RETURN o.location AS location, o.locationApproximate AS approximate")
    assert federation == {"location": WGS84Point((3.5, 46.2)), "approximate": True}


async def test_dry_run_writes_nothing_and_says_what_would_change(graph: Graph, valid_copy: Path) -> None:
    before = await graph.snapshot()
    report = await load_paths(graph.driver, graph.database, [valid_copy], dry_run=True)
    assert report.dry_run and report.counts == created(VALID_COUNTS)
    assert report.lines()[0] == "dry run: nothing written; a load would give"
    assert await graph.snapshot() == before

    await load_paths(graph.driver, graph.database, [valid_copy])
    edit(valid_copy / "10-sources.yaml", "title: Document de test", "title: Document de test, corrigé")
    loaded = await graph.snapshot()
    report = await load_paths(graph.driver, graph.database, [valid_copy], dry_run=True)
    assert report.counts["sources"] == Counts(0, 1, 1) and report.total == Counts(0, 1, 19)
    assert await graph.snapshot() == loaded


async def test_order_of_files_and_records_does_not_matter(graph: Graph, tmp_path: Path) -> None:
    reordered = tmp_path / "reordered"
    reordered.mkdir()
    lines = (VALID / "20-territories.jsonl").read_text(encoding="utf-8").splitlines()
    (reordered / "a-territories.jsonl").write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    shutil.copy(VALID / "30-actors.yaml", reordered / "0-actors.yaml")
    shutil.copy(VALID / "10-sources.yaml", reordered / "z-sources.yaml")
    report = await load_paths(graph.driver, graph.database, [reordered])
    assert report.counts == created(VALID_COUNTS)
    single = await graph.snapshot()
    await graph.clean()
    await load_paths(graph.driver, graph.database, [VALID])
    assert await graph.snapshot() == single


async def test_references_and_locations_come_from_the_graph_too(graph: Graph, tmp_path: Path) -> None:
    await load_paths(graph.driver, graph.database, [VALID / "10-sources.yaml", VALID / "20-territories.jsonl"])
    later = tmp_path / "later.yaml"
    later.write_text(
        "organizations:\n"
        "  - {id: test-loader-later, name: Later, kind: OTHER, commune: '99902',\n"
        "     cited: [{source: test-loader-src-doc}]}\n"
        "  - {id: test-loader-unplaced, name: Unplaced, kind: OTHER, commune: '99903'}\n",
        encoding="utf-8",
    )
    report = await load_paths(graph.driver, graph.database, [later])
    assert report.counts == {"organizations": Counts(created=2)}
    rows = await graph.query("MATCH (o:Organization) WHERE o.id IN ['test-loader-later', 'test-loader-unplaced'] "
                             "RETURN o.id AS id, o.location AS location, o.locationApproximate AS approximate "
                             "ORDER BY id")
    assert rows == [
        {"id": "test-loader-later", "location": WGS84Point((3.5, 46.2)), "approximate": True},
        {"id": "test-loader-unplaced", "location": None, "approximate": None},  # its commune has no location
    ]


async def test_bulk_loads_write_in_batches_to_the_same_graph(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    await load_paths(graph.driver, graph.database, [VALID])
    single = await graph.snapshot()
    await graph.clean()
    monkeypatch.setattr(writing, "SINGLE_TRANSACTION_ROWS", 10)
    monkeypatch.setattr(writing, "BATCH_ROWS", 3)
    report = await load_paths(graph.driver, graph.database, [VALID])
    assert report.batched and report.counts == created(VALID_COUNTS)
    assert report.lines()[-1].endswith(" s, several transactions)")
    assert await graph.snapshot() == single
    again = await load_paths(graph.driver, graph.database, [VALID])
    assert not again.changed and not again.batched


async def test_the_command_prints_the_summary(graph: Graph, capsys: pytest.CaptureFixture[str]) -> None:
    code = await asyncio.to_thread(run_load, graph.settings, [VALID], False, False)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:-1] == [f"{s}: {n} created, 0 updated, 0 unchanged" for s, n in zip(SECTIONS, VALID_COUNTS,
                                                                                      strict=True)]
    assert re.fullmatch(r"total: 20 created, 0 updated, 0 unchanged \(20 records in 3 files, \d+\.\d s\)", lines[-1])

    code = await asyncio.to_thread(run_load, graph.settings, [VALID], True, False)
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == "dry run: nothing written; a load would give"
    assert out.splitlines()[-1] == "nothing changed"
    assert "organizations: 0 created, 0 updated, 3 unchanged" in out.splitlines()


def test_summary_format() -> None:
    report = LoadReport(counts={"organizations": Counts(5, 0, 2), "people": Counts(0, 1, 0)}, files=2, records=8,
                        seconds=1.26)
    assert report.lines() == [
        "organizations: 5 created, 0 updated, 2 unchanged",
        "people: 0 created, 1 updated, 0 unchanged",
        "total: 5 created, 1 updated, 2 unchanged (8 records in 2 files, 1.3 s)",
    ]
    quiet = LoadReport(counts={"people": Counts(0, 0, 1)}, files=1, records=1, seconds=0.04)
    assert quiet.lines() == ["people: 0 created, 0 updated, 1 unchanged",
                             "total: 0 created, 0 updated, 1 unchanged (1 record in 1 file, 0.0 s)",
                             "nothing changed"]


async def test_a_load_may_move_a_siren_from_one_organization_to_another(graph: Graph, tmp_path: Path) -> None:
    before = tmp_path / "before.yaml"
    before.write_text("organizations:\n"
                      "  - {id: test-loader-a, name: A, kind: OTHER, siren: '999000011'}\n"
                      "  - {id: test-loader-b, name: B, kind: OTHER, siren: '999000012'}\n", encoding="utf-8")
    after = tmp_path / "after.yaml"
    after.write_text("organizations:\n"
                     "  - {id: test-loader-a, name: A, kind: OTHER, siren: '999000012'}\n"
                     "  - {id: test-loader-b, name: B, kind: OTHER, siren: '999000011'}\n", encoding="utf-8")
    await load_paths(graph.driver, graph.database, [before])
    report = await load_paths(graph.driver, graph.database, [after])
    assert report.counts == {"organizations": Counts(0, 2, 0)}
    assert await graph.query("MATCH (o:Organization) WHERE o.id IN ['test-loader-a', 'test-loader-b'] "
                             "RETURN o.id AS id, o.siren AS siren, o.slug AS slug ORDER BY id") == [
        {"id": "test-loader-a", "siren": "999000012", "slug": "a"},
        {"id": "test-loader-b", "siren": "999000011", "slug": "b"},
    ]


async def test_a_change_in_owned_relationships_only_is_an_update(graph: Graph, valid_copy: Path) -> None:
    await load_paths(graph.driver, graph.database, [valid_copy])
    edit(valid_copy / "20-territories.jsonl", '"territory":"pays:test-loader-pays","since":"2014"',
         '"territory":"pays:test-loader-pays","since":"2013-06"')
    edit(valid_copy / "30-actors.yaml", '{source: test-loader-src-doc, excerpt: "Gérard Test, président"}',
         '{source: test-loader-src-doc, excerpt: "Gérard Test, président de la CRES"}')
    report = await load_paths(graph.driver, graph.database, [valid_copy])
    assert (report.counts["territories"], report.counts["people"]) == (Counts(0, 1, 4), Counts(0, 1, 0))
    assert report.total == Counts(0, 2, 18)
    assert await graph.query("MATCH (:Epci {code: '999999901'})-[r:PART_OF]->(p) "
                             "RETURN p.id AS parent, r.since AS since, toString(r.sinceTo) AS to") == [
        {"parent": "pays:test-loader-pays", "since": "2013-06", "to": "2013-06-30"}
    ]
    assert await graph.query("MATCH (:Person {id: 'test-loader-person'})-[c:CITED_IN]->() "
                             "RETURN c.excerpt AS excerpt") == [{"excerpt": "Gérard Test, président de la CRES"}]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The comparison reads (their statements) the loader sends from now on."""
    reads: list[str] = []
    original = writing._read

    async def counting(*args: Any) -> list[Any]:
        reads.append(args[2])
        return await original(*args)

    monkeypatch.setattr(writing, "_read", counting)
    return reads


async def test_rows_that_cannot_exist_are_not_read(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first load reads nothing back for its edges (each has an end the load creates); a second reads and finds
    every row unchanged."""
    reads = count_reads(monkeypatch)
    first = await load_paths(graph.driver, graph.database, [VALID])
    assert first.counts == created(VALID_COUNTS)
    assert not [query for query in reads if "$rows" in query]  # no edge nor node state compared
    reads.clear()
    second = await load_paths(graph.driver, graph.database, [VALID])
    assert not second.changed
    assert any("(a)-[r:HOLDS_ROLE]->" in query for query in reads)  # now the edges exist: compared


async def test_a_label_the_graph_does_not_hold_is_created_without_reads(graph: Graph,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """When the count store says a label has no node, every row of that section is created, none is read; the
    graph is the same as a load that compared each row, and loading again changes nothing."""
    await load_paths(graph.driver, graph.database, [VALID])
    compared = await graph.snapshot()
    await graph.clean()

    async def nothing_there(*_: Any) -> bool:
        return False

    monkeypatch.setattr(writing, "_any_node", nothing_there)
    reads = count_reads(monkeypatch)
    report = await load_paths(graph.driver, graph.database, [VALID])
    assert report.counts == created(VALID_COUNTS) and reads == []
    assert await graph.snapshot() == compared
    monkeypatch.undo()
    again = await load_paths(graph.driver, graph.database, [VALID])
    assert not again.changed and again.lines()[-1] == "nothing changed"


async def test_a_bulk_load_with_concurrent_batches_then_a_reload_changes_nothing(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load_paths(graph.driver, graph.database, [VALID])
    single = await graph.snapshot()
    await graph.clean()
    monkeypatch.setattr(writing, "SINGLE_TRANSACTION_ROWS", 0)
    monkeypatch.setattr(writing, "BATCH_ROWS", 1)  # every row its own transaction, two in flight
    monkeypatch.setattr(writing, "WRITERS", 2)
    report = await load_paths(graph.driver, graph.database, [VALID])
    assert report.batched and report.counts == created(VALID_COUNTS)
    assert await graph.snapshot() == single
    again = await load_paths(graph.driver, graph.database, [VALID])
    assert again.total == Counts(0, 0, 20) and again.lines()[-1] == "nothing changed"
    assert await graph.snapshot() == single
