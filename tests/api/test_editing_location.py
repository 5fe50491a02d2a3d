"""Issue 14: an editor sets an organization's exact point (with the edit's source), checked as a load checks one
(ranges, inside France), in its history, kept by a later load; null gives it back its commune's centre."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.loader import load_paths
from tests.api.editing import SEED_SOURCE, Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import mutation, snapshot, user_errors
from tests.api.helpers import gid

UPDATE = mutation("updateOrganization", "UpdateOrganizationInput",
                  "organization { version location { latitude longitude approximate } } userErrors { field code }")
READ = """query($id: ID!) { node(id: $id) { ... on Organization { version location { latitude longitude approximate }
  history(first: 1) { edges { node { operation source { title } fields { field before after } } } } } } }"""
SEED = """
organizations:
  - id: test-api-ed-located
    name: Test API Ed Located
    kind: ENTERPRISE
    commune: "03095"
    cited: [{source: src-cres-auvergne-2012}]
"""
ORGANIZATION = gid("Organization", "test-api-ed-located")
POINT = {"latitude": 46.1342, "longitude": 3.4561, "method": "address geocoded"}
SOURCE = {"document": "test-api-ed-plan.pdf", "title": "Plan d'accès", "excerpt": "12 rue de la Paix"}


async def update(client: httpx.AsyncClient, token: str, **fields: Any) -> dict[str, Any]:
    return await graphql(client, token, UPDATE, input={"id": ORGANIZATION, "source": SOURCE, **fields})


async def test_an_editor_sets_the_exact_point_and_a_load_keeps_it(client: httpx.AsyncClient,
                                                                  tokens: Tokens,  # noqa: F811
                                                                  seeded: AsyncDriver, settings: Settings,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "located.yaml"
    path.write_text(SEED, encoding="utf-8")
    await load_paths(seeded, settings.neo4j_database, [path])
    at_commune = (await graphql(client, None, READ, id=ORGANIZATION))["data"]["node"]["location"]
    assert at_commune["approximate"] is True

    set_point = (await update(client, tokens.auvergne, version=1, location=POINT))["data"]["updateOrganization"]
    assert set_point == {"organization": {"version": 2, "location": {
        "latitude": 46.1342, "longitude": 3.4561, "approximate": False}}, "userErrors": []}
    node = (await graphql(client, None, READ, id=ORGANIZATION))["data"]["node"]
    [change] = [edge["node"] for edge in node["history"]["edges"]]
    assert change["operation"] == "updateOrganization" and change["source"] == {"title": "Plan d'accès"}
    assert change["fields"] == [{"field": "location", "before": None, "after": {
        "latitude": 46.1342, "longitude": 3.4561, "approximate": False, "method": "address geocoded"}}]

    # The file gives only the commune: the point the editor set stands.
    again = await load_paths(seeded, settings.neo4j_database, [path])
    assert not again.changed
    assert again.kept == [f"{path}:3: edited through the API, kept: organization 'test-api-ed-located' location stays "
                          "{'latitude': 46.1342, 'longitude': 3.4561, 'approximate': False, 'method': "
                          "'address geocoded'} (the file says None)"]
    assert (await graphql(client, None, READ, id=ORGANIZATION))["data"]["node"]["location"]["approximate"] is False

    cleared = (await update(client, tokens.auvergne, version=2, location=None))["data"]["updateOrganization"]
    assert cleared["userErrors"] == [] and cleared["organization"]["location"] == at_commune


async def test_a_bad_point_answers_user_errors_and_writes_nothing(client: httpx.AsyncClient,
                                                                  tokens: Tokens,  # noqa: F811
                                                                  seeded: AsyncDriver, settings: Settings,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "located.yaml"
    path.write_text(SEED, encoding="utf-8")
    await load_paths(seeded, settings.neo4j_database, [path])
    before = await snapshot(seeded, settings)
    cases = [
        ({"latitude": 91, "longitude": 3.4}, [("input.location.latitude", "OUT_OF_RANGE")]),
        ({"latitude": 46.1, "longitude": -181}, [("input.location.longitude", "OUT_OF_RANGE")]),
        ({"latitude": 3.4561, "longitude": 46.1342}, [("input.location", "OUT_OF_RANGE")]),  # swapped: Somalia
    ]
    for point, expected in cases:
        assert user_errors(await update(client, tokens.auvergne, version=1, location=point),
                           "updateOrganization") == expected, point
    outside = await update(client, tokens.paca, version=1, location=POINT)  # an editor of another région
    assert outside["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    unsourced = await graphql(client, tokens.auvergne, UPDATE, input={"id": ORGANIZATION, "version": 1,
                                                                      "location": POINT})
    assert user_errors(unsourced, "updateOrganization") == [("input.source", "REQUIRED")]
    assert await snapshot(seeded, settings) == before
