"""Every question has its three forms (or a reason), and draws are deterministic and shared by the columns."""

from __future__ import annotations

import pytest
from graphql import parse

from bench.agreement import graph_id
from bench.questions import TITLES, Sample, load_questions, make_draws
from bench.settings import PEER

SAMPLE = Sample(
    organizations=[
        {"id": f"syn-org-{n:07d}", "name": f"Coopérative synthétique services à la personne {n:07d}",
         "family": "COOPERATIVE", "region": "84" if n % 2 else "11"} for n in range(40)],
    regions=["11", "84"])


def test_every_question_has_its_forms() -> None:
    for question in load_questions(sorted(TITLES)):
        parse(question.graphql)
        assert "$" in question.cypher
        assert (question.peer is None) == (question.peer_cannot is not None), question.key
        if question.peer is not None:
            parse(question.peer)


def test_peer_type_definitions_parse() -> None:
    parse((PEER / "typeDefs.graphql").read_text())


@pytest.mark.parametrize("key", sorted(TITLES))
def test_draws_are_deterministic_with_matching_forms(key: str) -> None:
    first = make_draws(key, SAMPLE, 7, 25)
    assert first == make_draws(key, SAMPLE, 7, 25)
    assert first != make_draws(key, SAMPLE, 8, 25)
    for draw in first:
        if key in ("C1", "C3", "C5"):
            assert graph_id(draw.graphdir["id"]) == draw.raw["id"]
        if key == "C6":
            assert graph_id(draw.graphdir["from"]) == draw.raw["from"] != draw.raw["to"]
        if key == "C4":
            assert draw.peer == {"query": draw.raw["query"]}
        if key == "C2":
            assert draw.graphdir["families"] == [draw.peer["family"]] if draw.peer else False


def test_the_c2_floor_seeks_the_drawn_familys_links_only() -> None:
    from typing import cast

    from neo4j import AsyncDriver

    from bench.columns import FAMILY_TYPE, RawColumn
    from graphdir.domain.territories.cypher import INSIDE_OF_FAMILY

    (question,) = load_questions(["C2"])
    column = RawColumn(cast(AsyncDriver, None), question.cypher)
    draws = make_draws("C2", SAMPLE, 7, 25)
    for (text, params), draw in zip(column.prepare(draws), draws, strict=True):
        assert params == draw.raw and FAMILY_TYPE not in text
        wanted = INSIDE_OF_FAMILY[draw.raw["families"][0]]
        assert {t for t in INSIDE_OF_FAMILY.values() if t in text.replace(wanted, "")} == set(), text
        assert wanted in text
    with pytest.raises(KeyError):
        column.statement({"families": ["NOT_A_FAMILY"]})
