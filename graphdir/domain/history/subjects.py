"""The history of objects other than organizations (conventions, people): their Changes are linked to them too, and
read newest first as an organization's are."""

from __future__ import annotations

from typing import Final

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import rows
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.common.repository import batched_pages, node
from graphdir.domain.history.cypher import HISTORY_OF
from graphdir.domain.history.records import ChangeRecord

SUBJECTS: Final = ("Convention", "Person")
_LINK: Final = {label: f"MATCH (c:Change {{id: $change}}), (n:{label} {{id: $id}}) MERGE (c)-[:CHANGED]->(n)"
                for label in SUBJECTS}
_HISTORY: Final = {label: HISTORY_OF.replace("(o:Organization {id: id})", f"(o:{label} {{id: id}})")
                   for label in SUBJECTS}
assert all(query != HISTORY_OF for query in _HISTORY.values())


async def link_change(tx: AsyncManagedTransaction, change: str, label: str, graph_id: str) -> None:
    """Link the Change to the object it changed, when that object keeps a history of its own."""
    if label in _LINK:
        await rows(tx, _LINK[label], {"change": change, "id": graph_id})


async def history_of(reader: Reader, label: str, ids: list[str], request: PageRequest
                     ) -> dict[str, Page[ChangeRecord]]:
    return await batched_pages(reader, _HISTORY[label], ids, request, {}, node(ChangeRecord.of))
