"""The Reader against the real server: batches of one loop turn sent as one statement, errors reaching every batch."""

from __future__ import annotations

import asyncio

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import CypherSyntaxError

from graphdir.config import Settings
from graphdir.db.coalesce import FollowIds
from graphdir.db.reader import Reader

SQUARES = "UNWIND $ids AS id RETURN id, id * id AS square"
LABELLED = "UNWIND $ids AS id WITH id WHERE id > $above RETURN id, 'n' + toString(id) AS name ORDER BY id DESC"


async def test_batches_of_the_same_turn_are_one_round_trip_with_each_its_own_rows(
    driver: AsyncDriver, settings: Settings
) -> None:
    reader = Reader(driver, settings.neo4j_database)
    squares, names, nothing = await asyncio.gather(
        reader.read_batch(SQUARES, {"ids": [1, 2, 3]}, ("id", "square")),
        reader.read_batch(LABELLED, {"ids": [1, 2, 3], "above": 1}, ("id", "name")),
        reader.read_batch(SQUARES, {"ids": []}, ("id", "square")),
    )
    assert reader.round_trips == 1
    assert squares == [{"id": 1, "square": 1}, {"id": 2, "square": 4}, {"id": 3, "square": 9}]
    assert names == [{"id": 3, "name": "n3"}, {"id": 2, "name": "n2"}]  # its own order and its own $ids
    assert nothing == []
    # The same statements alone give the same rows.
    alone = Reader(driver, settings.neo4j_database)
    assert await alone.read(LABELLED, {"ids": [1, 2, 3], "above": 1}) == names


async def test_batches_of_different_levels_are_separate_round_trips(driver: AsyncDriver, settings: Settings) -> None:
    reader = Reader(driver, settings.neo4j_database)
    first = await reader.read_batch(SQUARES, {"ids": [2]}, ("id", "square"))
    second = await reader.read_batch(SQUARES, {"ids": [first[0]["square"]]}, ("id", "square"))
    assert second == [{"id": 4, "square": 16}]
    assert reader.round_trips == 2


async def test_a_failing_statement_fails_every_batch_sent_with_it_and_none_hangs(
    driver: AsyncDriver, settings: Settings
) -> None:
    reader = Reader(driver, settings.neo4j_database)
    results = await asyncio.wait_for(asyncio.gather(
        reader.read_batch(SQUARES, {"ids": [1]}, ("id", "square")),
        reader.read_batch("UNWIND $ids AS id RETURN id, nosuchfunction(id) AS x", {"ids": [1]}, ("id", "x")),
        return_exceptions=True,
    ), timeout=30)
    assert all(isinstance(result, CypherSyntaxError) for result in results), results
    # The reader still works afterwards.
    assert await reader.read_batch(SQUARES, {"ids": [5]}, ("id", "square")) == [{"id": 5, "square": 25}]


async def test_a_missing_parameter_is_reported_under_the_statement_s_own_name(
    driver: AsyncDriver, settings: Settings
) -> None:
    reader = Reader(driver, settings.neo4j_database)
    with pytest.raises(Exception, match="above"):
        await asyncio.gather(
            reader.read_batch(SQUARES, {"ids": [1]}, ("id", "square")),
            reader.read_batch(LABELLED, {"ids": [1]}, ("id", "name")),
        )


NEXT = "UNWIND $ids AS id RETURN id, {id: id + $step} AS node"


async def test_a_following_batch_runs_in_the_same_statement_on_the_nodes_the_first_reaches(
    driver: AsyncDriver, settings: Settings
) -> None:
    reader = Reader(driver, settings.neo4j_database)
    ids = ["a", "b"]
    reached = FollowIds(ids)
    first, then = await asyncio.gather(
        reader.read_batch(NEXT, {"ids": ids, "step": "1"}, ("id", "node")),
        reader.read_batch(NEXT, {"ids": reached, "step": "2"}, ("id", "node")),
    )
    assert reader.round_trips == 1
    assert first == [{"id": "a", "node": {"id": "a1"}}, {"id": "b", "node": {"id": "b1"}}]
    assert then == [{"id": "a1", "node": {"id": "a12"}}, {"id": "b1", "node": {"id": "b12"}}]
    assert list(reached) == ["a1", "b1"]


async def test_a_following_batch_without_its_first_reads_nothing(driver: AsyncDriver, settings: Settings) -> None:
    reader = Reader(driver, settings.neo4j_database)
    sent = await reader.read_batch(NEXT, {"ids": ["a"], "step": "1"}, ("id", "node"))
    assert sent == [{"id": "a", "node": {"id": "a1"}}]
    # The batch it would follow was sent already (or never made): no rows, no round trip, no ids.
    late = FollowIds(["a"])
    assert await reader.read_batch(NEXT, {"ids": late, "step": "1"}, ("id", "node")) == []
    assert not late
    assert reader.round_trips == 1
