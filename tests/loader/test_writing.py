"""Writing: statements from a whitelist only, and a write Neo4j refuses leaves nothing behind (or says what stays)."""

from __future__ import annotations

import pytest

from graphdir.loader import cypher, writing
from graphdir.loader.errors import WriteFailed
from graphdir.loader.progress import Progress
from graphdir.loader.writing import Step
from tests.loader.conftest import Graph


def test_labels_and_types_come_from_the_whitelist_only() -> None:
    merge = cypher.merge_nodes("Territory", "Commune")
    assert "MERGE (n:Territory {id: row.id})\nSET n = row.props, n:Commune" in merge
    assert "-[r:CITED_IN|LOCATED_IN]->()" in cypher.delete_owned("Organization", ("LOCATED_IN", "CITED_IN"), True)
    for bad in ("Organization) DETACH DELETE (n", "organization", "Person {id: 'x'}"):
        with pytest.raises(ValueError, match="not a graphdir label"):
            cypher.merge_nodes(bad)
    with pytest.raises(ValueError, match="not a graphdir relationship type"):
        cypher.create_owned("Organization", "KNOWS", True, "Person")
    with pytest.raises(ValueError, match="not a property the loader matches on"):
        cypher.organization_holders("name")


def _clashing_rows() -> list[dict[str, object]]:
    return [{"id": f"test-loader-w{i}", "props": {"id": f"test-loader-w{i}", "name": "W", "siren": "999000099"}}
            for i in (1, 2)]


async def test_a_refused_write_in_one_transaction_writes_nothing(graph: Graph) -> None:
    before = await graph.snapshot()
    steps = [Step(cypher.merge_nodes("Organization"), "rows", _clashing_rows())]
    with pytest.raises(WriteFailed) as caught:
        await writing.write(graph.driver, graph.database, steps, Progress(False))
    assert not caught.value.partial
    assert str(caught.value).startswith("Neo4j refused the write (nothing written): "
                                        "Neo.ClientError.Schema.ConstraintValidationFailed: ")
    assert await graph.snapshot() == before


async def test_a_refused_batch_of_a_bulk_load_says_what_stays(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing, "SINGLE_TRANSACTION_ROWS", 0)
    monkeypatch.setattr(writing, "BATCH_ROWS", 1)
    monkeypatch.setattr(writing, "WRITERS", 1)  # one batch at a time: which of the two clashing rows stays is known
    steps = [Step(cypher.merge_nodes("Organization"), "rows", _clashing_rows())]
    with pytest.raises(WriteFailed) as caught:
        await writing.write(graph.driver, graph.database, steps, Progress(False))
    assert caught.value.partial
    assert "batches written before it stay; load again to complete" in str(caught.value)
    assert await graph.query("MATCH (o:Organization) WHERE o.id STARTS WITH 'test-loader-w' RETURN o.id AS id") == [
        {"id": "test-loader-w1"}
    ]


async def test_concurrent_batches_of_a_bulk_load_stop_at_a_refused_one(graph: Graph,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Two batches in flight: the one Neo4j refuses fails the step, and the load says what may stay."""
    monkeypatch.setattr(writing, "SINGLE_TRANSACTION_ROWS", 0)
    monkeypatch.setattr(writing, "BATCH_ROWS", 1)
    rows = [{"id": f"test-loader-c{i}", "props": {"id": f"test-loader-c{i}", "name": "C", "slug": f"test-loader-c{i}"}}
            for i in range(6)]
    rows.append({"id": "test-loader-c0", "props": {"id": "test-loader-c0", "name": "C"}})  # CREATE again: refused
    never = [{"id": "test-loader-never", "props": {"id": "test-loader-never"}}]
    steps = [Step(cypher.create_nodes("Organization"), "rows", rows),
             Step(cypher.create_nodes("Person"), "rows", never)]
    with pytest.raises(WriteFailed) as caught:
        await writing.write(graph.driver, graph.database, steps, Progress(False))
    assert caught.value.partial
    written = await graph.query("MATCH (o:Organization) WHERE o.id STARTS WITH 'test-loader-c' RETURN o.id AS id")
    assert {row["id"] for row in written} <= {f"test-loader-c{i}" for i in range(6)}
    assert await graph.query("MATCH (n {id: 'test-loader-never'}) RETURN n") == []  # later steps never start


async def _source_id_index(graph: Graph) -> dict[str, object]:
    rows = await graph.query("CALL db.stats.retrieve('GRAPH COUNTS') YIELD data UNWIND data.indexes AS i "
                             "WITH i WHERE i.labels = ['Source'] AND i.properties = ['id'] RETURN i")
    index = rows[0]["i"]
    assert isinstance(index, dict)
    return index


async def test_a_bulk_load_leaves_the_planner_fresh_statistics(graph: Graph) -> None:
    """Right after a large first load the planner saw the empty indexes of before and once planned a product of label
    scans where an index seek was due (CI, the containment test): a bulk load resamples before it returns."""
    from graphdir.loader import load_records
    from graphdir.loader.reading import LineDict, Record

    records = [Record("stats.yaml", line, "sources", line,
                      LineDict([("id", f"test-loader-stats-{line}"), ("document", f"Document {line}")], line=line))
               for line in range(1, 1201)]
    before = await _source_id_index(graph)
    report = await load_records(graph.driver, graph.database, records, files=["stats.yaml"])
    assert report.counts["sources"].created == 1200
    after = await _source_id_index(graph)
    assert after["updatesSinceEstimation"] == 0
    assert after["totalSize"] == before["totalSize"] + 1200  # type: ignore[operator]
