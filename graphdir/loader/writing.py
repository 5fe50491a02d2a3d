"""Comparing the plan with the graph, then writing only what differs.

Comparison, in batches of 10,000 rows: one UNWIND read finds which planned nodes exist (the others are created);
a second sends the planned state of the existing ones (properties, labels, owned relationships) and lets Neo4j read
the current state and compare, returning only the ids that differ (updated; the rest are unchanged). Edges are
compared the same way, one UNWIND per relationship type. The comparison runs in the database because decoding
every property of ~36,000 territories and their ~145,000 relationships in the pure-Python driver costs several times
more than sending the planned rows. Cypher equality is exact for strings, booleans, lists, dates and points; it takes
an integer equal to the same float (12913 = 12913.0), which the loader never writes for one field in both forms.
Only created and updated rows are written.

What needs no read: when the graph has no node of a section's label yet (asked of the count store), every row of
that section is created; an edge with an end that this load creates cannot exist, so it is created too. A bulk load
into a graph that holds none of its ids thus reads nothing back but the references validation needs.

Writing (after the whole load has been validated; nothing is written for a rejected load):
- the unique values (slug, SIREN, SIRET, RNA) of updated organizations are removed, so that a load may move one
  from an organization to another;
- nodes, every section: created ones by CREATE, updated ones by MERGE on id, then `SET n = props` (the node holds
  exactly the planned properties); CREATE takes no locking index seek and plans no Eager, and the uniqueness
  constraint still refuses a node that appeared since the comparison;
- then, for updated nodes, their owned relationships are deleted, and the owned relationships of created and
  updated nodes are created, both ends matched by id: the order of records in the files never matters;
- then roles and relations: created ones by CREATE (validation rejects a key given twice in a load), updated ones by
  MERGE on type, ends and discriminator, then `SET r = props`.

Atomicity: when the rows to write number at most SINGLE_TRANSACTION_ROWS (200,000, which covers the whole COG with
its ~35,000 communes), every statement runs in one managed write transaction (`session.execute_write`, whose function
is idempotent and may be retried): the load is all or nothing. Above that (bulk synthetic data), each batch of
BATCH_ROWS (10,000) rows is its own transaction, in the order above; an interrupted bulk load leaves the batches
already committed, and running it again completes it (every statement is idempotent).

History: each batch of created or updated records writes their Changes in its own transaction (a BatchRecorder,
graphdir.loader.history), so that what is committed and what the history says never differ.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graphdir.loader import cypher
from graphdir.loader.errors import WriteFailed
from graphdir.loader.planning import EDGE_DISCRIMINATORS, EDGE_ENDS, NODE_LABELS, OWNED, EdgeRow, NodeRow, Plan
from graphdir.loader.progress import Progress

BATCH_ROWS = 10_000
WRITERS = 2  # batches in flight in a bulk load: Python packs and sends one while Neo4j writes another
COMPARE_ROWS = 20_000  # rows per comparison read
SINGLE_TRANSACTION_ROWS = 200_000


@dataclass
class Changes:
    """What a section's rows would do to the graph."""

    created: list[NodeRow | EdgeRow] = field(default_factory=list)
    updated: list[NodeRow | EdgeRow] = field(default_factory=list)
    unchanged: int = 0

    @property
    def written(self) -> list[NodeRow | EdgeRow]:
        return [*self.created, *self.updated]


def _chunks(items: Sequence[Any], size: int | None = None) -> Iterator[Sequence[Any]]:
    size = size or BATCH_ROWS
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _owned_types(section: str, outgoing: bool) -> tuple[str, ...]:
    return tuple(sorted({o.type for o in OWNED[section] if o.outgoing == outgoing}))


def node_state(section: str, row: NodeRow) -> dict[str, Any]:
    """What a node should be, in the shape cypher.changed_nodes compares with the graph."""
    labels = sorted({NODE_LABELS[section], row.label})
    rels = [[f"{r.type}{'>' if r.outgoing else '<'}{r.other}", r.props] for r in row.rels]
    return {"id": row.id, "labels": labels, "props": row.props, "rels": rels}


# --- Comparing -------------------------------------------------------------------------------------------------------


async def compare(driver: AsyncDriver, database: str, plan: Plan, progress: Progress) -> dict[str, Changes]:
    changes: dict[str, Changes] = {}
    total = sum(len(rows) for rows in plan.nodes.values()) + sum(len(rows) for rows in plan.edges.values())
    progress.start("comparing with the graph", total)
    created: dict[str, set[str]] = defaultdict(set)  # key label -> ids of the nodes this load creates
    for section, rows in plan.nodes.items():
        changes[section] = await _compare_nodes(driver, database, section, rows, progress)
        created[NODE_LABELS[section]].update(row.id for row in changes[section].created if isinstance(row, NodeRow))
    for section, edges in plan.edges.items():
        changes[section] = await _compare_edges(driver, database, section, edges, created, progress)
    progress.finish()
    return changes


async def _read(driver: AsyncDriver, database: str, query: str, params: dict[str, Any], key: str) -> list[Any]:
    """The list a batched read returns in its single record."""
    records, _, _ = await driver.execute_query(query, params, database_=database, routing_="r")
    return list(records[0][key])


async def _compare_nodes(
    driver: AsyncDriver, database: str, section: str, rows: Sequence[NodeRow], progress: Progress
) -> Changes:
    result = Changes()
    label = NODE_LABELS[section]
    if rows and not await _any_node(driver, database, label):
        result.created.extend(rows)  # the graph has no node of that label yet: nothing to read
        progress.advance(len(rows))
        return result
    exists = cypher.existing_ids(label)
    differs = cypher.changed_nodes(label, _owned_types(section, True), _owned_types(section, False))
    for chunk in _chunks(rows, COMPARE_ROWS):
        found = set(await _read(driver, database, exists, {"ids": [row.id for row in chunk]}, "ids"))
        present = [row for row in chunk if row.id in found]
        changed: set[str] = set()
        if present:
            states = [node_state(section, row) for row in present]
            changed = set(await _read(driver, database, differs, {"rows": states}, "ids"))
        for row in chunk:
            if row.id not in found:
                result.created.append(row)
            elif row.id in changed:
                result.updated.append(row)
            else:
                result.unchanged += 1
        progress.advance(len(chunk))
    return result


async def _any_node(driver: AsyncDriver, database: str, label: str) -> bool:
    """Whether the graph holds a node with that label (from the count store: instant)."""
    records, _, _ = await driver.execute_query(cypher.any_node(label), database_=database, routing_="r")
    return bool(records[0]["found"])


async def _compare_edges(
    driver: AsyncDriver, database: str, section: str, edges: Sequence[EdgeRow], created: Mapping[str, set[str]],
    progress: Progress,
) -> Changes:
    """`created`: per key label, the ids of the nodes this load creates; an edge at one of them cannot exist."""
    result = Changes()
    start, end = EDGE_ENDS[section]
    new_starts, new_ends = created.get(start, set()), created.get(end, set())
    by_type: dict[str, list[EdgeRow]] = defaultdict(list)
    for edge in edges:
        if edge.start in new_starts or edge.end in new_ends:
            result.created.append(edge)
        else:
            by_type[edge.type].append(edge)
    progress.advance(len(result.created))
    for rel_type, typed in by_type.items():
        query = cypher.compare_edges(rel_type, start, end, EDGE_DISCRIMINATORS[section])
        for chunk in _chunks(typed, COMPARE_ROWS):
            rows = [{"index": i, "start": e.start, "end": e.end, "props": e.props} for i, e in enumerate(chunk)]
            same = dict(await _read(driver, database, query, {"rows": rows}, "found"))
            for index, edge in enumerate(chunk):
                if index not in same:
                    result.created.append(edge)
                elif same[index]:
                    result.unchanged += 1
                else:
                    result.updated.append(edge)
            progress.advance(len(chunk))
    return result


# --- Writing ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    query: str
    param: str  # "rows" or "ids"
    rows: Sequence[Any]
    # What the rows are, for the history (graphdir.loader.history): a section's created or updated records.
    section: str | None = None
    created: bool = False


class BatchRecorder(Protocol):
    async def record(self, tx: AsyncManagedTransaction, step: Step, rows: Sequence[Any]) -> None:
        """Write, in the batch's transaction, what the batch's rows change (nothing for other steps)."""


def write_steps(changes: Mapping[str, Changes]) -> list[Step]:
    """The statements that bring the graph to the plan, in order, with their rows."""
    nodes: list[Step] = []
    deletes: list[Step] = []
    owned: dict[tuple[str, str, bool, str], list[dict[str, Any]]] = defaultdict(list)
    edges: list[Step] = []
    other_labels = {(section, o.type, o.outgoing): o.other for section in OWNED for o in OWNED[section]}
    for section, change in changes.items():
        if section in NODE_LABELS:
            label = NODE_LABELS[section]
            for how, written in ((cypher.create_nodes, change.created), (cypher.merge_nodes, change.updated)):
                by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for row in written:
                    assert isinstance(row, NodeRow)
                    by_label[row.label].append({"id": row.id, "props": row.props})
                    for rel in row.rels:
                        key = (label, rel.type, rel.outgoing, other_labels[(section, rel.type, rel.outgoing)])
                        owned[key].append({"id": row.id, "other": rel.other, "props": rel.props})
                for row_label, rows in by_label.items():
                    extra = row_label if row_label != label else None
                    nodes.append(Step(how(label, extra), "rows", rows, section, written is change.created))
            updated_ids = [row.key for row in change.updated]
            for outgoing in (True, False):
                types = _owned_types(section, outgoing)
                if updated_ids and types:
                    deletes.append(Step(cypher.delete_owned(label, types, outgoing), "ids", updated_ids))
        else:
            start, end = EDGE_ENDS[section]
            for is_new, written in ((True, change.created), (False, change.updated)):
                by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for edge in written:
                    assert isinstance(edge, EdgeRow)
                    by_type[edge.type].append({"type": edge.type, "start": edge.start, "end": edge.end,
                                               "props": edge.props})
                for rel_type, rows in by_type.items():
                    query = (cypher.create_edges(rel_type, start, end) if is_new
                             else cypher.merge_edges(rel_type, start, end, EDGE_DISCRIMINATORS[section]))
                    edges.append(Step(query, "rows", rows, section, is_new))
    rels = [Step(cypher.create_owned(*key), "rows", rows) for key, rows in owned.items()]
    release: list[Step] = []
    if "organizations" in changes and changes["organizations"].updated:
        ids = [row.key for row in changes["organizations"].updated]
        release.append(Step(cypher.RELEASE_UNIQUE_VALUES, "ids", ids))
    return [*release, *nodes, *deletes, *rels, *edges]


async def write(driver: AsyncDriver, database: str, steps: Sequence[Step], progress: Progress,
                history: BatchRecorder | None = None) -> bool:
    """Run the steps; True when they had to be split into several transactions (more than 200,000 rows).

    Raises WriteFailed when Neo4j refuses a statement; losing the server raises the driver's own error.
    """
    total = sum(len(step.rows) for step in steps)
    if not total:
        return False
    batched = total > SINGLE_TRANSACTION_ROWS
    committed = [0]
    try:
        if not batched:
            async with driver.session(database=database) as session:

                async def all_at_once(tx: AsyncManagedTransaction) -> None:
                    progress.start("writing (one transaction)", total)
                    for step in steps:
                        for chunk in _chunks(step.rows):
                            await _run_batch(tx, step, chunk, history)
                            progress.advance(len(chunk))

                await session.execute_write(all_at_once)
        else:
            progress.start(f"writing (batches of {BATCH_ROWS})", total)
            for step in steps:
                await _write_step(driver, database, step, progress, committed, history)
    except (ServiceUnavailable, SessionExpired):
        raise
    except Neo4jError as exc:
        message = f"{exc.code}: {exc.message}" if exc.code else str(exc)
        raise WriteFailed(message, partial=committed[0] > 0) from exc
    progress.finish()
    return batched


async def _write_step(driver: AsyncDriver, database: str, step: Step, progress: Progress, committed: list[int],
                      history: BatchRecorder | None) -> None:
    """The batches of one step, each its own transaction, up to WRITERS at a time; returns when all are committed
    (the next step may need them). On a failure the other batches in flight are cancelled (rolled back)."""
    batches = iter(_chunks(step.rows))

    async def writer() -> None:
        async with driver.session(database=database) as session:
            for rows in batches:  # shared: each writer takes the next batch when it is done with one

                async def one_batch(tx: AsyncManagedTransaction, rows: Sequence[Any] = rows) -> None:
                    await _run_batch(tx, step, rows, history)

                await session.execute_write(one_batch)
                committed[0] += 1
                progress.advance(len(rows))

    tasks = [asyncio.create_task(writer()) for _ in range(min(WRITERS, -(-len(step.rows) // BATCH_ROWS)))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


async def _run_batch(tx: AsyncManagedTransaction, step: Step, rows: Sequence[Any],
                     history: BatchRecorder | None = None) -> None:
    """One statement on one batch of rows (bench.loader_profile times each through this), and its history."""
    await (await tx.run(step.query, {step.param: list(rows)})).consume()
    if history is not None and step.section is not None:
        await history.record(tx, step, rows)
