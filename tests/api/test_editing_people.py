"""Issue 14: people created and corrected, their roles added, corrected and ended, through the API, each change in
the person's history; bad inputs answer userErrors and write nothing."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import SOURCE, editor, mutation, organization, snapshot, user_errors  # noqa: F401
from tests.api.helpers import gid

PERSON = "person { id name version } replayed userErrors { field message code }"
CREATE = mutation("createPerson", "PersonInput", PERSON)
UPDATE = mutation("updatePerson", "PersonInput", PERSON)
ROLE = """role { title portfolio since until version organization { id } person { id } source { excerpt } }
  replayed userErrors { field message code }"""
ADD, UPDATE_ROLE, END = (mutation(name, "RoleInput", ROLE) for name in ("addRole", "updateRole", "endRole"))
READ = """
query($id: ID!) {
  node(id: $id) { ... on Person {
    name version sources { excerpt }
    roles { title portfolio since until version organization { id } }
    history { totalCount edges { node { operation objectType fields { field before after } organizations { id } } } }
  } }
}"""


async def person(client: httpx.AsyncClient, token: str, name: str = "Test API Ed Personne") -> str:
    body = await graphql(client, token, CREATE, input={"name": name, "source": SOURCE})
    payload = body["data"]["createPerson"]
    assert payload is not None and payload["userErrors"] == [], body
    global_id: str = payload["person"]["id"]
    return global_id


async def test_a_person_and_their_roles_are_edited(client: httpx.AsyncClient, editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Chambre")
    someone = await person(client, editor.auvergne)
    role = {"person": someone, "organization": chamber, "title": "Vice-présidente", "source": SOURCE}
    steps: list[tuple[str, dict[str, Any], str]] = [
        (ADD, {**role, "since": "2020"}, "addRole"),
        (UPDATE_ROLE, {**role, "version": 1, "portfolio": "économie sociale"}, "updateRole"),
        (END, {**role, "version": 2, "until": "2024-06"}, "endRole"),
    ]
    for query, payload_input, field in steps:
        payload = (await graphql(client, editor.auvergne, query, input=payload_input))["data"][field]
        assert payload["userErrors"] == [], payload
        assert payload["role"]["version"] == payload_input.get("version", 0) + 1
    renamed = (await graphql(client, editor.auvergne, UPDATE, input={
        "id": someone, "version": 1, "name": "Test API Ed Personne Dupont", "source": SOURCE}))["data"]["updatePerson"]
    assert renamed == {"person": {"id": someone, "name": "Test API Ed Personne Dupont", "version": 2},
                       "replayed": False, "userErrors": []}

    node = (await graphql(client, None, READ, id=someone))["data"]["node"]
    assert node["name"] == "Test API Ed Personne Dupont" and node["version"] == 2
    assert node["roles"] == [{"title": "Vice-présidente", "portfolio": "économie sociale", "since": "2020",
                              "until": "2024-06", "version": 3, "organization": {"id": chamber}}]
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert [h["operation"] for h in history] == ["updatePerson", "endRole", "updateRole", "addRole", "createPerson"]
    assert [h["objectType"] for h in history] == ["Person", "Role", "Role", "Role", "Person"]
    assert history[2]["fields"] == [{"field": "portfolio", "before": None, "after": "économie sociale"}]
    assert history[2]["organizations"] == [{"id": chamber}]
    people = (await graphql(client, None, "query($id: ID!) { node(id: $id) { ... on Organization { people { "
                            "person { id } title } } } }", id=chamber))["data"]["node"]["people"]
    assert people == [{"person": {"id": someone}, "title": "Vice-présidente"}]


async def test_bad_person_and_role_edits_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    chamber = await organization(client, editor.editor, "Office")
    someone = await person(client, editor.editor)
    role = {"person": someone, "organization": chamber, "title": "Président", "source": SOURCE}
    assert user_errors(await graphql(client, editor.editor, ADD, input=role), "addRole") == []
    before = await snapshot(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (CREATE, {"source": SOURCE}, "createPerson", [("input.name", "REQUIRED")]),
        (CREATE, {"name": "Test API Ed X"}, "createPerson", [("input.source", "REQUIRED")]),
        (CREATE, {"name": "Test API Ed X", "source": {"url": "mailto:x", "title": "t"}}, "createPerson",
         [("input.source.url", "INVALID_FORMAT")]),
        (UPDATE, {"id": someone, "version": 4, "name": "Y", "source": SOURCE}, "updatePerson",
         [("input.version", "CONFLICT")]),
        (UPDATE, {"id": gid("Person", "person-test-api-ed-none"), "version": 1, "name": "Y", "source": SOURCE},
         "updatePerson", [("input.id", "UNKNOWN_REFERENCE")]),
        (ADD, role, "addRole", [("input.organization", "ALREADY_EXISTS")]),
        (ADD, {**role, "organization": gid("Organization", "test-api-ed-none")}, "addRole",
         [("input.organization", "UNKNOWN_REFERENCE")]),
        (ADD, {**role, "person": gid("Person", "person-test-api-ed-none")}, "addRole",
         [("input.person", "UNKNOWN_REFERENCE")]),
        (ADD, {**role, "title": "Trésorier", "since": "20-01"}, "addRole", [("input.since", "INVALID_DATE")]),
        (ADD, {**role, "title": "Trésorier", "source": None}, "addRole", [("input.source", "REQUIRED")]),
        (UPDATE_ROLE, {**role, "version": 2, "portfolio": "x"}, "updateRole", [("input.version", "CONFLICT")]),
        (UPDATE_ROLE, {**role, "version": 1, "since": "2022", "until": "2021"}, "updateRole",
         [("input.until", "DATE_ORDER")]),
        (END, {**role, "version": 1}, "endRole", [("input.until", "REQUIRED")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, editor.editor, query, input=payload_input)
        assert user_errors(body, field) == expected, (payload_input, body)
        assert await snapshot(seeded, settings) == before, payload_input


async def test_a_role_is_edited_inside_the_editors_territories(client: httpx.AsyncClient,
                                                               editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.editor, "Bureau")
    someone = await person(client, editor.paca)  # a person lies nowhere until a role places them
    role = {"person": someone, "organization": chamber, "title": "Directrice", "source": SOURCE}
    assert (await graphql(client, editor.paca, ADD, input=role))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert user_errors(await graphql(client, editor.auvergne, ADD, input=role), "addRole") == []
    rename = {"id": someone, "version": 1, "name": "Test API Ed Autre", "source": SOURCE}
    assert (await graphql(client, editor.paca, UPDATE, input=rename))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
