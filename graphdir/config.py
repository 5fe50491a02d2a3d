"""Settings read from the environment and validated once, at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from graphdir.db.local import LocalInstance

_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR"}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


MAX_WORKERS = 64


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    host: str
    port: int
    log_level: str
    graphiql: bool
    # Processes serving requests: one event loop each, so one core each at most.
    workers: int
    # True when graphdir manages the Neo4j server itself (NEO4J_URI unset).
    local_neo4j: bool
    instance: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        instance = env.get("GRAPHDIR_INSTANCE", "run")
        uri = env.get("NEO4J_URI", "").strip()
        local = not uri
        password = env.get("NEO4J_PASSWORD", "")
        if local:
            server = LocalInstance(instance)
            uri = server.uri
            password = password or server.read_password() or ""
        _check_uri(uri)
        if not password:
            raise ConfigError("NEO4J_PASSWORD is not set (and no local instance password was found)")
        return cls(
            neo4j_uri=uri,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=password,
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            host=env.get("GRAPHDIR_HOST", "127.0.0.1"),
            port=_port(env.get("GRAPHDIR_PORT", "8000")),
            log_level=_log_level(env.get("GRAPHDIR_LOG_LEVEL", "INFO")),
            graphiql=_flag("GRAPHDIR_GRAPHIQL", env.get("GRAPHDIR_GRAPHIQL", "true")),
            workers=_workers(env.get("GRAPHDIR_WORKERS", "1")),
            local_neo4j=local,
            instance=instance,
        )


def _check_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in _SCHEMES or not parts.hostname:
        raise ConfigError(f"NEO4J_URI={uri!r} is not a Neo4j URI (expected e.g. neo4j://host:7687 or bolt://host:7687)")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise ConfigError(f"NEO4J_URI={uri!r} has a malformed port") from exc


def _port(raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"GRAPHDIR_PORT={raw!r} is not a port number (1-65535)")
    return int(raw)


def parse_workers(raw: str) -> int:
    """A number of serving processes; ValueError says what is wrong (the caller names where it came from)."""
    if not raw.isdigit() or not 0 < int(raw) <= MAX_WORKERS:
        raise ValueError(f"{raw!r} is not a number of processes (1-{MAX_WORKERS})")
    return int(raw)


def _workers(raw: str) -> int:
    try:
        return parse_workers(raw)
    except ValueError as exc:
        raise ConfigError(f"GRAPHDIR_WORKERS={exc}") from exc


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in _LOG_LEVELS:
        raise ConfigError(f"GRAPHDIR_LOG_LEVEL={raw!r} is not one of {', '.join(sorted(_LOG_LEVELS))}")
    return level


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (true/false)")
