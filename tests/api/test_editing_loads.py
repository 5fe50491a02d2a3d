"""Issue 14: loads and imports are in the history, and a load keeps what was edited through the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.loader import load_paths
from tests.api.editing import SEED_SOURCE, Tokens, graphql, tokens  # noqa: F401
from tests.api.helpers import gid
from tests.api.test_editing_session import UPDATE

SEED = """
organizations:
  - id: test-api-ed-seeded
    name: Test API Edit Seeded
    kind: ENTERPRISE
    family: COOPERATIVE
    website: {website}
    description: Une coopérative du fichier
    commune: "03095"
    cited: [{{source: src-cres-auvergne-2012, excerpt: "la coopérative"}}]
"""
READ = """
query($id: ID!) {
  organization(id: $id) { version website description commune { code }
    history(first: 10) { edges { node { operation actor version source { id } fields { field before after } } } } }
}"""
ORGANIZATION = gid("Organization", "test-api-ed-seeded")


def seed(tmp_path: Path, website: str) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_text(SEED.format(website=website), encoding="utf-8")
    return path


async def read(client: httpx.AsyncClient) -> dict[str, Any]:
    organization: dict[str, Any] = (await graphql(client, None, READ, id=ORGANIZATION))["data"]["organization"]
    organization["history"] = [edge["node"] for edge in organization["history"]["edges"]]
    return organization


async def test_a_load_keeps_api_edits_and_is_in_the_history(client: httpx.AsyncClient, tokens: Tokens,  # noqa: F811
                                                           seeded: AsyncDriver, settings: Settings,
                                                           tmp_path: Path) -> None:
    database = settings.neo4j_database
    created = await load_paths(seeded, database, [seed(tmp_path, "https://example.org/a")])
    assert created.total.created == 1
    first = await read(client)
    assert first["version"] == 1
    [load] = first["history"]
    assert load["operation"] == "load.create" and load["actor"].startswith("graphdir load ")
    assert load["source"] == {"id": SEED_SOURCE}
    assert load["fields"] == [{"field": "created", "before": None, "after": 1}]

    edited = await graphql(client, tokens.editor, UPDATE, input={
        "id": ORGANIZATION, "version": 1, "commune": "03310", "source": {"id": SEED_SOURCE, "excerpt": "à Vichy"}})
    assert edited["data"]["updateOrganization"]["userErrors"] == []

    # The same file again: the API's commune stands, the version stays, nothing is written.
    again = await load_paths(seeded, database, [seed(tmp_path, "https://example.org/a")])
    assert not again.changed
    assert again.kept == [f"{tmp_path / 'seed.yaml'}:3: edited through the API, kept: organization "
                          "'test-api-ed-seeded' commune stays '03310' (the file says '03095')"]
    kept = await read(client)
    assert (kept["version"], kept["commune"]) == (2, {"code": "03310"})
    assert len(kept["history"]) == 2

    # The file corrects another field: it is written, the edit still stands, the version grows, the load is recorded.
    corrected = await load_paths(seeded, database, [seed(tmp_path, "https://example.org/b")])
    assert corrected.total.updated == 1
    now = await read(client)
    assert (now["version"], now["website"], now["commune"]) == (3, "https://example.org/b", {"code": "03310"})
    assert [h["operation"] for h in now["history"]] == ["load.update", "updateOrganization", "load.create"]
    assert now["history"][0]["fields"] == [{"field": "website", "before": "https://example.org/a",
                                            "after": "https://example.org/b"}]
    assert now["history"][0]["version"] == 3
    # The editor can go on from the version the load left.
    edited = await graphql(client, tokens.editor, UPDATE, input={
        "id": ORGANIZATION, "version": 3, "description": "Corrigée", "source": {"id": SEED_SOURCE}})
    assert edited["data"]["updateOrganization"]["userErrors"] == []


OTHERS = """
organizations:
  - id: test-api-ed-member
    name: Test API Edit Member
    kind: ENTERPRISE
    cited: [{source: src-cres-auvergne-2012}]
  - id: test-api-ed-federation
    name: Test API Edit Federation
    kind: NETWORK
    cited: [{source: src-cres-auvergne-2012}]
people:
  - id: test-api-ed-seeded-person
    name: Test API Ed Seeded Person
    cited: [{source: src-cres-auvergne-2012}]
relations:
  - type: MEMBER_OF
    from: test-api-ed-member
    to: test-api-ed-federation
    role: adhérent
    since: "2012"
    source: src-cres-auvergne-2012
"""
UPDATE_MEMBERSHIP = """
mutation($input: MembershipInput!) {
  updateMembership(input: $input) { membership { version role since } userErrors { field message code } }
}"""
UPDATE_PERSON = """
mutation($input: PersonInput!) { updatePerson(input: $input) { person { version } userErrors { field code } } }"""
READ_OTHERS = """
query($member: ID!, $person: ID!) {
  member: organization(id: $member) { memberOf { edges { role since version node { id } } } }
  person: node(id: $person) { ... on Person { name version } }
}"""


async def read_others(client: httpx.AsyncClient) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    data = (await graphql(client, None, READ_OTHERS, member=gid("Organization", "test-api-ed-member"),
                          person=gid("Person", "test-api-ed-seeded-person")))["data"]
    return [edge for edge in data["member"]["memberOf"]["edges"]], data["person"]


async def test_a_load_keeps_api_edits_of_memberships_and_people(client: httpx.AsyncClient,  # noqa: F811
                                                                tokens: Tokens, seeded: AsyncDriver,  # noqa: F811
                                                                settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "others.yaml"
    path.write_text(OTHERS, encoding="utf-8")
    await load_paths(seeded, settings.neo4j_database, [path])
    membership = await graphql(client, tokens.editor, UPDATE_MEMBERSHIP, input={
        "member": gid("Organization", "test-api-ed-member"), "body": gid("Organization", "test-api-ed-federation"),
        "version": 1, "role": "administrateur", "since": "2014", "source": {"id": SEED_SOURCE}})
    assert membership["data"]["updateMembership"] == {
        "membership": {"version": 2, "role": "administrateur", "since": "2014"}, "userErrors": []}
    person = await graphql(client, tokens.editor, UPDATE_PERSON, input={
        "id": gid("Person", "test-api-ed-seeded-person"), "version": 1, "name": "Test API Ed Renamed Person",
        "source": {"id": SEED_SOURCE}})
    assert person["data"]["updatePerson"] == {"person": {"version": 2}, "userErrors": []}

    again = await load_paths(seeded, settings.neo4j_database, [path])
    assert not again.changed
    assert sorted(again.kept) == sorted([
        f"{path}:12: edited through the API, kept: person 'test-api-ed-seeded-person' name stays "
        "'Test API Ed Renamed Person' (the file says 'Test API Ed Seeded Person')",
        f"{path}:16: edited through the API, kept: relation MEMBER_OF 'test-api-ed-member' -> "
        "'test-api-ed-federation' role stays 'administrateur' (the file says 'adhérent')",
        f"{path}:16: edited through the API, kept: relation MEMBER_OF 'test-api-ed-member' -> "
        "'test-api-ed-federation' since stays '2014' (the file says '2012')"])
    [edge], person_now = await read_others(client)
    assert (edge["role"], edge["since"], edge["version"]) == ("administrateur", "2014", 2)
    assert person_now == {"name": "Test API Ed Renamed Person", "version": 2}
