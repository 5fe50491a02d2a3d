"""The `establishments` section of a seed file: an organization's sites, each in its commune, written and re-read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graphdir.loader import LoadRejected, load_paths
from tests.loader.conftest import Graph

SEED = """
sources:
  - {id: test-loader-src, document: test.txt}
organizations:
  - {id: test-loader-unit, name: Test Loader Unit, kind: ENTERPRISE, family: COOPERATIVE, siren: "999990001"}
establishments:
  - siret: "99999000100015"
    organization: test-loader-unit
    headOffice: true
    commune: "03095"
    cited: [{source: test-loader-src, excerpt: "line 1"}]
  - siret: "99999000100023"
    organization: test-loader-unit
    name: Atelier
    commune: "03310"
    location: {latitude: 46.1230, longitude: 3.4300}
    ceased: true
    ceasedOn: "2022-06"
"""


@pytest.fixture
async def sites(graph: Graph) -> AsyncIterator[Graph]:
    clean = "MATCH (e:Establishment) WHERE e.siret STARTS WITH '99999' DETACH DELETE e"
    await graph.driver.execute_query(clean, database_=graph.database)
    yield graph
    await graph.driver.execute_query(clean, database_=graph.database)


async def test_establishments_are_written_with_their_commune_and_location(sites: Graph, tmp_path: Path) -> None:
    seed = tmp_path / "sites.yaml"
    seed.write_text(SEED, encoding="utf-8")
    report = await load_paths(sites.driver, sites.database, [seed])
    assert str(report.counts["establishments"]) == "2 created, 0 updated, 0 unchanged"
    records, _, _ = await sites.driver.execute_query(
        """MATCH (o:Organization {id: 'test-loader-unit'})-[:HAS_SITE]->(e:Establishment)-[:LOCATED_IN]->(c:Commune)
           RETURN e.id AS id, e.headOffice AS head, c.code AS commune, e.locationApproximate AS approximate,
                  e.ceasedOnTo AS ceasedTo, [(e)-[:CITED_IN]->(s) | s.id] AS sources ORDER BY id""",
        database_=sites.database)
    rows = [(r["id"], r["head"], r["commune"], r["approximate"], r["sources"]) for r in records]
    assert rows == [("siret-99999000100015", True, "03095", True, ["test-loader-src"]),
                    ("siret-99999000100023", False, "03310", False, [])]
    assert str(records[1]["ceasedTo"]) == "2022-06-30"
    again = await load_paths(sites.driver, sites.database, [seed])
    assert not again.changed


async def test_a_site_of_an_unknown_organization_or_twice_the_same_siret_is_refused(sites: Graph,
                                                                                    tmp_path: Path) -> None:
    seed = tmp_path / "bad.yaml"
    seed.write_text("establishments:\n"
                    "  - {siret: '99999000100015', organization: test-loader-nobody}\n"
                    "  - {siret: '99999000100015', organization: test-loader-nobody}\n"
                    "  - {siret: '9999900010001', organization: test-loader-nobody}\n", encoding="utf-8")
    with pytest.raises(LoadRejected) as caught:
        await load_paths(sites.driver, sites.database, [seed])
    messages = [f"{e.record} {e.field}: {e.message}" for e in caught.value.errors]
    assert "establishments[1] siret: duplicate establishment SIRET 99999000100015: also at " \
           f"{seed}:2 (establishments[0])" in messages
    assert "establishments[2] siret: '9999900010001' is not valid: expected 14 digits" in messages
    assert any(m.startswith("establishments[0] organization: unknown organization 'test-loader-nobody'")
               for m in messages)
