"""Issue 14: no lost update (item 2), bad inputs answer userErrors and write nothing (item 4), idempotency keys, the
changes feed, retiring and ending."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import FEDERATION, SEED_SOURCE, Tokens, graph_state, graphql, tokens  # noqa: F401
from tests.api.helpers import gid
from tests.api.test_editing_session import ADD, CREATE, NEW, UPDATE

MEMBERSHIP = """
mutation($input: MembershipInput!) {
  updateMembership(input: $input) { membership { version role until } userErrors { field message code } }
}"""
END = """
mutation($input: MembershipInput!) {
  endMembership(input: $input) { membership { version until } userErrors { field message code } }
}"""
RETIRE = """
mutation($input: RetireOrganizationInput!) {
  retireOrganization(input: $input) { organization { version ceasedOn } userErrors { field message code } }
}"""
UPDATE_ALL = """
mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) {
    organization { version name description } replayed userErrors { field message code }
  }
}"""
FEED = """
query($since: DateTime, $after: String) {
  changes(since: $since, first: 100, after: $after) {
    edges { cursor node { sequence operation actor fields { field before after } organizations { id } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def RECENT() -> str:  # noqa: N802
    """A second ago: a feed read from there skips the long history a loaded database starts with."""
    return (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()


@dataclass(frozen=True)
class FeedPosition:
    since: str
    after: str | None


async def feed_end(client: httpx.AsyncClient, since: str) -> FeedPosition:
    """Where the feed from `since` ends now: read with since and after, it gives what comes next."""
    cursor = None
    while True:
        page = (await graphql(client, None, FEED, since=since, after=cursor))["data"]["changes"]
        cursor = page["pageInfo"]["endCursor"] or cursor
        if not page["pageInfo"]["hasNextPage"]:
            return FeedPosition(since, cursor)


async def create(client: httpx.AsyncClient, token: str, **fields: Any) -> dict[str, Any]:
    body = await graphql(client, token, CREATE, input={**NEW, **fields})
    payload = body["data"]["createOrganization"]
    assert payload["userErrors"] == [], payload
    org: dict[str, Any] = payload["organization"]
    return org


def errors_of(body: dict[str, Any], field: str) -> list[tuple[str, str]]:
    assert "errors" not in body, body
    return [(e["field"], e["code"]) for e in body["data"][field]["userErrors"]]


async def test_two_editors_from_the_same_version_one_gets_conflict(client: httpx.AsyncClient,
                                                                   tokens: Tokens) -> None:  # noqa: F811
    org = await create(client, tokens.editor)
    first, second = await asyncio.gather(
        graphql(client, tokens.editor, UPDATE_ALL, input={"id": org["id"], "version": 1, "name": "Test API Edit One",
                                                          "source": {"id": SEED_SOURCE}}),
        graphql(client, tokens.auvergne, UPDATE_ALL, input={"id": org["id"], "version": 1,
                                                            "description": "Second editor's description",
                                                            "source": {"id": SEED_SOURCE}}))
    payloads = [first["data"]["updateOrganization"], second["data"]["updateOrganization"]]
    won = [p for p in payloads if not p["userErrors"]]
    lost = [p for p in payloads if p["userErrors"]]
    assert len(won) == 1 and len(lost) == 1
    assert won[0]["organization"]["version"] == 2
    [error] = lost[0]["userErrors"]
    assert (error["field"], error["code"]) == ("input.version", "CONFLICT")
    assert "version 2" in error["message"]
    assert lost[0]["organization"]["version"] == 2  # the current state, to redo the edit on
    # The loser redoes its edit on version 2: both edits are kept.
    redo = first if lost[0] is payloads[0] else second
    retried_input = {"id": org["id"], "version": 2, "source": {"id": SEED_SOURCE}}
    retried_input |= ({"name": "Test API Edit One"} if redo is first else
                      {"description": "Second editor's description"})
    again = (await graphql(client, tokens.editor, UPDATE_ALL, input=retried_input))["data"]["updateOrganization"]
    assert again["userErrors"] == []
    assert again["organization"] == {"version": 3, "name": "Test API Edit One",
                                     "description": "Second editor's description"}


BAD_ORGANIZATION_INPUTS = [
    ({"commune": "99999"}, "input.commune", "UNKNOWN_REFERENCE"),
    ({"commune": "3095"}, "input.commune", "INVALID_FORMAT"),
    ({"foundedOn": "2012-02-30"}, "input.foundedOn", "INVALID_DATE"),
    ({"foundedOn": "2015", "ceasedOn": "2012"}, "input.ceasedOn", "DATE_ORDER"),
    ({"siren": "12345"}, "input.siren", "INVALID_FORMAT"),
    ({"website": "example.org"}, "input.website", "INVALID_FORMAT"),
    ({"source": None}, "input.source", "REQUIRED"),
    ({"source": {"id": gid("Source", "src-test-api-none")}}, "input.source.id", "UNKNOWN_REFERENCE"),
    ({"source": {"id": "not-an-id"}}, "input.source.id", "INVALID_VALUE"),
    ({"source": {"url": "ftp://x", "title": "t"}}, "input.source.url", "INVALID_FORMAT"),
    ({"source": {"id": SEED_SOURCE, "declaredBy": FEDERATION}}, "input.source.declaredBy", "INVALID_VALUE"),
    ({"source": {"declaredBy": gid("Organization", "test-api-ed-none")}}, "input.source.declaredBy",
     "UNKNOWN_REFERENCE"),
]


@pytest.mark.parametrize(("fields", "path", "code"), BAD_ORGANIZATION_INPUTS)
async def test_a_bad_create_answers_user_errors_and_writes_nothing(
        client: httpx.AsyncClient, tokens: Tokens, seeded: AsyncDriver, settings: Settings,  # noqa: F811
        fields: dict[str, Any], path: str, code: str) -> None:
    before = await graph_state(seeded, settings)
    body = await graphql(client, tokens.editor, CREATE, input={**NEW, **fields})
    assert errors_of(body, "createOrganization") == [(path, code)]
    assert body["data"]["createOrganization"]["organization"] is None
    assert await graph_state(seeded, settings) == before


async def test_bad_updates_and_memberships_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, tokens: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    org = await create(client, tokens.editor, siren="123456789")
    source = {"id": SEED_SOURCE}
    added = await graphql(client, tokens.editor, ADD, input={"member": org["id"], "body": FEDERATION,
                                                             "source": source})
    assert errors_of(added, "addMembership") == []
    before = await graph_state(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (UPDATE, {"id": org["id"], "version": 7, "commune": "03310", "source": source}, "updateOrganization",
         [("input.version", "CONFLICT")]),
        (UPDATE, {"id": org["id"], "version": 1, "commune": "99999", "source": source}, "updateOrganization",
         [("input.commune", "UNKNOWN_REFERENCE")]),
        (UPDATE, {"id": org["id"], "version": 1, "commune": "03310"}, "updateOrganization",
         [("input.source", "REQUIRED")]),
        (UPDATE, {"id": gid("Organization", "test-api-ed-none"), "version": 1, "commune": "03310",
                  "source": source}, "updateOrganization", [("input.id", "UNKNOWN_REFERENCE")]),
        (CREATE, {**NEW, "name": "Test API Edit Other", "siren": "123456789"}, "createOrganization",
         [("input.siren", "NOT_UNIQUE")]),
        (CREATE, NEW, "createOrganization", [("input.name", "NOT_UNIQUE")]),  # its slug is taken
        (RETIRE, {"id": org["id"], "version": 1, "source": source}, "retireOrganization",
         [("input.ceasedOn", "REQUIRED")]),
        (RETIRE, {"id": org["id"], "version": 1, "ceasedOn": "2024-13", "source": source}, "retireOrganization",
         [("input.ceasedOn", "INVALID_DATE")]),
        (ADD, {"member": org["id"], "body": FEDERATION, "source": source}, "addMembership",
         [("input.body", "ALREADY_EXISTS")]),
        (ADD, {"member": org["id"], "body": gid("Organization", "test-api-ed-none"), "source": source},
         "addMembership", [("input.body", "UNKNOWN_REFERENCE")]),
        (ADD, {"member": org["id"], "body": org["id"], "source": source}, "addMembership",
         [("input.body", "INVALID_VALUE")]),
        (MEMBERSHIP, {"member": org["id"], "body": FEDERATION, "version": 1, "since": "2020", "until": "2019",
                      "source": source}, "updateMembership", [("input.until", "DATE_ORDER")]),
        (MEMBERSHIP, {"member": org["id"], "body": FEDERATION, "version": 2, "role": "x", "source": source},
         "updateMembership", [("input.version", "CONFLICT")]),
        (MEMBERSHIP, {"member": org["id"], "body": FEDERATION, "version": 1, "role": "x"}, "updateMembership",
         [("input.source", "REQUIRED")]),
        (END, {"member": org["id"], "body": FEDERATION, "version": 1, "source": source}, "endMembership",
         [("input.until", "REQUIRED")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, tokens.editor, query, input=payload_input)
        assert errors_of(body, field) == expected, (payload_input, body)
        assert await graph_state(seeded, settings) == before, payload_input


async def test_retire_and_end_keep_the_objects_with_their_dates(client: httpx.AsyncClient,
                                                                tokens: Tokens) -> None:  # noqa: F811
    org = await create(client, tokens.editor, foundedOn="2001")
    source = {"id": SEED_SOURCE}
    await graphql(client, tokens.editor, ADD, input={"member": org["id"], "body": FEDERATION, "since": "2010",
                                                     "source": source})
    updated = await graphql(client, tokens.editor, MEMBERSHIP, input={
        "member": org["id"], "body": FEDERATION, "version": 1, "role": "adhérent", "source": source})
    assert updated["data"]["updateMembership"]["membership"] == {"version": 2, "role": "adhérent", "until": None}
    ended = await graphql(client, tokens.editor, END, input={
        "member": org["id"], "body": FEDERATION, "version": 2, "until": "2023-06", "source": source})
    assert ended["data"]["endMembership"] == {"membership": {"version": 3, "until": "2023-06"}, "userErrors": []}
    retired = await graphql(client, tokens.editor, RETIRE, input={"id": org["id"], "version": 1, "ceasedOn": "2023",
                                                                  "source": source})
    assert retired["data"]["retireOrganization"] == {"organization": {"version": 2, "ceasedOn": "2023"},
                                                     "userErrors": []}


async def test_an_idempotency_key_changes_nothing_twice(client: httpx.AsyncClient, tokens: Tokens,  # noqa: F811
                                                        seeded: AsyncDriver, settings: Settings) -> None:
    org = await create(client, tokens.editor)
    edit = {"id": org["id"], "version": 1, "name": "Test API Edit Keyed", "source": {"id": SEED_SOURCE},
            "idempotencyKey": "rename-1"}
    first = (await graphql(client, tokens.editor, UPDATE_ALL, input=edit))["data"]["updateOrganization"]
    assert first["userErrors"] == [] and not first["replayed"]
    state = await graph_state(seeded, settings)
    again = (await graphql(client, tokens.editor, UPDATE_ALL, input=edit))["data"]["updateOrganization"]
    assert again == {**first, "replayed": True}
    assert await graph_state(seeded, settings) == state
    reused = await graphql(client, tokens.editor, UPDATE_ALL, input={**edit, "version": 2, "name": "Other"})
    assert errors_of(reused, "updateOrganization") == [("input.idempotencyKey", "IDEMPOTENCY_KEY_REUSED")]
    # Keys are per token: another token's same key is another edit (here a stale one).
    other = await graphql(client, tokens.auvergne, UPDATE_ALL, input=edit)
    assert errors_of(other, "updateOrganization") == [("input.version", "CONFLICT")]
    # Two retries in flight at once: one edit.
    created = await asyncio.gather(*(graphql(client, tokens.editor, CREATE, input={
        **NEW, "name": "Test API Edit Twice", "idempotencyKey": "create-twice"}) for _ in range(3)))
    ids = {body["data"]["createOrganization"]["organization"]["id"] for body in created}
    assert len(ids) == 1


async def test_the_changes_feed_follows_commits(client: httpx.AsyncClient, tokens: Tokens) -> None:  # noqa: F811
    cursor = await feed_end(client, RECENT())
    org = await create(client, tokens.editor)
    await graphql(client, tokens.editor, UPDATE, input={"id": org["id"], "version": 1, "commune": "03310",
                                                        "source": {"id": SEED_SOURCE}})
    feed = (await graphql(client, None, FEED, since=cursor.since, after=cursor.after))["data"]["changes"]
    nodes = [edge["node"] for edge in feed["edges"]]
    assert [n["operation"] for n in nodes] == ["createOrganization", "updateOrganization"]
    assert nodes[0]["sequence"] < nodes[1]["sequence"]
    assert nodes[1]["fields"] == [{"field": "commune", "before": "03095", "after": "03310"}]
    assert all(n["organizations"] == [{"id": org["id"]}] for n in nodes)
    late = (await graphql(client, None, FEED, since="2999-01-01T00:00:00"))["data"]["changes"]
    assert late["edges"] == []


async def test_two_creates_of_one_organization_at_once_make_one(client: httpx.AsyncClient,
                                                                tokens: Tokens) -> None:  # noqa: F811
    bodies = await asyncio.gather(*(graphql(client, tokens.editor, CREATE, input={**NEW, "name": "Test API Edit Race"})
                                    for _ in range(2)))
    payloads = [body["data"]["createOrganization"] for body in bodies]
    made = [p for p in payloads if not p["userErrors"]]
    refused = [p["userErrors"][0]["code"] for p in payloads if p["userErrors"]]
    assert len(made) == 1 and refused in (["CONFLICT"], ["NOT_UNIQUE"])
