"""Opening the one AsyncDriver of a process, and saying plainly why it cannot connect."""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncGraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

from graphdir.config import Settings


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses us; the message is one line naming the URI and the cause."""


def open_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        # Small, so that a request answers "unavailable" quickly while Neo4j is down (a refused connection is
        # immediate; these bound an unanswering host and a pool with no free connection).
        connection_timeout=2.0,
        connection_acquisition_timeout=3.0,
        max_connection_pool_size=50,
        # Notifications (unknown labels on an empty graph, …) would flood the logs; plans are checked in tests.
        notifications_min_severity="OFF",
    )


def explain(settings: Settings, exc: Exception) -> DatabaseUnavailable:
    if isinstance(exc, AuthError):
        cause = "authentication failed (check NEO4J_USER / NEO4J_PASSWORD)"
    elif isinstance(exc, ServiceUnavailable):
        cause = "server unreachable"
    elif isinstance(exc, ConfigurationError | Neo4jError):
        cause = getattr(exc, "message", None) or str(exc)
    else:
        cause = str(exc) or type(exc).__name__
    first_line = cause.strip().splitlines()[0] if cause.strip() else type(exc).__name__
    return DatabaseUnavailable(f"cannot use Neo4j at {settings.neo4j_uri}: {first_line}")


async def connect(settings: Settings) -> AsyncDriver:
    """Open the driver and prove it works, or raise DatabaseUnavailable."""
    driver = open_driver(settings)
    try:
        await driver.verify_connectivity()
        await driver.execute_query("RETURN 1", database_=settings.neo4j_database, routing_="r")
    except Exception as exc:
        await driver.close()
        raise explain(settings, exc) from exc
    return driver
