"""Bad arguments are BAD_USER_INPUT errors naming the argument; unexpected failures are masked and logged."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import strawberry
from neo4j import AsyncDriver

from graphdir.api.extensions import GraphdirSchema, schema_extensions
from graphdir.config import Settings
from graphdir.domain.common.errors import InvalidArgument
from tests.api.helpers import gid, run

CRES = gid("Organization", "cres-auvergne")


@pytest.mark.parametrize(("query", "variables", "argument"), [
    ("{ organizations(first: 101) { totalCount } }", {}, "first"),
    ("{ organizations(first: -1) { totalCount } }", {}, "first"),
    ("{ organizations(last: 1000) { totalCount } }", {}, "last"),
    ("{ organizations(first: 2, last: 2) { totalCount } }", {}, "last"),
    ('{ organizations(after: "not-a-cursor") { totalCount } }', {}, "after"),
    ('{ organizations(after: "WyJvcmc6TkFNRSIsImEiXQ") { totalCount } }', {}, "after"),  # key of the wrong length
    ('{ organizations(before: "@@@") { totalCount } }', {}, "before"),
    ('{ territories(after: "eyJ4IjoxfQ") { totalCount } }', {}, "after"),
    ("query($id: ID!) { organization(id: $id) { members(first: 500) { totalCount } } }", {"id": CRES}, "first"),
    ('query($id: ID!) { organization(id: $id) { partners(after: "nope") { totalCount } } }', {"id": CRES}, "after"),
    ('{ territory(code: "83", level: REGION) { children(first: -5) { totalCount } } }', {}, "first"),
    ('{ organization(id: "%%%") { id } }', {}, "id"),
    ('{ organization(id: "bm90LWEtZ2xvYmFsLWlk") { id } }', {}, "id"),  # base64 without "Type:"
    ('{ organization(id: "VGVycml0b3J5OmNvbW11bmU6MDMwOTU=") { id } }', {}, "id"),  # a Territory's id
    ('{ node(id: "!!") { id } }', {}, "id"),
    ('{ convention(id: "T3JnYW5pemF0aW9uOmNwY2E=") { id } }', {}, "id"),
    ('{ organization(id: "T3JnYW5pemF0aW9uOmNwY2E=", slug: "cpca") { id } }', {}, "slug"),
    ('{ organization(siren: "1", slug: "cpca") { id } }', {}, "slug"),
    ("{ organization { id } }", {}, "id"),
    ('{ organizations(filter: {memberOf: "xyz"}) { totalCount } }', {}, "filter.memberOf"),
    ('{ conventions(filter: {partyId: "xyz"}) { totalCount } }', {}, "filter.partyId"),
    ('{ organizations(filter: {territoryCode: "01"}) { totalCount } }', {}, "filter.territoryLevel"),
    ('{ territory(code: "01") { name } }', {}, "level"),
    ('{ territories(parentCode: "01") { totalCount } }', {}, "parentLevel"),
    ('{ conventions(filter: {territoryCode: "01"}) { totalCount } }', {}, "filter.territoryLevel"),
    ('{ partnersIn(territoryCode: "01") { totalCount } }', {}, "level"),
    ('{ partnersIn(territoryCode: "00") { totalCount } }', {}, "territoryCode"),
    ('{ partnersNear(near: {communeCode: "03095"}, radiusKm: 10, filter: {territoryCode: "01"}) { totalCount } }', {},
     "filter.territoryLevel"),
    ('{ suggestedPartners(organizationId: "T3JnYW5pemF0aW9uOm5vYm9keQ==") { score } }', {}, "organizationId"),
    ('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {"ids": [CRES] * 101}, "ids"),
    ('{ search(text: "cres", first: 101) { score } }', {}, "first"),
    ('query($id: ID!) { network(centerId: $id, depth: 9) { truncated } }', {"id": CRES}, "depth"),
    # Dates: in a literal (validation) and in a variable (coercion).
    ('{ territory(code: "03095") { parents(on: "2012-13-01") { code } } }', {}, "on"),
    ('{ territory(code: "03095") { parents(on: "20120120") { code } } }', {}, "on"),
    ('{ territory(code: "03095") { parents(on: "2012-02-30") { code } } }', {}, "on"),
    ('{ organizations(filter: {on: "yesterday"}) { totalCount } }', {}, "filter.on"),
    ("query($on: Date) { territory(code: \"03095\") { parents(on: $on) { code } } }", {"on": "2012-1-20"}, "on"),
    ("query($f: ConventionFilter) { conventions(filter: $f) { totalCount } }", {"f": {"signedFrom": "x"}},
     "filter"),
    ('{ organizations(filter: {kinds: [NOT_A_KIND]}) { totalCount } }', {}, "filter.kinds"),
    ("{ organizations(first: 1.5) { totalCount } }", {}, "first"),
    ("{ territory { name } }", {}, "code"),
    ('{ territory(code: "01", nope: 1) { name } }', {}, "nope"),
])
async def test_bad_arguments_name_the_argument(seeded: AsyncDriver, settings: Settings, query: str,
                                               variables: dict[str, Any], argument: str) -> None:
    error = (await run(seeded, settings, query, **variables)).error()
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["argument"] == argument, error
    assert error["message"]


async def test_an_invalid_argument_reads_argument_colon_message(seeded: AsyncDriver, settings: Settings) -> None:
    error = (await run(seeded, settings, '{ territory(code: "01") { name } }')).error()
    assert error["message"] == "level: code '01' exists at several levels (DEPARTMENT, REGION): give the level"
    error = (await run(seeded, settings, "{ organizations(first: 101) { totalCount } }")).error()
    assert error["message"] == "first: must be at most 100 (got 101)"


@strawberry.type
class _Raising:
    @strawberry.field
    def invalid(self) -> int | None:
        raise InvalidArgument("filter.territoryLevel", "give the level")

    @strawberry.field
    def broken(self) -> int | None:
        raise RuntimeError("secret detail")


async def test_invalid_argument_is_mapped_wherever_it_is_raised_and_other_exceptions_are_masked() -> None:
    # Any resolver, with no try/except of its own: the schema's error formatting does the mapping.
    result = await GraphdirSchema(query=_Raising, extensions=schema_extensions()).execute("{ invalid broken }")
    errors = {error.path[0]: error.formatted for error in result.errors or [] if error.path}
    assert errors["invalid"]["message"] == "filter.territoryLevel: give the level"
    assert errors["invalid"]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter.territoryLevel"}
    assert errors["broken"]["message"] == "Unexpected error."
    assert errors["broken"]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}


def nested(depth: int) -> str:
    """A query `depth` fields deep: organization { commune { parents { parents { … name } } } }."""
    body = "name"
    for _ in range(depth - 3):
        body = f"parents {{ {body} }}"
    return f'{{ organization(slug: "cres-auvergne") {{ commune {{ {body} }} }} }}'


async def test_depth_alias_and_token_limits(seeded: AsyncDriver, settings: Settings) -> None:
    # Strawberry counts the root field as depth 0: eleven nested fields are depth 10, the limit.
    assert (await run(seeded, settings, nested(11))).ok
    for query, limit in [
        (nested(12), "maxDepth"),
        ("{ " + " ".join(f"a{i}: databaseServer {{ version }}" for i in range(31)) + " }", "maxAliases"),
        ("{ " + " ".join("__typename" for _ in range(5001)) + " }", "maxTokens"),
    ]:
        result = await run(seeded, settings, query)
        assert result.data is None and result.round_trips == 0
        extensions = result.errors[0].formatted["extensions"]
        assert extensions == {"code": "BAD_USER_INPUT", "argument": "query", "limit": limit}


async def test_other_request_errors_have_codes(seeded: AsyncDriver, settings: Settings) -> None:
    syntax = (await run(seeded, settings, "{ organizations( }")).error()
    assert syntax["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    unknown = (await run(seeded, settings, "{ noSuchField }")).error()
    assert unknown["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


async def test_unexpected_failures_are_masked_and_logged(seeded: AsyncDriver, settings: Settings,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    from graphdir.domain.organizations.service import OrganizationService

    async def broken(self: Any, slug: str) -> None:
        raise RuntimeError("secret detail of a driver failure")

    monkeypatch.setattr(OrganizationService, "by_slug", broken)
    with caplog.at_level(logging.ERROR, logger="graphdir.api"):
        result = await run(seeded, settings, '{ organization(slug: "cpca") { id } a: organization(id: "x") { id } }')
    messages = {error.formatted["message"]: error.formatted for error in result.errors}
    assert "Unexpected error." in messages
    assert messages["Unexpected error."]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert not any("secret" in message for message in messages)
    assert any(error["extensions"]["code"] == "BAD_USER_INPUT" for error in messages.values())
    (record,) = [r for r in caplog.records if r.name == "graphdir.api"]
    assert "secret detail" in record.getMessage() and record.exc_info is not None
