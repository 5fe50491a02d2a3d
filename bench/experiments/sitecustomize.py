"""Experiments on graphdir's API process, for the benchmark only: `python -m bench --experiment NAME[,NAME]`.

The harness puts this folder first on the API process's PYTHONPATH and sets GRAPHDIR_BENCH_EXPERIMENTS; Python imports
`sitecustomize` at start, which patches graphdir's Reader before the app is built. Nothing here is part of graphdir:
each experiment measures a change proposed in the benchmark report.

- fast-records: rows as `dict(zip(keys, values))` instead of `Record.data()`, whose recursive walk (meant to turn
  nodes and relationships into dicts) costs milliseconds on the large nested maps graphdir's statements return
  (14.8 ms for a network level of 200 nodes and 400 edges, 0.004 ms with zip).
- autocommit: reads as auto-commit `session.run` instead of `driver.execute_query`, whose managed transaction adds a
  BEGIN and a COMMIT (one more round trip and three more socket writes per statement).
"""

from __future__ import annotations

import os

_CHOSEN = {name.strip() for name in os.environ.get("GRAPHDIR_BENCH_EXPERIMENTS", "").split(",") if name.strip()}

if _CHOSEN:
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
