"""Read queries of one request: routed as reads to the named database, and counted.

Every repository reads through a Reader, so a test can assert how many database round trips a GraphQL request made.

Each read is one auto-commit statement in a read session, not `driver.execute_query`: a managed transaction adds a
BEGIN and a COMMIT and the driver's bookmark bookkeeping, which the benchmark measured at 2.0 ms of Python CPU per
statement against 0.8 ms for `session.run` (bench/README.md, "Profiling"). A request's reads never needed to share a
transaction: each statement is consistent on its own. What a managed transaction brings, the retry of a read that
failed because a connection went stale, is kept: such a read is retried, a bounded number of times.

A Reader has a deadline (its request's): each statement is sent with the time left as its transaction timeout, so
Neo4j itself stops a statement still running then, and the wait for it is bounded too; either way the read raises
DeadlineExceeded. A read that cannot reach Neo4j (after its retries) raises DatabaseUnavailable. So does one whose
statement the server does not start within START_WHILE_UNAVAILABLE_S while the process knows the database
unavailable (from a read's failure to reach it until a read succeeds): a restarting Neo4j accepts Bolt connections
and holds their statements until its database is online, tens of seconds after a SIGKILL (bench/fault.py); without
this bound every request sent then waited for its whole deadline and answered TIMEOUT.

DataLoader batches go through `read_batch`: the batches of one level of a selection, which start within a few turns
of the event loop of each other, are sent as one statement (graphdir.db.coalesce) and count as one round trip. A batch
whose `ids` are `FollowIds` is read in the same statement as the batch it follows, on the ids of the nodes that
batch's rows reach (how a page's second level is read with its first: graphdir.api.dataloaders, `Loader.follow`).

Rows are built from a record's keys and values: graphdir's statements return maps and scalars, never graph entities,
so `Record.data()`'s walk of every nested value to convert nodes and relationships is pure cost.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, LiteralString

from neo4j import READ_ACCESS, AsyncDriver, AsyncResult, AsyncSession, Bookmarks, Query
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError

from graphdir.db.coalesce import FollowIds, Statement, can_follow, combine, split
from graphdir.db.driver import DatabaseUnavailable

# A read that fails this many times in a row (stale pooled connections, a server restarting) reports its error.
ATTEMPTS = 3
RETRIED = (ServiceUnavailable, SessionExpired, TransientError)
# Batches arrive a few loop turns apart (DataLoader dispatch, then a task per batch): the statement is sent once a
# turn passed without a new one, or after this many turns.
MAX_WAIT_TURNS = 8
# Past the deadline, how long Neo4j is given to report that it stopped the statement before the wait ends anyway:
# it checks timeouts every db.transaction.monitor.check.interval (2 s by default, 100 ms on the local server).
CANCEL_GRACE_S = 2.5
# While the database is known unavailable, how long the server may take to start a statement (connection, HELLO, RUN
# acknowledged: planning included, which takes milliseconds for graphdir's statements once Neo4j is up).
START_WHILE_UNAVAILABLE_S = 2.0
# How often, while the database is known unavailable, one statement may wait for it as long as its deadline allows.
PROBE_INTERVAL_S = 5.0


class Availability:
    """What this process last learnt of the database: unavailable from a read's failure to reach it until a read
    succeeds. One per process, shared by its requests. Meanwhile one statement every PROBE_INTERVAL_S, the probe, is
    not bounded by START_WHILE_UNAVAILABLE_S: a database back online but slow to start statements (a cold server on a
    loaded machine) is found again by it, not refused for ever."""

    def __init__(self) -> None:
        self.unavailable = False
        self.last_probe = 0.0

    def may_probe(self) -> bool:
        now = time.monotonic()
        if now - self.last_probe < PROBE_INTERVAL_S:
            return False
        self.last_probe = now
        return True


availability = Availability()


class DeadlineExceeded(TimeoutError):
    """The request's deadline passed before its reads were done; Neo4j stopped the statement (or never got it)."""

    def __init__(self, timeout: float | None) -> None:
        super().__init__(f"the request took longer than its {timeout:g} s" if timeout else "the request timed out")


class Reader:
    def __init__(self, driver: AsyncDriver, database: str, timeout: float | None = None) -> None:
        """`timeout`: seconds from now that every read of this reader must end in (None: no deadline)."""
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.round_trips = 0
        # Set by a write of the same request (graphdir.db.writer): reads then wait for the database to hold it.
        self.bookmarks: Bookmarks | None = None
        self._pending: list[tuple[Statement, asyncio.Future[list[dict[str, Any]]]]] = []
        self._seen = 0
        self._turns = 0

    async def read(self, query: LiteralString, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.round_trips += 1
        for attempt in range(1, ATTEMPTS + 1):
            try:
                rows = await self._run(query, params or {})
            except RETRIED as exc:
                if attempt == ATTEMPTS:
                    if isinstance(exc, TransientError):
                        raise
                    availability.unavailable = True
                    raise DatabaseUnavailable("the database is unavailable") from exc
            else:
                availability.unavailable = False
                return rows
        raise AssertionError("unreachable")

    async def read_one(self, query: LiteralString, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        rows = await self.read(query, params)
        return rows[0] if rows else None

    async def read_batch(self, query: LiteralString, params: dict[str, Any], columns: tuple[str, ...]
                         ) -> list[dict[str, Any]]:
        """Like `read`, but sent together with the other batches that arrive in the same few loop turns. With
        `FollowIds` as its `ids`, after the batch they follow; when that batch is not waiting to be sent (already
        sent, never made) or cannot be followed, nothing is read: no rows, and the FollowIds stay empty."""
        after = None
        ids = params.get("ids")
        if isinstance(ids, FollowIds):
            after = next((index for index, (statement, _) in enumerate(self._pending)
                          if statement.params.get("ids") is ids.parent and can_follow(statement.columns)), None)
            if after is None:
                return []
        future: asyncio.Future[list[dict[str, Any]]] = asyncio.get_running_loop().create_future()
        self._pending.append((Statement(query, params, columns, after), future))
        if len(self._pending) == 1:
            self._seen, self._turns = 0, 0
            asyncio.get_running_loop().call_soon(self._wait_or_send)
        return await future

    def _wait_or_send(self) -> None:
        self._turns += 1
        if len(self._pending) != self._seen and self._turns < MAX_WAIT_TURNS:
            self._seen = len(self._pending)
            asyncio.get_running_loop().call_soon(self._wait_or_send)
            return
        pending, self._pending = self._pending, []
        asyncio.get_running_loop().create_task(self._send(pending))

    async def _send(self, pending: list[tuple[Statement, asyncio.Future[list[dict[str, Any]]]]]) -> None:
        statements = [statement for statement, _ in pending]
        try:
            if len(statements) == 1:  # never a following statement: the one it follows is sent with it
                results = [await self.read(statements[0].query, statements[0].params)]
            else:
                # The combined text is made of the statements' own constant texts and generated names only.
                query, params = combine(statements)
                record = await self.read(query, params)
                results = split(record[0], statements)
        except BaseException as exc:  # every waiting batch gets the error, none waits forever
            for _, future in pending:
                if not future.done():
                    future.set_exception(exc)
            return
        for (_, future), rows in zip(pending, results, strict=True):
            if not future.done():
                future.set_result(rows)

    async def _run(self, query: LiteralString, params: dict[str, Any]) -> list[dict[str, Any]]:
        left = None if self.deadline is None else self.deadline - time.monotonic()
        if left is not None and left <= 0:  # a timeout of 0 would mean none to Neo4j
            raise DeadlineExceeded(self.timeout)
        try:
            async with asyncio.timeout(None if left is None else left + CANCEL_GRACE_S):
                async with self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                               bookmarks=self.bookmarks) as session:
                    result = await self._start(session, Query(query, timeout=left), params)
                    keys = result.keys()
                    return [dict(zip(keys, values, strict=True)) for values in await result.values()]
        except TimeoutError as exc:
            if availability.unavailable:  # the probe (see Availability), cut at the deadline: still unavailable
                raise DatabaseUnavailable("the database is not starting statements (restarting?)") from exc
            raise DeadlineExceeded(self.timeout) from exc
        except StartTimedOut as exc:
            raise DatabaseUnavailable("the database is not starting statements (restarting?)") from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                if availability.unavailable:  # the probe again, cut by Neo4j's transaction timeout this time
                    raise DatabaseUnavailable("the database is not serving statements (restarting?)") from exc
                raise DeadlineExceeded(self.timeout) from exc
            raise

    @staticmethod
    async def _start(session: AsyncSession, query: Query, params: dict[str, Any]) -> AsyncResult:
        """The statement's result once the server has started it; bounded while the database is known unavailable."""
        if not availability.unavailable:
            return await session.run(query, params)
        if availability.may_probe():
            return await session.run(query, params)
        bound = asyncio.timeout(START_WHILE_UNAVAILABLE_S)
        try:
            async with bound:
                return await session.run(query, params)
        except TimeoutError as exc:
            if bound.expired():
                raise StartTimedOut from exc
            raise


class StartTimedOut(Exception):
    """The server did not start a statement within START_WHILE_UNAVAILABLE_S."""
