"""Experiments on graphdir's API process, for the benchmark only: `python -m bench --experiment NAME[,NAME]`.

The harness puts this folder first on the API process's PYTHONPATH and sets GRAPHDIR_BENCH_EXPERIMENTS; Python imports
`sitecustomize` at start, which patches graphdir's Reader before the app is built. Nothing here is part of graphdir:
each experiment measures a change proposed in the benchmark report.

- fast-records: rows as `dict(zip(keys, values))` instead of `Record.data()`, whose recursive walk (meant to turn
  nodes and relationships into dicts) costs milliseconds on the large nested maps graphdir's statements return
  (14.8 ms for a network level of 200 nodes and 400 edges, 0.004 ms with zip).
- autocommit: reads as auto-commit `session.run` instead of `driver.execute_query`, whose managed transaction adds a
  BEGIN and a COMMIT (one more round trip and three more socket writes per statement).
- path-bound: the shortest path searched with the quantifier bounded by maxLength (`{1,6}`: one of ten fixed
  statements) instead of `{1,10}` and a `length(p) <= $maxLength` filter afterwards, which lets the search go on to
  10 relationships before the filter drops what is too long.
"""

from __future__ import annotations

import os

_CHOSEN = {name.strip() for name in os.environ.get("GRAPHDIR_BENCH_EXPERIMENTS", "").split(",") if name.strip()}

if _CHOSEN & {"fast-records", "autocommit", "path-bound"}:
    from typing import Any

    from neo4j import READ_ACCESS, RoutingControl

    from graphdir.db import reader as _reader

    def _rows(records: list[Any]) -> list[dict[str, Any]]:
        if "fast-records" in _CHOSEN:
            return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]
        return [record.data() for record in records]

    async def read(self: Any, query: Any, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.round_trips += 1
        if "autocommit" in _CHOSEN:
            async with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                result = await session.run(query, params or {})
                records = [record async for record in result]
        else:
            records, _, _ = await self.driver.execute_query(query, params or {}, database_=self.database,
                                                            routing_=RoutingControl.READ)
        return _rows(records)

    _reader.Reader.read = read  # type: ignore[method-assign]

    if "path-bound" in _CHOSEN:
        from graphdir.domain.network import cypher as _network_cypher
        from graphdir.domain.network import repository as _network_repository

        _BOUNDED = {n: _network_cypher.SHORTEST_PATH.replace("{1,10}", "{1," + str(n) + "}") for n in range(1, 11)}

        async def shortest_path(self: Any, from_label: str, from_id: str, to_label: str, to_id: str,
                                types: list[str], max_length: int) -> dict[str, Any] | None:
            return await self.reader.read_one(_BOUNDED[max_length], {  # type: ignore[no-any-return]
                "fromLabel": from_label, "fromId": from_id, "toLabel": to_label, "toId": to_id, "types": types,
                "maxLength": max_length})

        _network_repository.NetworkRepository.shortest_path = shortest_path  # type: ignore[method-assign]
