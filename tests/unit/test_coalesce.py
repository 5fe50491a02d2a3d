"""Combining read statements into one (graphdir.db.coalesce): the text and parameters, without a database."""

from __future__ import annotations

import pytest

from graphdir.db.coalesce import FollowIds, Statement, can_follow, combine, split


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


def test_a_following_statement_reads_its_ids_from_the_rows_of_the_one_it_follows() -> None:
    page = Statement("UNWIND $ids AS id RETURN id, [] AS edges, 0 AS total", {"ids": ["a"], "limit": 3},
                     ("id", "edges", "total"))
    reached = FollowIds(["a"])
    nodes = Statement("UNWIND $ids AS id RETURN id, {id: id} AS node, $label AS label",
                      {"ids": reached, "label": "x"}, ("id", "node", "label"), after=0)
    query, params = combine([page, nodes])
    # Its ids are not a parameter: they are the ids of the nodes of the first statement's edges, each once.
    assert params == {"s0_ids": ["a"], "s0_limit": 3, "s1_label": "x"}
    assert "UNWIND r0 AS row UNWIND row[1] AS e WITH e.node AS n" in query
    assert "RETURN DISTINCT n.id } AS f1" in query
    assert "UNWIND f1 AS id RETURN id, {id: id} AS node, $s1_label AS label" in query
    assert query.index("AS r0") < query.index("AS f1") < query.index("AS r1")
    assert query.rstrip().endswith("RETURN r0, f1, r1")
    # The ids it ran on are given back to its FollowIds with its rows.
    rows = split({"r0": [["a", [{"node": {"id": "b"}}], 1]], "f1": ["b"], "r1": [["b", {"id": "b"}, "x"]]},
                 [page, nodes])
    assert rows[1] == [{"id": "b", "node": {"id": "b"}, "label": "x"}]
    assert reached == ["b"]


@pytest.mark.parametrize(("columns", "reach"), [
    (("id", "node"), "WITH row[1] AS n"), (("id", "nodes"), "UNWIND row[1] AS n"),
])
def test_the_nodes_followed_are_found_in_a_node_or_a_list_of_nodes(columns: tuple[str, ...], reach: str) -> None:
    first = Statement("UNWIND $ids AS id RETURN id, null AS x", {"ids": ["a"]}, columns)
    second = Statement("UNWIND $ids AS id RETURN id", {"ids": FollowIds(["a"])}, ("id",), after=0)
    query, _ = combine([first, second])
    assert f"UNWIND r0 AS row {reach} WITH n WHERE n IS NOT NULL RETURN DISTINCT n.id" in query
    assert not can_follow(("id", "total"))
