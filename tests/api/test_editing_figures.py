"""Issue 14: figures added, corrected and removed through the API, each with its one source, each change in its
publisher's history; bad inputs answer userErrors and write nothing."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import SOURCE, editor, mutation, organization, snapshot, user_errors  # noqa: F401
from tests.api.helpers import gid

FIGURE = """figure { id measure value unit year scope approximate version territory { code } publisher { id }
           source { excerpt } }
  replayed userErrors { field message code }"""
ADD, CORRECT, REMOVE = (mutation(name, "FigureInput", FIGURE) for name in ("addFigure", "correctFigure",
                                                                           "removeFigure"))
NEW = {"measure": "test_api_ed_jobs", "value": 1200, "unit": "jobs", "year": "2023", "territory": "departement:03",
       "source": SOURCE}


async def test_a_figure_is_added_corrected_and_removed(client: httpx.AsyncClient, editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Observatoire")
    added = (await graphql(client, editor.auvergne, ADD, input={**NEW, "publisher": chamber}))["data"]["addFigure"]
    assert added["userErrors"] == []
    figure = added["figure"]
    assert {key: figure[key] for key in ("measure", "value", "unit", "year", "version", "territory", "publisher",
                                         "source")} == {
        "measure": "test_api_ed_jobs", "value": 1200, "unit": "jobs", "year": "2023", "version": 1,
        "territory": {"code": "03"}, "publisher": {"id": chamber}, "source": {"excerpt": "les mots de la source"}}
    corrected = (await graphql(client, editor.auvergne, CORRECT, input={
        "id": figure["id"], "version": 1, "value": 1250.5, "approximate": True,
        "source": {"document": "observatoire-2024.pdf", "title": "Observatoire 2024", "excerpt": "près de 1 250"}}))[
        "data"]["correctFigure"]
    assert corrected["userErrors"] == []
    assert corrected["figure"]["value"] == 1250.5 and corrected["figure"]["approximate"] is True
    assert corrected["figure"]["version"] == 2 and corrected["figure"]["source"] == {"excerpt": "près de 1 250"}
    read = "query($id: ID!) { node(id: $id) { ... on Organization { figures { id value version } history { edges { " \
           "node { operation objectType fields { field before after } } } } } } }"
    node = (await graphql(client, None, read, id=chamber))["data"]["node"]
    assert node["figures"] == [{"id": figure["id"], "value": 1250.5, "version": 2}]

    removed = (await graphql(client, editor.auvergne, REMOVE, input={"id": figure["id"], "version": 2,
                                                                      "source": SOURCE}))["data"]["removeFigure"]
    assert removed == {"figure": None, "replayed": False, "userErrors": []}
    assert (await graphql(client, None, "query($id: ID!) { node(id: $id) { id } }", id=figure["id"]))["data"] == {
        "node": None}
    node = (await graphql(client, None, read, id=chamber))["data"]["node"]
    assert node["figures"] == []
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert [h["operation"] for h in history] == ["removeFigure", "correctFigure", "addFigure", "createOrganization"]
    assert {"field": "value", "before": 1250.5, "after": None} in history[0]["fields"]
    assert {"field": "value", "before": 1200, "after": 1250.5} in history[1]["fields"]


async def test_bad_figure_edits_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    chamber = await organization(client, editor.editor, "Statistiques")
    figure = (await graphql(client, editor.editor, ADD, input={**NEW, "publisher": chamber}))["data"]["addFigure"][
        "figure"]["id"]
    new = {**NEW, "publisher": chamber}
    before = await snapshot(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (ADD, {**new, "publisher": gid("Organization", "test-api-ed-none")}, "addFigure",
         [("input.publisher", "UNKNOWN_REFERENCE")]),
        (ADD, {**new, "unit": "euros"}, "addFigure", [("input.unit", "INVALID_VALUE")]),
        (ADD, {**new, "year": "2023-13"}, "addFigure", [("input.year", "INVALID_DATE")]),
        (ADD, {**new, "territory": "region:8"}, "addFigure", [("input.territory", "INVALID_FORMAT")]),
        (ADD, {**new, "territory": "region:99"}, "addFigure", [("input.territory", "UNKNOWN_REFERENCE")]),
        (ADD, {**new, "value": None}, "addFigure", [("input.value", "REQUIRED")]),
        (ADD, {**new, "source": None}, "addFigure", [("input.source", "REQUIRED")]),
        (CORRECT, {"id": figure, "version": 3, "value": 1, "source": SOURCE}, "correctFigure",
         [("input.version", "CONFLICT")]),
        (CORRECT, {"id": figure, "version": 1, "measure": None, "source": SOURCE}, "correctFigure",
         [("input.measure", "REQUIRED")]),
        (CORRECT, {"id": gid("Figure", "figure-test-api-ed-none"), "version": 1, "value": 1, "source": SOURCE},
         "correctFigure", [("input.id", "UNKNOWN_REFERENCE")]),
        (REMOVE, {"id": figure, "version": 2, "source": SOURCE}, "removeFigure", [("input.version", "CONFLICT")]),
        (REMOVE, {"id": figure, "version": 1}, "removeFigure", [("input.source", "REQUIRED")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, editor.editor, query, input=payload_input)
        assert user_errors(body, field) == expected, (payload_input, body)
        assert await snapshot(seeded, settings) == before, payload_input


async def test_a_figure_of_another_region_is_refused(client: httpx.AsyncClient, editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Regional")
    body = await graphql(client, editor.auvergne, ADD, input={**NEW, "publisher": chamber, "territory": "region:93"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
