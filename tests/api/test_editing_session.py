"""Issue 14, item 1: an editor's session over HTTP, and who may not make it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from tests.api.editing import FEDERATION, SEED_SOURCE, Tokens, graphql, tokens  # noqa: F401

CREATE = """
mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id version commune { code } } userErrors { field message code } }
}"""
ADD = """
mutation($input: MembershipInput!) {
  addMembership(input: $input) {
    membership { version since member { name } body { name } source { document excerpt } }
    userErrors { field message code }
  }
}"""
UPDATE = """
mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) { organization { version commune { code } } userErrors { field message code } }
}"""
READ = """
query($id: ID!) {
  node(id: $id) { ... on Organization {
    name version commune { code } sources { title excerpt }
    memberOf { edges { node { name } since version } }
    history { totalCount edges { node { actor operation version requestId source { title excerpt }
                                        fields { field before after } organizations { name } } } }
  } }
}"""

NEW = {"name": "Test API Edit Coop", "kind": "ENTERPRISE", "family": "COOPERATIVE", "commune": "03095",
       "source": {"document": "statuts.pdf", "title": "Statuts de Test API Edit Coop", "url": "https://example.org/s",
                  "publishedOn": "2024-05", "excerpt": "Il est fondé entre les adhérents une coopérative"}}


async def test_an_editors_session(client: httpx.AsyncClient, tokens: Tokens) -> None:  # noqa: F811
    created = (await graphql(client, tokens.auvergne, CREATE, input=NEW))["data"]["createOrganization"]
    assert created["userErrors"] == []
    org = created["organization"]
    assert org["version"] == 1 and org["commune"] == {"code": "03095"}

    added = (await graphql(client, tokens.auvergne, ADD, input={
        "member": org["id"], "body": FEDERATION, "since": "2024",
        "source": {"declaredBy": org["id"], "excerpt": "adhérente de la fédération depuis 2024"}}))["data"]
    membership = added["addMembership"]
    assert membership["userErrors"] == []
    assert membership["membership"]["version"] == 1
    assert membership["membership"]["source"]["document"] == "declared by Test API Edit Coop"

    updated = (await graphql(client, tokens.auvergne, UPDATE, input={
        "id": org["id"], "version": 1, "commune": "03310",
        "source": {"id": SEED_SOURCE, "excerpt": "à Vichy"}}))["data"]["updateOrganization"]
    assert updated == {"organization": {"version": 2, "commune": {"code": "03310"}}, "userErrors": []}

    node = (await graphql(client, None, READ, id=org["id"]))["data"]["node"]
    assert node["version"] == 2 and node["commune"] == {"code": "03310"}
    assert node["memberOf"]["edges"] == [{"node": {"name": "Fédérations coopératives d'Auvergne"}, "since": "2024",
                                          "version": 1}]
    assert {s["title"] for s in node["sources"]} >= {"Statuts de Test API Edit Coop"}
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert node["history"]["totalCount"] == 3
    assert [h["operation"] for h in history] == ["updateOrganization", "addMembership", "createOrganization"]
    assert {h["actor"] for h in history} == {"test-edit-auvergne"}
    assert history[0]["fields"] == [{"field": "commune", "before": "03095", "after": "03310"}]
    assert history[0]["source"]["excerpt"] == "à Vichy" and history[0]["version"] == 2
    assert history[1]["fields"] == [{"field": "since", "before": None, "after": "2024"},
                                    {"field": "source", "before": None,
                                     "after": "declared-by-test-api-edit-coop"}]
    assert [o["name"] for o in history[1]["organizations"]] == ["Test API Edit Coop",
                                                                "Fédérations coopératives d'Auvergne"]
    assert {f["field"] for f in history[2]["fields"]} == {"name", "kind", "family", "commune"}
    assert all(h["requestId"] for h in history)


async def test_without_the_right_token_nothing_is_written(client: httpx.AsyncClient, tokens: Tokens) -> None:  # noqa: F811
    for token, code in ((None, "UNAUTHENTICATED"), (tokens.reader, "FORBIDDEN"), (tokens.paca, "FORBIDDEN")):
        body = await graphql(client, token, CREATE, input=NEW)
        assert body["data"] == {"createOrganization": None}, token
        assert body["errors"][0]["extensions"]["code"] == code, body
    created = (await graphql(client, tokens.editor, CREATE, input=NEW))["data"]["createOrganization"]
    org = created["organization"]
    for token, code in ((None, "UNAUTHENTICATED"), (tokens.reader, "FORBIDDEN"), (tokens.paca, "FORBIDDEN")):
        update = await graphql(client, token, UPDATE, input={"id": org["id"], "version": 1, "commune": "03310",
                                                             "source": {"id": SEED_SOURCE}})
        assert update["errors"][0]["extensions"]["code"] == code
        add = await graphql(client, token, ADD, input={"member": org["id"], "body": FEDERATION,
                                                       "source": {"id": SEED_SOURCE}})
        assert add["errors"][0]["extensions"]["code"] == code
    # A PACA editor may not move an Auvergne organization into PACA either, nor an Auvergne one out of its région.
    moved = await graphql(client, tokens.auvergne, UPDATE, input={"id": org["id"], "version": 1, "commune": "13055",
                                                                  "source": {"id": SEED_SOURCE}})
    assert moved["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    node = (await graphql(client, None, READ, id=org["id"]))["data"]["node"]
    assert node["version"] == 1 and node["history"]["totalCount"] == 1 and node["memberOf"]["edges"] == []


README_EDIT = re.search(r"-d '(\{.*?\})'\n", (Path(__file__).resolve().parents[2] / "README.md").read_text(
    encoding="utf-8"), flags=re.S)


async def test_the_readme_first_edit_works(client: httpx.AsyncClient, tokens: Tokens) -> None:  # noqa: F811
    assert README_EDIT is not None
    body = json.loads(README_EDIT.group(1))
    body["variables"]["input"]["name"] = "Test API Edit Readme"
    response = await client.post("/graphql", json=body, headers={"Authorization": f"Bearer {tokens.auvergne}"})
    payload = response.json()["data"]["createOrganization"]
    assert payload["userErrors"] == [] and payload["organization"]["version"] == 1


async def test_an_editor_limited_to_a_region_says_where_it_creates(client: httpx.AsyncClient,
                                                                   tokens: Tokens) -> None:  # noqa: F811
    nowhere = {key: value for key, value in NEW.items() if key != "commune"}
    body = await graphql(client, tokens.auvergne, CREATE, input=nowhere)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anywhere = await graphql(client, tokens.editor, CREATE, input=nowhere)
    assert anywhere["data"]["createOrganization"]["userErrors"] == []
