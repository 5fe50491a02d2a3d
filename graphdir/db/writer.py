"""Write transactions: each unit of work is one managed transaction on the leader, retried by the driver on
transient failures (a deadlock between two writers, a leader switch), and all or nothing.

The bookmarks of a committed write are handed to the request's Reader, so that its reads that follow (the payload of
a mutation, its nested fields) see the write even on a replica that has not caught up yet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from graphdir.db.driver import DatabaseUnavailable
from graphdir.db.reader import DeadlineExceeded, Reader

T = TypeVar("T")
Work = Callable[[AsyncManagedTransaction], Awaitable[T]]
# Neo4j stops a write transaction running longer (a mutation writes a handful of nodes).
WRITE_TIMEOUT_S = 10.0


class Writer:
    def __init__(self, driver: AsyncDriver, database: str, reader: Reader | None = None,
                 timeout: float = WRITE_TIMEOUT_S) -> None:
        self.driver = driver
        self.database = database
        self.reader = reader
        self.timeout = timeout

    async def write(self, work: Work[T]) -> T:
        """Run `work` in one write transaction. Whatever it raises rolls the transaction back and is raised again
        (a rejected mutation raises to write nothing); Neo4j unreachable raises DatabaseUnavailable, a transaction
        Neo4j stopped at the timeout (a database still recovering) DeadlineExceeded: in both, nothing was written."""
        try:
            async with self.driver.session(database=self.database) as session:
                result: T = await session.execute_write(unit_of_work(timeout=self.timeout)(work))
                bookmarks = await session.last_bookmarks()
        except (ServiceUnavailable, SessionExpired) as exc:
            raise DatabaseUnavailable("the database is unavailable") from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise DeadlineExceeded(self.timeout) from exc
            raise
        if self.reader is not None:
            self.reader.bookmarks = bookmarks
        return result


async def rows(tx: AsyncManagedTransaction, query: Any, params: dict[str, Any] | None = None
               ) -> list[dict[str, Any]]:
    """The rows of one statement in a transaction, as maps."""
    result = await tx.run(query, params or {})
    keys = result.keys()
    return [dict(zip(keys, values, strict=True)) for values in await result.values()]


async def one(tx: AsyncManagedTransaction, query: Any, params: dict[str, Any] | None = None
              ) -> dict[str, Any] | None:
    found = await rows(tx, query, params)
    return found[0] if found else None
