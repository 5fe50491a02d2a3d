"""Fuzzing at length: N generated requests (tests/fuzz/generate.py) against a real graphdir server on loopback over
the seeded test Neo4j; prints the count of each kind of answer and every failure (tests/fuzz/verdict.py), and exits 1
if there was any.

    export GRAPHDIR_INSTANCE=test GRAPHDIR_NEO4J_BOLT_PORT=…
    graphdir db start --instance test && graphdir load seeds
    python -m tests.fuzz [--examples 5000] [--seed 13] [--url http://127.0.0.1:8011]

Without --url it serves graphdir itself (`graphdir serve` on a free loopback port). The bounded form, a few hundred
requests in the suite, is tests/fuzz/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from contextlib import nullcontext

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings

from graphdir.config import Settings
from tests.fuzz.generate import Request, any_requests
from tests.fuzz.verdict import judge
from tests.served import served

CLIENT_TIMEOUT_S = 30.0


def fuzz(base: str, examples: int, random_seed: int) -> tuple[Counter[str], dict[str, Request]]:
    """Counts per kind of answer, and the shortest request of each kind of failure. Nothing is shrunk: every
    failure is kept, and the run goes on."""
    kinds: Counter[str] = Counter()
    failures: dict[str, Request] = {}
    started = time.monotonic()

    with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as http:
        @seed(random_seed)
        @settings(max_examples=examples, phases=[Phase.generate], database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(any_requests())
        def one(request: Request) -> None:
            try:
                outcome = judge(http.post("/graphql", json=request.body(), headers={"accept": "application/json"}))
                kind, failure = outcome.kind, outcome.failure
            except httpx.HTTPError as exc:
                kind, failure = f"transport {type(exc).__name__}", f"no answer: {exc!r}"
            kinds[kind] += 1
            if failure is not None:
                signature = failure[:160]
                if signature not in failures or len(request.query) < len(failures[signature].query):
                    failures[signature] = request
            total = sum(kinds.values())
            if total % 250 == 0:
                print(f"{total} requests, {time.monotonic() - started:.0f} s, {len(failures)} kinds of failure",
                      flush=True)

        one()
    return kinds, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--url", help="a graphdir server to fuzz (default: serve one on loopback)")
    args = parser.parse_args()
    started = time.monotonic()
    with nullcontext(args.url) if args.url else served(Settings.from_env()) as base:
        kinds, failures = fuzz(base, args.examples, args.seed)
    print(f"{sum(kinds.values())} requests (seed {args.seed}) in {time.monotonic() - started:.0f} s; "
          f"{len(failures)} kinds of failure")
    for kind, count in kinds.most_common():
        print(f"  {count:6d}  {kind}")
    for signature, request in failures.items():
        print(f"FAILURE {signature}\n  query: {request.query}\n  variables: {request.variables}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
