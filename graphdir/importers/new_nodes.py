"""Writing the organizations and establishments of a batch that the graph does not hold at all: one statement per
label and transaction, without the general loader.

    report = await create_new(driver, database, records, actor=actor, dry_run=False)

Identity resolution (identity.py) tells which records are new: no organization holds their SIREN, SIRET or RNA id, no
node has their id, no establishment their SIRET. For those the general loader's work is known in advance: the importer
built the records from values it checked (csvfile, sirene.py), there is nothing in the graph to compare with, no API
edit to keep, no old state for the history. So they are planned with the loader's own functions
(graphdir.loader.planning: the same properties, derived values and owned relationships as a load writes), and created
by one UNWIND per label and transaction: CREATE the node, then its owned relationships in the same statement (one
subquery per type, the other end found by its indexed id). A statement's text depends only on the property names its
rows have, so Neo4j plans each once or nearly. The INSIDE links (graphdir.domain.territories.inside_links) of every
organization the batch places, new or owning a new establishment, are written in the same transaction (new_inside.py).
A batch is written in transactions of TRANSACTION_NODES nodes (Neo4j's memory for one transaction is bounded), each
with its Changes (graphdir.loader.history.created_change: one per label naming every node created), so that what is
committed and what the history says never differ. An interrupted import leaves the transactions committed; importing
the file again completes it (what exists is then counted unchanged).

Measured and not kept (bench/results/2026-12-01-sirene.md): two or four transactions at once per batch, batches of
5,000 instead of 20,000, the relationships in statements of their own: within the noise of the shared machine.

Organizations are written before establishments (an establishment's HAS_SITE needs its organization); every
other end (a Source, a Commune, an organization of an earlier batch) exists already: the sources were loaded by the
import's first batch, communes are what the importer placed rows in, the rest by the general loader that runs
before this on the batch's matched records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from graphdir.domain.editing.records import Actor
from graphdir.importers.new_inside import write_links
from graphdir.loader import LoadRejected, LoadReport, Record
from graphdir.loader.cypher import EXISTING_COMMUNES
from graphdir.loader.history import created_change, record_changes
from graphdir.loader.planning import NODE_LABELS, OWNED, NodeRow, plan_establishment, plan_organization
from graphdir.loader.report import Counts
from graphdir.loader.validation import Location, Validation, check_record, commune_id

SECTIONS = ("organizations", "establishments")


def _key(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _properties(names: Iterable[str], of: str) -> str:
    return ", ".join(f"{_key(name)}: {of}.{_key(name)}" for name in names)


@cache
def create_statement(section: str, node_keys: tuple[str, ...], rel_keys: tuple[tuple[str, ...], ...]) -> str:
    """CREATE the nodes of $rows ({props, rels: one list of {other, props} per owned type, in OWNED's order}) with
    their owned relationships; `node_keys` and `rel_keys` (per owned type) name every property the rows have.

    The properties are named in the CREATE rather than set from the map (`SET n = row.props`): Neo4j cannot tell
    which properties a map sets, so it put an Eager before each later read (the other ends' MATCH), holding the whole
    batch's rows at each of seven steps (EXPLAIN); named, there is none, and Neo4j spends about a fifth less CPU on a
    batch (bench/results/2026-12-01-sirene.md). A property a row lacks is null there, which CREATE does not write."""
    label = NODE_LABELS[section]
    parts = [f"UNWIND $rows AS row\nCREATE (n:{label} {{{_properties(node_keys, 'row.props')}}})\nWITH n, row"]
    for index, owned in enumerate(OWNED[section]):
        props = f" {{{_properties(rel_keys[index], 'rel.props')}}}" if rel_keys[index] else ""
        arrow = f"-[:{owned.type}{props}]->" if owned.outgoing else f"<-[:{owned.type}{props}]-"
        parts.append(f"CALL (n, row) {{\n  UNWIND row.rels[{index}] AS rel\n"
                     f"  MATCH (m:{owned.other} {{id: rel.other}})\n  CREATE (n){arrow}(m)\n}}")
    return "\n".join(parts)


def statement_for(section: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """The statement creating `rows` (_row's): the property names of the batch, sorted, so that batches with the
    same names (nearly all of an import) share one text and one plan."""
    node_keys: set[str] = set()
    rel_keys: list[set[str]] = [set() for _ in OWNED[section]]
    for row in rows:
        node_keys.update(row["props"])
        for index, rels in enumerate(row["rels"]):
            for rel in rels:
                rel_keys[index].update(rel["props"])
    return create_statement(section, tuple(sorted(node_keys)), tuple(tuple(sorted(keys)) for keys in rel_keys))


async def create_section(tx: AsyncManagedTransaction, section: str, params: dict[str, Any]) -> None:
    await (await tx.run(statement_for(section, params["rows"]), params)).consume()


def _row(section: str, node: NodeRow) -> dict[str, Any]:
    rels: list[list[dict[str, Any]]] = [[] for _ in OWNED[section]]
    index = {(o.type, o.outgoing): i for i, o in enumerate(OWNED[section])}
    for rel in node.rels:
        rels[index[(rel.type, rel.outgoing)]].append({"other": rel.other, "props": dict(rel.props)})
    return {"props": dict(node.props), "rels": rels}


async def _commune_locations(driver: AsyncDriver, database: str, records: Sequence[Record]
                             ) -> dict[str, Location | None]:
    """The centre of each commune the records name (one without a location of its own is placed there)."""
    ids = sorted({commune_id(str(r.data["commune"])) for r in records if r.data.get("commune") is not None})
    if not ids:
        return {}
    found, _, _ = await driver.execute_query(EXISTING_COMMUNES, {"ids": ids}, database_=database, routing_="r")
    return {graph_id: (point.latitude, point.longitude) if point is not None else None
            for graph_id, point in found[0]["found"]}


# Nodes per transaction. Neo4j holds a transaction's state in memory, within db.memory.transaction.max (512 MiB for
# graphdir's instances): 20,000 establishments with their relationships and their organizations' INSIDE links went
# past it (MemoryPoolOutOfMemoryError at commit, the 100k SIRENE pair's first batch of establishments).
TRANSACTION_NODES = 5_000


def _parts(plan: Mapping[str, list[NodeRow]]) -> list[dict[str, list[NodeRow]]]:
    """`plan` cut into transactions of TRANSACTION_NODES nodes, organizations first (an establishment's HAS_SITE
    needs its organization)."""
    nodes = [(section, node) for section in SECTIONS for node in plan[section]]
    parts = []
    for start in range(0, len(nodes), TRANSACTION_NODES):
        part: dict[str, list[NodeRow]] = {}
        for section, node in nodes[start:start + TRANSACTION_NODES]:
            part.setdefault(section, []).append(node)
        parts.append(part)
    return parts


def plan_new(records: Sequence[Record], communes: Mapping[str, Location | None]) -> dict[str, list[NodeRow]]:
    plan: dict[str, list[NodeRow]] = {section: [] for section in SECTIONS}
    for record in records:
        if record.section == "organizations":
            plan["organizations"].append(plan_organization(record.data, communes))
        else:
            assert record.section == "establishments", record.section
            plan["establishments"].append(plan_establishment(record.data, communes))
    return plan


async def create_new(driver: AsyncDriver, database: str, records: list[Record], *, actor: Actor, files: int,
                     dry_run: bool) -> LoadReport:
    """Create `records` (new organizations and establishments: identity.Resolved.new). Each record passes the
    loader's own record rules first (a point outside France, say): one that fails rejects the batch, as a load would."""
    checks = Validation()
    for record in records:
        check_record(record, checks)
    if checks.errors:
        raise LoadRejected(checks.errors)
    plan = plan_new(records, await _commune_locations(driver, database, records))
    count = len(records)
    del records[:]
    counts = {section: Counts(created=len(rows)) for section, rows in plan.items() if rows}
    if dry_run or not counts:
        return LoadReport(counts=counts, files=files, records=count, dry_run=dry_run)
    operation = "import.create" if actor.id.startswith("import") else "load.create"
    async with driver.session(database=database) as session:
        for part in _parts(plan):
            # Built once: a retried transaction sends the same rows.
            params = {section: {"rows": [_row(section, node) for node in rows]} for section, rows in part.items()}
            changes = [created_change(section, operation, rows) for section, rows in part.items()]

            async def write(tx: AsyncManagedTransaction, part: dict[str, list[NodeRow]] = part,
                            params: dict[str, dict[str, Any]] = params, changes: list[Any] = changes) -> None:
                for section, rows in params.items():
                    await create_section(tx, section, rows)
                await write_links(tx, part)
                await record_changes(tx, changes, actor)

            await session.execute_write(write)
    return LoadReport(counts=counts, files=files, records=count, dry_run=dry_run)
