"""Starting the benchmark's Neo4j instances with the scale's memory, and talking to them from the harness."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase

from bench.settings import BenchInstance, Scale, memory_env
from graphdir.db.local import LocalServerError


@contextmanager
def _env(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def start(instance: BenchInstance, scale: Scale) -> tuple[str, bool]:
    """Start the instance (LocalInstance reads the memory settings from the environment); True if we started it."""
    was_running = instance.pid() is not None
    if not was_running and instance.bolt_answers():
        raise LocalServerError(f"{instance.name}: port {instance.port} is taken by another server (not this "
                               f"instance's); free it or use --instance/another scale")
    with _env(memory_env(scale)):
        message = instance.start(timeout=600)
    return message, not was_running


def reset(instance: BenchInstance, scale: Scale) -> None:
    """Drop the instance's `neo4j` database files (its password and system database are kept)."""
    instance.stop()
    for sub in ("databases", "transactions"):
        shutil.rmtree(instance.folder / "data" / sub / "neo4j", ignore_errors=True)
    start(instance, scale)


def connection_env(instance: BenchInstance) -> dict[str, str]:
    """What a graphdir process needs to use this instance (explicit URI: no reliance on instance-name ports)."""
    return {"NEO4J_URI": instance.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": instance.read_password() or "",
            "NEO4J_DATABASE": "neo4j"}


def driver(instance: BenchInstance) -> Driver:
    return GraphDatabase.driver(instance.uri, auth=("neo4j", instance.read_password() or ""),
                                notifications_min_severity="OFF")


def query(instance: BenchInstance, cypher: str, **params: Any) -> list[dict[str, Any]]:
    with driver(instance) as drv:
        records, _, _ = drv.execute_query(cypher, params, database_="neo4j")
        return [r.data() for r in records]
