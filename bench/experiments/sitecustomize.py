"""Experiments on graphdir's API process, for the benchmark only: `python -m bench --experiment NAME[,NAME]`.

The harness puts this folder first on the API process's PYTHONPATH and sets GRAPHDIR_BENCH_EXPERIMENTS; Python imports
`sitecustomize` at start, which may patch graphdir before the app is built. Nothing here is part of graphdir: an
experiment measures a change proposed in the benchmark report before anyone makes it. `none` runs graphdir as it is,
with the results written apart (LATEST.md left alone).

The experiments measured so far were adopted in graphdir and removed from here (bench/README.md, "What the profiles
led to"):
- fast-records: rows as `dict(zip(keys, values))` instead of `Record.data()`'s recursive walk (graphdir.db.reader);
- autocommit: reads as auto-commit `session.run` instead of `driver.execute_query`'s managed transaction
  (graphdir.db.reader);
- path-bound: the shortest-path quantifier bounded by maxLength instead of `{1,10}` filtered afterwards
  (graphdir.domain.network.cypher.SHORTEST_PATHS).
"""

from __future__ import annotations

import os
import sys

KNOWN: frozenset[str] = frozenset({"none"})

_CHOSEN = {name.strip() for name in os.environ.get("GRAPHDIR_BENCH_EXPERIMENTS", "").split(",") if name.strip()}
if _CHOSEN - KNOWN:
    unknown, known = ", ".join(sorted(_CHOSEN - KNOWN)), ", ".join(sorted(KNOWN))
    sys.exit(f"unknown benchmark experiment(s): {unknown} (known: {known})")
