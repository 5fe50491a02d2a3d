"""The Writer against the real server: a committed write hands its bookmarks to the request's Reader, whose reads
then wait for the database to hold it (a replica behind a load balancer included); a failed one hands none."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver, AsyncManagedTransaction

from graphdir.config import Settings
from graphdir.db.reader import DeadlineExceeded, Reader
from graphdir.db.writer import Writer, rows

NODE = "test-db-writer-bookmark"


async def test_a_write_hands_its_bookmarks_to_the_reads_that_follow(driver: AsyncDriver,
                                                                    settings: Settings) -> None:
    database = settings.neo4j_database
    reader = Reader(driver, database)
    writer = Writer(driver, database, reader)

    async def create(tx: AsyncManagedTransaction) -> None:
        await rows(tx, "CREATE (:TestWriterNode {id: $id})", {"id": NODE})

    async def fail(tx: AsyncManagedTransaction) -> None:
        await rows(tx, "CREATE (:TestWriterNode {id: $id})", {"id": NODE + "-rolled-back"})
        raise ValueError("rejected")

    try:
        with pytest.raises(ValueError):
            await writer.write(fail)
        assert reader.bookmarks is None
        await writer.write(create)
        assert reader.bookmarks is not None and reader.bookmarks.raw_values
        found = await reader.read("MATCH (n:TestWriterNode) RETURN n.id AS id ORDER BY id")
        assert found == [{"id": NODE}]
    finally:
        await driver.execute_query("MATCH (n:TestWriterNode) DELETE n", database_=database)


async def test_a_write_neo4j_stops_at_its_timeout_is_a_deadline_and_writes_nothing(driver: AsyncDriver,
                                                                                  settings: Settings) -> None:
    database = settings.neo4j_database
    writer = Writer(driver, database, timeout=0.5)

    async def slow(tx: AsyncManagedTransaction) -> None:
        await rows(tx, "CREATE (:TestWriterNode {id: $id})", {"id": NODE})
        await rows(tx, "UNWIND range(1, 200000000) AS x WITH x WHERE x < 0 RETURN count(x) AS none")

    try:
        with pytest.raises(DeadlineExceeded):
            await writer.write(slow)
        found, _, _ = await driver.execute_query("MATCH (n:TestWriterNode) RETURN count(n) AS n", database_=database)
        assert found[0]["n"] == 0
    finally:
        await driver.execute_query("MATCH (n:TestWriterNode) DELETE n", database_=database)
