"""What a merge does to each relationship (graphdir.domain.organizations.relationship_moves), without a database."""

from __future__ import annotations

from typing import Any

from graphdir.domain.organizations.relationship_moves import Relationship, combine_dates, plan_moves
from graphdir.loader.dates import bounds, parse_partial_date


def dated(**values: Any) -> dict[str, Any]:
    props = dict(values)
    for key in ("since", "until"):
        if key in values:
            props.update(bounds(key, parse_partial_date(values[key])))
    return props


def rel(rel_id: str, rel_type: str, other: str, outgoing: bool = True, **props: Any) -> Relationship:
    return Relationship(rel_id, rel_type, outgoing, other, other, "Organization", props)


def test_dates_combine_as_the_union_of_both_periods() -> None:
    props, how = combine_dates(dated(since="2015"), dated(since="2012", until="2020"))
    assert props["since"] == "2012" and "until" not in props  # no end on one side: it goes on
    assert how == ["since 2012, the earlier of 2015, 2012", "no end: one of them has none (none, 2020)"]
    props, how = combine_dates(dated(since="2010", until="2014"), dated(until="2018-06"))
    assert (props["since"], props["until"]) == ("2010", "2018-06")
    assert how == ["until 2018-06, the later of 2014, 2018-06"]


def test_each_relationship_moves_combines_or_is_dropped_with_a_reason() -> None:
    ours = [rel("s1", "MEMBER_OF", "fed", **dated(since="2015"), source="src-a", excerpt="a"),
            rel("s2", "CHANGED", "change-1", outgoing=False)]
    theirs = [rel("m1", "MEMBER_OF", "fed", **dated(since="2012"), source="src-b", excerpt="b"),
              rel("m2", "MEMBER_OF", "survivor"),                        # a loop once merged
              rel("m3", "LOCATED_IN", "commune:03310"),                  # the survivor has its commune
              rel("m4", "CHANGED", "change-1", outgoing=False),          # a change of both
              rel("m5", "HOLDS_ROLE", "person", outgoing=False, title="présidente"),
              rel("m6", "PARTY_TO", "convention", role="signataire")]
    plan = plan_moves("survivor", "merged", "merged", True, theirs, ours)
    assert [(m["type"], m["outgoing"], m["other"]) for m in plan.moves] == [("HOLDS_ROLE", False, "person"),
                                                                           ("PARTY_TO", True, "convention")]
    [combined] = plan.combined
    assert combined["id"] == "s1" and combined["props"]["since"] == "2012"
    assert (combined["props"]["mergedSources"], combined["props"]["mergedExcerpts"]) == (["src-b"], ["b"])
    assert combined["props"]["source"] == "src-a"
    assert plan.dropped == ["-[MEMBER_OF]->Organization:survivor: a link between the two merged organizations",
                            "-[LOCATED_IN]->Organization:commune:03310: the survivor keeps its own commune"]
