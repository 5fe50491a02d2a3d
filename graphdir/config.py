"""Settings read from the environment and validated once, at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR"}
# auto: text for a person when stderr is a terminal, JSON lines for a collector otherwise.
_LOG_FORMATS = {"auto", "json", "text"}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
# What both the JVM (-Xmx) and Neo4j's settings accept: a number of bytes, or of k/m/g/t.
_MEMORY = re.compile(r"[1-9][0-9]*[kmgt]?", re.IGNORECASE)

MAX_WORKERS = 64
# The cost a query may have (graphdir.api.cost): ~14 times the costliest of the README's and the benchmark's queries.
DEFAULT_MAX_COST = 25_000
# Seconds a request's reads may take in all; Neo4j is told to stop a statement still running then.
DEFAULT_REQUEST_TIMEOUT = 10.0
# The explorer's map tiles: OpenStreetMap's own server unless a deployment names another (or `off`).
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = "© les contributeurs d'OpenStreetMap"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class LocalServerSettings:
    """The local Neo4j server's settings (GRAPHDIR_NEO4J_*), used when NEO4J_URI is unset."""

    # The jars, and each instance's data and password: the current directory's .neo4j unless GRAPHDIR_NEO4J_HOME.
    home: Path
    # Overrides the instance's default Bolt port.
    bolt_port: int | None
    heap: str
    pagecache: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LocalServerSettings:
        env = os.environ if env is None else env
        port = env.get("GRAPHDIR_NEO4J_BOLT_PORT", "")
        return cls(
            home=_home(env.get("GRAPHDIR_NEO4J_HOME")),
            bolt_port=_port("GRAPHDIR_NEO4J_BOLT_PORT", port) if port else None,
            heap=_memory("GRAPHDIR_NEO4J_HEAP", env.get("GRAPHDIR_NEO4J_HEAP", "2g")),
            pagecache=_memory("GRAPHDIR_NEO4J_PAGECACHE", env.get("GRAPHDIR_NEO4J_PAGECACHE", "2g")),
        )


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    host: str
    port: int
    log_level: str
    log_format: str
    graphiql: bool
    # Processes serving requests: one event loop each, so one core each at most.
    workers: int
    # Web origins allowed to call the API from a browser (CORS); none: no CORS headers at all.
    cors_origins: tuple[str, ...] = ()
    cors_credentials: bool = False
    # Whether `__schema` and `__type` may be queried (`__typename` always may).
    introspection: bool = True
    # The cost limit of one query (graphdir.api.cost); 0 = no limit.
    max_cost: int = DEFAULT_MAX_COST
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    # Cost an address may spend per minute (graphdir.api.rate_limit); 0 = no rate limit.
    rate_limit: int = 0
    # The explorer's tile URL template ({z}/{x}/{y}, optionally {s}); empty: a plain base layer, no tile requests.
    tile_url: str = DEFAULT_TILE_URL
    tile_attribution: str = DEFAULT_TILE_ATTRIBUTION

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The local server's own settings (GRAPHDIR_NEO4J_*) come from the process environment even when `env` is
        given, as LocalInstance reads them at each use."""
        # local.py reads its own settings from this module: importing it at the top would be circular.
        from graphdir.db.local import LocalInstance

        env = os.environ if env is None else env
        instance = env.get("GRAPHDIR_INSTANCE", "run")
        uri = env.get("NEO4J_URI", "").strip()
        password = env.get("NEO4J_PASSWORD", "")
        if not uri:  # the local server of GRAPHDIR_INSTANCE
            server = LocalInstance(instance)
            uri = server.uri
            if not password:
                password = server.read_password() or ""
                if not password:
                    raise ConfigError(f"NEO4J_PASSWORD is not set and the local instance {instance!r} has no password "
                                      f"in {server.password_file} (`graphdir db start` creates it; or set NEO4J_URI)")
        _check_uri(uri)
        if not password:
            raise ConfigError("NEO4J_PASSWORD is not set")
        return cls(
            neo4j_uri=uri,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=password,
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            host=env.get("GRAPHDIR_HOST", "127.0.0.1"),
            port=_port("GRAPHDIR_PORT", env.get("GRAPHDIR_PORT", "8000")),
            log_level=_choice("GRAPHDIR_LOG_LEVEL", env.get("GRAPHDIR_LOG_LEVEL", "INFO").upper(), _LOG_LEVELS),
            log_format=_choice("GRAPHDIR_LOG_FORMAT", env.get("GRAPHDIR_LOG_FORMAT", "auto").lower(), _LOG_FORMATS),
            graphiql=_flag("GRAPHDIR_GRAPHIQL", env.get("GRAPHDIR_GRAPHIQL", "true")),
            workers=_workers(env.get("GRAPHDIR_WORKERS", "1")),
            cors_origins=_origins("GRAPHDIR_CORS_ORIGINS", env.get("GRAPHDIR_CORS_ORIGINS", "")),
            cors_credentials=_flag("GRAPHDIR_CORS_CREDENTIALS", env.get("GRAPHDIR_CORS_CREDENTIALS", "false")),
            introspection=_flag("GRAPHDIR_INTROSPECTION", env.get("GRAPHDIR_INTROSPECTION", "true")),
            max_cost=_count("GRAPHDIR_MAX_COST", env.get("GRAPHDIR_MAX_COST", str(DEFAULT_MAX_COST))),
            request_timeout=_seconds("GRAPHDIR_REQUEST_TIMEOUT",
                                     env.get("GRAPHDIR_REQUEST_TIMEOUT", str(DEFAULT_REQUEST_TIMEOUT))),
            rate_limit=_count("GRAPHDIR_RATE_LIMIT", env.get("GRAPHDIR_RATE_LIMIT", "0")),
            tile_url=_tile_url(env.get("GRAPHDIR_TILE_URL", DEFAULT_TILE_URL)),
            tile_attribution=env.get("GRAPHDIR_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION).strip(),
        )


def _check_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in _SCHEMES or not parts.hostname:
        raise ConfigError(f"NEO4J_URI={uri!r} is not a Neo4j URI (expected e.g. neo4j://host:7687 or bolt://host:7687)")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise ConfigError(f"NEO4J_URI={uri!r} has a malformed port") from exc


def _port(name: str, raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"{name}={raw!r} is not a port number (1-65535)")
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


def _count(name: str, raw: str) -> int:
    if not raw.strip().isdigit():
        raise ConfigError(f"{name}={raw!r} is not a whole number (0 or more)")
    return int(raw)


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise ConfigError(f"{name}={raw!r} is not a number of seconds (more than 0, at most 3600)")
    return value


def _choice(name: str, raw: str, allowed: set[str]) -> str:
    if raw not in allowed:
        raise ConfigError(f"{name}={raw!r} is not one of {', '.join(sorted(allowed))}")
    return raw


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (true/false)")


def _origins(name: str, raw: str) -> tuple[str, ...]:
    """Comma-separated web origins, each `http(s)://host[:port]` without path, query or credentials (what a
    browser sends in its Origin header, which CORS compares exactly)."""
    origins = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        parts = urlsplit(item)
        try:
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError as exc:
            raise ConfigError(f"{name}: {item!r} has a malformed port") from exc
        if (parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query
                or parts.fragment or "@" in parts.netloc):
            raise ConfigError(f"{name}: {item!r} is not a web origin (expected e.g. https://app.example.org)")
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return tuple(origins)


def _tile_url(raw: str) -> str:
    value = raw.strip()
    if value.lower() in _FALSE | {""}:
        return ""
    parts = urlsplit(value.replace("{s}", "a"))
    if parts.scheme not in {"http", "https"} or not parts.hostname or not all(
            part in value for part in ("{z}", "{x}", "{y}")):
        raise ConfigError(f"GRAPHDIR_TILE_URL={raw!r} is not a tile URL template (e.g. "
                          "https://tile.example.org/{z}/{x}/{y}.png) nor `off`")
    return value


def _memory(name: str, raw: str) -> str:
    if not _MEMORY.fullmatch(raw.strip()):
        raise ConfigError(f"{name}={raw!r} is not a memory size (e.g. 512m, 2g)")
    return raw.strip()


def _home(raw: str | None) -> Path:
    if raw is None:
        return Path.cwd() / ".neo4j"
    if not raw.strip():
        raise ConfigError("GRAPHDIR_NEO4J_HOME is empty (unset it to use ./.neo4j)")
    home = Path(raw).expanduser().absolute()
    if home.exists() and not home.is_dir():
        raise ConfigError(f"GRAPHDIR_NEO4J_HOME={raw!r} is not a directory")
    return home
