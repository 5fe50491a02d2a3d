"""Combining read statements into one (graphdir.db.coalesce): the text and parameters, without a database."""

from __future__ import annotations

import pytest

from graphdir.db.coalesce import Statement, combine, split


def test_parameters_are_renamed_per_statement_so_equal_names_do_not_collide() -> None:
    first = Statement("UNWIND $ids AS id RETURN id, $on AS on", {"ids": ["a"], "on": None}, ("id", "on"))
    second = Statement("UNWIND $ids AS id RETURN id, size($ids) AS n", {"ids": ["b", "c"]}, ("id", "n"))
    query, params = combine([first, second])
    assert params == {"s0_ids": ["a"], "s0_on": None, "s1_ids": ["b", "c"]}
    assert "UNWIND $s0_ids AS id RETURN id, $s0_on AS on" in query
    assert "UNWIND $s1_ids AS id RETURN id, size($s1_ids) AS n" in query
    assert "$ids" not in query
    assert query.rstrip().endswith("RETURN r0, r1")
    assert "RETURN collect([id, on]) AS r0" in query and "RETURN collect([id, n]) AS r1" in query


def test_split_gives_each_statement_its_rows_as_maps() -> None:
    first = Statement("RETURN 1 AS id, 2 AS node", {}, ("id", "node"))
    second = Statement("RETURN 1 AS id", {}, ("id",))
    record = {"r0": [["a", {"x": 1}], ["b", None]], "r1": []}
    assert split(record, [first, second]) == [[{"id": "a", "node": {"x": 1}}, {"id": "b", "node": None}], []]


def test_a_row_of_the_wrong_width_is_an_error_not_a_silent_truncation() -> None:
    statement = Statement("RETURN 1 AS id, 2 AS node", {}, ("id", "node"))
    with pytest.raises(ValueError):
        split({"r0": [["a"]]}, [statement])


@pytest.mark.parametrize("columns", [(), ("id", "a b"), ("id", "x) RETURN 1 //")])
def test_columns_must_be_plain_names(columns: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="columns"):
        Statement("RETURN 1 AS id", {}, columns)
