"""Issue 14: conventions created with their parties and objectives, corrected, ended, parties added and removed,
through the API, each change in the convention's history; bad inputs answer userErrors and write nothing."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import FEDERATION, Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import SOURCE, editor, mutation, organization, snapshot, user_errors  # noqa: F401
from tests.api.helpers import gid

PAYLOAD = "convention { id version title validUntil } replayed userErrors { field message code }"
CREATE = mutation("createConvention", "CreateConventionInput", PAYLOAD)
UPDATE = mutation("updateConvention", "UpdateConventionInput", PAYLOAD)
END = mutation("endConvention", "EndConventionInput", PAYLOAD)
ADD_PARTY = mutation("addConventionParty", "ConventionPartyInput", PAYLOAD)
REMOVE_PARTY = mutation("removeConventionParty", "ConventionPartyInput", PAYLOAD)
READ = """
query($id: ID!) {
  node(id: $id) { ... on Convention {
    title kind signedOn signedAt place objectives validUntil version commune { code }
    parties { role organization { id } source { excerpt } }
    sources { excerpt }
    history { totalCount edges { node { operation objectType actor version fields { field before after } } } }
  } }
}"""
NEW = {"title": "Test API Ed Convention de partenariat", "kind": "PARTNERSHIP", "signedOn": "2024-03-01",
       "signedAt": "18:30", "commune": "03095", "place": "Centre social", "objectives": ["Promouvoir", "Former"],
       "source": SOURCE}


async def test_a_convention_and_its_parties_are_edited(client: httpx.AsyncClient,
                                                       editor: Tokens) -> None:  # noqa: F811
    chamber = await organization(client, editor.auvergne, "Chamber")
    other = await organization(client, editor.auvergne, "Partner")
    body = await graphql(client, editor.auvergne, CREATE, input={
        **NEW, "parties": [{"organization": chamber, "role": "signataire"}, {"organization": FEDERATION}]})
    created = body["data"]["createConvention"]
    assert created is not None and created["userErrors"] == [] and created["convention"]["version"] == 1, body
    convention = created["convention"]["id"]
    steps: list[tuple[str, dict[str, Any], str]] = [
        (UPDATE, {"id": convention, "version": 1, "title": "Test API Ed Convention cadre", "source": SOURCE},
         "updateConvention"),
        (ADD_PARTY, {"convention": convention, "version": 2, "organization": other, "role": "partenaire",
                     "source": {**SOURCE, "excerpt": "le partenaire signe"}}, "addConventionParty"),
        (REMOVE_PARTY, {"convention": convention, "version": 3, "organization": FEDERATION, "source": SOURCE},
         "removeConventionParty"),
        (END, {"id": convention, "version": 4, "validUntil": "2026-12-31", "source": SOURCE}, "endConvention"),
    ]
    for query, payload_input, field in steps:
        payload = (await graphql(client, editor.auvergne, query, input=payload_input))["data"][field]
        assert payload["userErrors"] == [], payload
        assert payload["convention"]["version"] == payload_input["version"] + 1

    node = (await graphql(client, None, READ, id=convention))["data"]["node"]
    assert {key: node[key] for key in ("title", "kind", "signedOn", "signedAt", "place", "objectives", "validUntil",
                                       "version", "commune")} == {
        "title": "Test API Ed Convention cadre", "kind": "PARTNERSHIP", "signedOn": "2024-03-01",
        "signedAt": "18:30", "place": "Centre social", "objectives": ["Promouvoir", "Former"],
        "validUntil": "2026-12-31", "version": 5, "commune": {"code": "03095"}}
    parties = sorted(node["parties"], key=lambda p: p["organization"]["id"] != chamber)
    assert [(p["organization"]["id"], p["role"]) for p in parties] == [(chamber, "signataire"), (other, "partenaire")]
    assert parties[1]["source"]["excerpt"] == "le partenaire signe"
    assert [s["excerpt"] for s in node["sources"]] == ["les mots de la source"]
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert [h["operation"] for h in history] == ["endConvention", "removeConventionParty", "addConventionParty",
                                                 "updateConvention", "createConvention"]
    assert {h["objectType"] for h in history} == {"Convention"} and {h["actor"] for h in history} == {
        "test-edit-auvergne"}
    assert history[0]["fields"] == [{"field": "validUntil", "before": None, "after": "2026-12-31"}]
    assert history[3]["fields"] == [{"field": "title", "before": "Test API Ed Convention de partenariat",
                                     "after": "Test API Ed Convention cadre"}]
    party_history = (await graphql(client, None, """query($id: ID!) { node(id: $id) { ... on Organization {
        history { edges { node { operation } } } } } }""", id=other))["data"]["node"]["history"]["edges"]
    # A party's history holds the changes of its conventions from the one that made it a party.
    assert [e["node"]["operation"] for e in party_history] == ["endConvention", "removeConventionParty",
                                                               "addConventionParty", "createOrganization"]


async def test_bad_convention_edits_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    party = await organization(client, editor.editor, "Party")
    created = (await graphql(client, editor.editor, CREATE, input={**NEW, "parties": [{"organization": party}]})
               )["data"]["createConvention"]
    convention = created["convention"]["id"]
    unknown = gid("Organization", "test-api-ed-none")
    before = await snapshot(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (CREATE, {**NEW, "parties": [{"organization": party}, {"organization": unknown}]}, "createConvention",
         [("input.parties[1].organization", "UNKNOWN_REFERENCE")]),
        (CREATE, {**NEW, "commune": "3095"}, "createConvention", [("input.commune", "INVALID_FORMAT")]),
        (CREATE, {**NEW, "commune": "99999"}, "createConvention", [("input.commune", "UNKNOWN_REFERENCE")]),
        (CREATE, {**NEW, "signedOn": "2024-02-30"}, "createConvention", [("input.signedOn", "INVALID_DATE")]),
        (CREATE, {**NEW, "signedAt": "25:00"}, "createConvention", [("input.signedAt", "INVALID_DATE")]),
        (CREATE, {**NEW, "validFrom": "2025", "validUntil": "2024"}, "createConvention",
         [("input.validUntil", "DATE_ORDER")]),
        (CREATE, {**NEW, "source": None}, "createConvention", [("input.source", "REQUIRED")]),
        (UPDATE, {"id": convention, "version": 9, "title": "x", "source": SOURCE}, "updateConvention",
         [("input.version", "CONFLICT")]),
        (UPDATE, {"id": convention, "version": 1, "title": None, "source": SOURCE}, "updateConvention",
         [("input.title", "REQUIRED")]),
        (UPDATE, {"id": gid("Convention", "convention-test-api-ed-none"), "version": 1, "title": "x",
                  "source": SOURCE}, "updateConvention", [("input.id", "UNKNOWN_REFERENCE")]),
        (UPDATE, {"id": convention, "version": 1, "place": "x"}, "updateConvention", [("input.source", "REQUIRED")]),
        (END, {"id": convention, "version": 1, "source": SOURCE}, "endConvention", [("input.validUntil", "REQUIRED")]),
        (ADD_PARTY, {"convention": convention, "version": 1, "organization": party, "source": SOURCE},
         "addConventionParty", [("input.organization", "ALREADY_EXISTS")]),
        (ADD_PARTY, {"convention": convention, "version": 1, "organization": unknown, "source": SOURCE},
         "addConventionParty", [("input.organization", "UNKNOWN_REFERENCE")]),
        (REMOVE_PARTY, {"convention": convention, "version": 1, "organization": FEDERATION, "source": SOURCE},
         "removeConventionParty", [("input.organization", "UNKNOWN_REFERENCE")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, editor.editor, query, input=payload_input)
        assert user_errors(body, field) == expected, (payload_input, body)
        assert await snapshot(seeded, settings) == before, payload_input


async def test_a_convention_is_edited_inside_the_editors_territories(client: httpx.AsyncClient,
                                                                     editor: Tokens) -> None:  # noqa: F811
    party = await organization(client, editor.editor, "Scoped")
    refused = await graphql(client, editor.paca, CREATE, input={**NEW, "commune": None,
                                                                 "parties": [{"organization": party}]})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    created = (await graphql(client, editor.auvergne, CREATE, input={**NEW, "parties": [{"organization": party}]})
               )["data"]["createConvention"]
    update = {"id": created["convention"]["id"], "version": 1, "place": "ailleurs", "source": SOURCE}
    assert (await graphql(client, editor.paca, UPDATE, input=update))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await graphql(client, editor.auvergne, UPDATE, input=update))["data"]["updateConvention"][
        "userErrors"] == []
