"""A snapshot of the whole graph: node count, relationship count and a checksum of every label, type and property.

Two snapshots are equal only if nothing was created, deleted or changed in between. The text of each node and
relationship is built by Neo4j (one record back: the async driver is slow per record) and hashed here.

Other test modules may write to the same database while these tests run (their data has ids starting with `test-`,
as tests/conftest.py asks): those nodes, and relationships touching them, are left out, and so is the history. The
loader's own test data (`test-loader-…`), the seeds and everything else are in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from neo4j import AsyncDriver

# One property value as text; lists element by element (toString does not take lists).
_VALUE = (
    "CASE WHEN valueType(v) STARTS WITH 'LIST' THEN '[' + reduce(t = '', x IN v | t + toString(x) + ',') + ']' "
    "ELSE valueType(v) + ':' + toString(v) END"
)

# Other tests' data, and the history (each load adds its Changes and moves the sequence on: two loads of the same
# files give the same graph, not the same history; tests/api/test_editing_loads.py checks the history).
_OTHER_TESTS = ("((coalesce({0}.id, '') STARTS WITH 'test-' AND NOT {0}.id STARTS WITH 'test-loader-') "
                "OR {0}:Change OR {0}:ChangeSequence)")

SNAPSHOT = f"""
CALL () {{
  MATCH (n)
  WHERE NOT {_OTHER_TESTS.format("n")}
  RETURN count(n) AS nodes,
         collect(reduce(s = '', l IN labels(n) | s + ':' + l)
                 + reduce(s = '', k IN keys(n) | s + '|' + k + '=' + reduce(u = '', v IN [n[k]] | {_VALUE})))
         AS nodeText
}}
CALL () {{
  MATCH (a)-[r]->(b)
  WHERE NOT {_OTHER_TESTS.format("a")} AND NOT {_OTHER_TESTS.format("b")}
  RETURN count(r) AS rels,
         collect(coalesce(a.id, elementId(a)) + ' -' + type(r) + '-> ' + coalesce(b.id, elementId(b))
                 + reduce(s = '', k IN keys(r) | s + '|' + k + '=' + reduce(u = '', v IN [r[k]] | {_VALUE}))) AS relText
}}
RETURN nodes, rels, nodeText, relText
"""


@dataclass(frozen=True)
class Snapshot:
    nodes: int
    relationships: int
    checksum: str


async def snapshot(driver: AsyncDriver, database: str) -> Snapshot:
    records, _, _ = await driver.execute_query(SNAPSHOT, database_=database, routing_="r")
    record = records[0]
    digest = hashlib.sha256()
    for line in sorted(record["nodeText"]) + ["--"] + sorted(record["relText"]):
        digest.update(line.encode("utf-8") + b"\n")
    return Snapshot(record["nodes"], record["rels"], digest.hexdigest())
