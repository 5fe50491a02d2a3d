"""Runs the network and path Cypher through the request's Reader."""

from __future__ import annotations

from datetime import date
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.network import cypher


class NetworkRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def first_level(self, label: str, id: str, types: list[str], on: date | None,
                          room: int) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.FIRST_LEVEL, {
            "label": label, "id": id, "types": types, "on": on, "room": room})

    async def next_level(self, frontier: list[str], seen: list[str], types: list[str], on: date | None,
                         room: int) -> dict[str, Any]:
        row = await self.reader.read_one(cypher.NEXT_LEVEL, {
            "frontier": frontier, "seen": seen, "types": types, "on": on, "room": room})
        return row or {"nodes": [], "edges": [], "truncated": False}

    async def node(self, label: str, id: str) -> dict[str, Any] | None:
        row = await self.reader.read_one(cypher.NODE, {"label": label, "id": id})
        return row["node"] if row else None

    async def shortest_path(self, from_label: str, from_id: str, to_label: str, to_id: str, types: list[str],
                            max_length: int) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.SHORTEST_PATHS[max_length], {
            "fromLabel": from_label, "fromId": from_id, "toLabel": to_label, "toId": to_id, "types": types})

    async def territory_nodes(self, territory_id: str, types: list[str], on: date | None,
                              room: int) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.TERRITORY_NODES, {
            "territory": territory_id, "types": types, "on": on, "f_on": on, "room": room})

    async def edges_among(self, eids: list[str], types: list[str], on: date | None) -> dict[str, Any]:
        row = await self.reader.read_one(cypher.EDGES_AMONG, {"eids": eids, "types": types, "on": on})
        return row or {"edges": [], "documents": []}
