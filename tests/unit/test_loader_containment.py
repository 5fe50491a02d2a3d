"""The periods a PART_OF chain holds together (graphdir.loader.containment), without a database."""

from __future__ import annotations

from graphdir.loader.containment import Link, may_hold_together, missing


def test_periods_overlap_with_open_and_partial_bounds() -> None:
    assert may_hold_together(Link("a"), Link("b"))
    assert may_hold_together(Link("a", since="2016-01-01"), Link("b", until="2016"))
    assert not may_hold_together(Link("a", since="2016-01-01"), Link("b", until="2015-12-31"))
    assert not may_hold_together(Link("a", until="2013-12-31"), Link("b", since="2014"))
    assert may_hold_together(Link("a", until="2014-06"), Link("b", since="2014"))


def test_missing_names_each_container_a_child_does_not_list() -> None:
    links = {
        "commune:1": [Link("epci:1"), Link("departement:30")],
        "epci:1": [Link("departement:30"), Link("region:76")],
        "departement:30": [Link("region:76")],
    }
    assert list(missing(links, "commune:1")) == [(Link("epci:1"), Link("region:76")),
                                                  (Link("departement:30"), Link("region:76"))]
    links["commune:1"] = [*links["commune:1"], Link("region:76")]
    assert list(missing(links, "commune:1")) == []
    # Auvergne: a département in 83 until 2015, in 84 since 2016; its commune lists both.
    links = {
        "commune:2": [Link("departement:03"), Link("region:83", until="2015-12-31")],
        "departement:03": [Link("region:83", until="2015-12-31"), Link("region:84", since="2016-01-01")],
    }
    assert list(missing(links, "commune:2")) == [(Link("departement:03"), Link("region:84", since="2016-01-01"))]
