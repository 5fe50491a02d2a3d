"""Issue 14: the relations between organizations besides memberships (FOUNDED, SUPPORTS…) added, corrected and
ended through the API; bad inputs answer userErrors on their field and write nothing."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import SOURCE, editor, mutation, organization, snapshot, user_errors  # noqa: F401
from tests.api.helpers import gid

RELATION = """relation { type from { id } to { id } role since until version source { title excerpt } }
    replayed userErrors { field message code }"""
ADD, UPDATE, END = (mutation(name, "RelationInput", RELATION) for name in ("addRelation", "updateRelation",
                                                                           "endRelation"))
READ = """
query($id: ID!) {
  node(id: $id) { ... on Organization {
    partners { edges { kind direction since until role version node { id } } }
    history { edges { node { operation objectType fields { field before after } } } }
  } }
}"""


async def test_a_relation_is_added_corrected_and_ended(client: httpx.AsyncClient, editor: Tokens) -> None:  # noqa: F811
    supporter = await organization(client, editor.auvergne, "Supporter")
    supported = await organization(client, editor.auvergne, "Supported")
    ends = {"type": "SUPPORTS", "from": supporter, "to": supported, "source": SOURCE}
    added = (await graphql(client, editor.auvergne, ADD, input={**ends, "since": "2020"}))["data"]["addRelation"]
    assert added["userErrors"] == []
    assert added["relation"] == {"type": "SUPPORTS", "from": {"id": supporter}, "to": {"id": supported},
                                 "role": None, "since": "2020", "until": None, "version": 1,
                                 "source": {"title": added["relation"]["source"]["title"],
                                            "excerpt": "les mots de la source"}}
    updated = (await graphql(client, editor.auvergne, UPDATE, input={**ends, "version": 1, "role": "financeur"})
               )["data"]["updateRelation"]
    assert updated["userErrors"] == [] and updated["relation"]["version"] == 2
    ended = (await graphql(client, editor.auvergne, END, input={**ends, "version": 2, "until": "2024-06"})
             )["data"]["endRelation"]
    assert ended["userErrors"] == [] and ended["relation"]["until"] == "2024-06"

    node = (await graphql(client, None, READ, id=supported))["data"]["node"]
    assert node["partners"]["edges"] == [{"kind": "SUPPORTS", "direction": "INCOMING", "since": "2020",
                                          "until": "2024-06", "role": "financeur", "version": 3,
                                          "node": {"id": supporter}}]
    history = [edge["node"] for edge in node["history"]["edges"]]
    assert [h["operation"] for h in history] == ["endRelation", "updateRelation", "addRelation",
                                                 "createOrganization"]
    assert history[0]["objectType"] == "Relation"
    assert history[0]["fields"] == [{"field": "until", "before": None, "after": "2024-06"}]


async def test_bad_relation_edits_answer_user_errors_and_write_nothing(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    one = await organization(client, editor.editor, "One")
    other = await organization(client, editor.editor, "Other")
    ends = {"type": "FUNDS", "from": one, "to": other, "source": SOURCE}
    assert user_errors(await graphql(client, editor.editor, ADD, input=ends), "addRelation") == []
    before = await snapshot(seeded, settings)
    cases: list[tuple[str, dict[str, Any], str, list[tuple[str, str]]]] = [
        (ADD, {**ends, "to": gid("Organization", "test-api-ed-none")}, "addRelation",
         [("input.to", "UNKNOWN_REFERENCE")]),
        (ADD, {**ends, "from": gid("Organization", "test-api-ed-none")}, "addRelation",
         [("input.from", "UNKNOWN_REFERENCE")]),
        (ADD, {**ends, "to": "not-an-id"}, "addRelation", [("input.to", "INVALID_VALUE")]),
        (ADD, {**ends, "to": one}, "addRelation", [("input.to", "INVALID_VALUE")]),
        (ADD, ends, "addRelation", [("input.to", "ALREADY_EXISTS")]),
        (ADD, {**ends, "type": "PARTNER_OF", "since": "2020-13"}, "addRelation", [("input.since", "INVALID_DATE")]),
        (ADD, {**ends, "type": "PARTNER_OF", "source": None}, "addRelation", [("input.source", "REQUIRED")]),
        (UPDATE, {**ends, "version": 1, "since": "2021", "until": "2020"}, "updateRelation",
         [("input.until", "DATE_ORDER")]),
        (UPDATE, {**ends, "version": 5, "role": "x"}, "updateRelation", [("input.version", "CONFLICT")]),
        (UPDATE, {**ends, "type": "FOUNDED", "version": 1, "role": "x"}, "updateRelation",
         [("input.to", "UNKNOWN_REFERENCE")]),
        (END, {**ends, "version": 1}, "endRelation", [("input.until", "REQUIRED")]),
        (END, {**ends, "version": 1, "until": "2020-02-30"}, "endRelation", [("input.until", "INVALID_DATE")]),
    ]
    for query, payload_input, field, expected in cases:
        body = await graphql(client, editor.editor, query, input=payload_input)
        assert user_errors(body, field) == expected, (payload_input, body)
        assert await snapshot(seeded, settings) == before, payload_input


async def test_an_editor_of_another_region_may_not_link_it(client: httpx.AsyncClient,
                                                           editor: Tokens) -> None:  # noqa: F811
    one = await organization(client, editor.editor, "Far")
    other = await organization(client, editor.editor, "Near")
    body = await graphql(client, editor.paca, ADD, input={"type": "FUNDS", "from": one, "to": other,
                                                           "source": SOURCE})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
