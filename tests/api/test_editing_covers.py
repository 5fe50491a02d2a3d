"""Issue 14: the territories an organization covers, added, corrected and ended through the API, each change in its
history; bad inputs answer userErrors and write nothing."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import SOURCE, editor, mutation, organization, snapshot, user_errors  # noqa: F401

COVER = "organization { id } territory { code level } since until version replayed userErrors { field message code }"
ADD, UPDATE, END = (mutation(name, "CoverInput", COVER) for name in ("addCoveredTerritory", "updateCoveredTerritory",
                                                                     "endCoveredTerritory"))


async def test_a_covered_territory_is_added_corrected_and_ended(client: httpx.AsyncClient,
                                                                editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Couverture")
    cover = {"organization": chamber, "territory": "departement:03", "source": SOURCE}
    added = (await graphql(client, editor.auvergne, ADD, input={**cover, "since": "2015"}))["data"][
        "addCoveredTerritory"]
    assert added == {"organization": {"id": chamber}, "territory": {"code": "03", "level": "DEPARTMENT"},
                     "since": "2015", "until": None, "version": 1, "replayed": False, "userErrors": []}
    updated = (await graphql(client, editor.auvergne, UPDATE, input={**cover, "version": 1, "since": "2016"}))[
        "data"]["updateCoveredTerritory"]
    assert updated["userErrors"] == [] and updated["version"] == 2
    ended = (await graphql(client, editor.auvergne, END, input={**cover, "version": 2, "until": "2023"}))["data"][
        "endCoveredTerritory"]
    assert ended["userErrors"] == [] and (ended["since"], ended["until"], ended["version"]) == ("2016", "2023", 3)
    read = """query($id: ID!) { node(id: $id) { ... on Organization {
      coverage { territory { code } since until } during: territories(on: "2020-01-01") { code }
      after: territories(on: "2024-06-01") { code }
      history { edges { node { operation objectType fields { field before after } } } } } } }"""
    node = (await graphql(client, None, read, id=chamber))["data"]["node"]
    assert node["coverage"] == [{"territory": {"code": "03"}, "since": "2016", "until": "2023"}]
    assert node["during"] == [{"code": "03"}] and node["after"] == []
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert [h["operation"] for h in history] == ["endCoveredTerritory", "updateCoveredTerritory",
                                                 "addCoveredTerritory", "createOrganization"]
    assert history[1]["fields"] == [{"field": "since", "before": "2015", "after": "2016"}]


async def test_bad_cover_edits_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    chamber = await organization(client, editor.editor, "Territoire")
    cover = {"organization": chamber, "territory": "departement:03", "source": SOURCE}
    assert user_errors(await graphql(client, editor.editor, ADD, input=cover), "addCoveredTerritory") == []
    before = await snapshot(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (ADD, cover, "addCoveredTerritory", [("input.territory", "ALREADY_EXISTS")]),
        (ADD, {**cover, "territory": "departement:999"}, "addCoveredTerritory",
         [("input.territory", "INVALID_FORMAT")]),
        (ADD, {**cover, "territory": "region:99"}, "addCoveredTerritory", [("input.territory", "UNKNOWN_REFERENCE")]),
        (ADD, {**cover, "territory": "region:84", "since": "2020", "until": "2019"}, "addCoveredTerritory",
         [("input.until", "DATE_ORDER")]),
        (ADD, {**cover, "territory": "region:84", "since": "2020-00"}, "addCoveredTerritory",
         [("input.since", "INVALID_DATE")]),
        (ADD, {**cover, "territory": "region:84", "source": None}, "addCoveredTerritory",
         [("input.source", "REQUIRED")]),
        (UPDATE, {**cover, "version": 2, "since": "2001"}, "updateCoveredTerritory", [("input.version", "CONFLICT")]),
        (UPDATE, {**cover, "territory": "region:84", "version": 1, "since": "2001"}, "updateCoveredTerritory",
         [("input.territory", "UNKNOWN_REFERENCE")]),
        (END, {**cover, "version": 1}, "endCoveredTerritory", [("input.until", "REQUIRED")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, editor.editor, query, input=payload_input)
        assert user_errors(body, field) == expected, (payload_input, body)
        assert await snapshot(seeded, settings) == before, payload_input


async def test_a_cover_outside_the_editors_territories_is_refused(client: httpx.AsyncClient,
                                                                  editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Limite")
    body = await graphql(client, editor.auvergne, ADD, input={"organization": chamber, "territory": "region:93",
                                                              "source": SOURCE})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
