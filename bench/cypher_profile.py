"""PROFILE one Cypher statement on a scale's instance: `python -m bench.cypher_profile 10k FILE|STATEMENT [PARAMS]`.

FILE is a .cypher file (e.g. bench/questions/raw/C2.cypher), PARAMS a JSON object. Runs it twice (the second timing
is warm) and prints the plan with rows and db hits per operator.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench import neo4j as db
from bench.settings import SCALES, instance_for


def walk(plan: Any, depth: int = 0) -> None:
    args = plan.get("args", {})
    print(f"{'  ' * depth}{plan['operatorType']:<40} rows={plan.get('rows')} hits={plan.get('dbHits')} "
          f"{(args.get('Details') or '')[:110]}")
    for child in plan.get("children", []):
        walk(child, depth + 1)


def main() -> None:
    instance = instance_for(SCALES[sys.argv[1]])
    cypher = Path(sys.argv[2]).read_text() if sys.argv[2].endswith(".cypher") else sys.argv[2]
    params = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    with db.driver(instance) as drv:
        for _ in range(2):
            started = time.perf_counter()
            records, summary, _ = drv.execute_query("PROFILE " + cypher, params, database_="neo4j")
            print(f"{(time.perf_counter() - started) * 1000:.1f} ms, {len(records)} rows")
        walk(summary.profile)


if __name__ == "__main__":
    main()
