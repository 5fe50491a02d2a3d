"""Issue 14, item 3: merging two organizations that share members and sources keeps everything in one; and an
admin's deletion, which leaves a tombstone and its history."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.identity import resolve
from graphdir.importers.identity_reads import IdentityReads
from graphdir.loader.reading import LineDict, Record
from tests.api.editing import FEDERATION, SEED_SOURCE, Tokens, graph_state, graphql, tokens  # noqa: F401
from tests.api.helpers import gid, graph_id
from tests.api.test_editing_rules import FEED, RECENT, create, errors_of, feed_end
from tests.api.test_editing_session import ADD, UPDATE

MERGE = """
mutation($input: MergeOrganizationsInput!) {
  mergeOrganizations(input: $input) {
    organization { id name version siren rna commune { code } } replayed userErrors { field message code }
  }
}"""
DELETE = """
mutation($input: DeleteOrganizationInput!) {
  deleteOrganization(input: $input) { deletedId replayed userErrors { field message code } }
}"""
READ = """
query($id: ID!, $siren: String!, $slug: String!) {
  byId: organization(id: $id) { id name }
  bySiren: organization(siren: $siren) { id }
  bySlug: organization(slug: $slug) { id }
  node(id: $id) { id ... on Organization { version
    history(first: 50) { edges { node { operation actor version organizations { id } fields { field before after } } } }
  } }
}"""
# Every relationship of the organizations, by type and direction, and every source they name (cited, on a relation,
# kept from a merged relation), read straight from the graph; not the INSIDE links, derived from the others and
# rewritten by the merge (tests/api/test_inside_links.py).
RELATIONS = """
MATCH (o:Organization) WHERE o.id IN $ids
MATCH (o)-[r]-(x) WHERE NOT type(r) IN ['CHANGED', 'MERGED_INTO'] AND NOT type(r) STARTS WITH 'INSIDE'
RETURN type(r) + CASE WHEN startNode(r) = o THEN '>' ELSE '<' END AS kind, x.id AS other,
       properties(r) AS props
"""


async def relations(driver: AsyncDriver, settings: Settings, *ids: str) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(RELATIONS, {"ids": list(ids)}, database_=settings.neo4j_database)
    return [dict(record) for record in records]


def sources_of(rels: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(source, excerpt) pairs the relations state."""
    out = set()
    for rel in rels:
        props = rel["props"]
        if rel["kind"] == "CITED_IN>":
            out.add((rel["other"], props.get("excerpt") or ""))
        if props.get("source"):
            out.add((props["source"], props.get("excerpt") or ""))
        out.update(zip(props.get("mergedSources") or [], props.get("mergedExcerpts") or [], strict=True))
    return out


def count_by_kind(rels: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rel in rels:
        counts[rel["kind"]] = counts.get(rel["kind"], 0) + 1
    return counts


async def test_a_merge_keeps_everything_of_both_in_one(client: httpx.AsyncClient, tokens: Tokens,  # noqa: F811
                                                       seeded: AsyncDriver, settings: Settings) -> None:
    token = tokens.editor
    survivor = await create(client, token, name="Test API Edit Merge Survivor")
    duplicate = await create(client, token, name="Test API Edit Merge Duplicate", commune="03310",
                             siren="987654321", rna="W031234567", foundedOn="1998")
    member = await create(client, token, name="Test API Edit Merge Member")
    s_id, d_id, m_id = (graph_id(o["id"]) for o in (survivor, duplicate, member))
    # Both in the same federation (different dates and sources), both with the same member, both citing the seed.
    for org, since, until, source in ((survivor, "2015", None, {"id": SEED_SOURCE, "excerpt": "membre depuis 2015"}),
                                      (duplicate, "2012", "2020", {"declaredBy": duplicate["id"],
                                                                   "excerpt": "adhérente de 2012 à 2020"})):
        body = await graphql(client, token, ADD, input={"member": org["id"], "body": FEDERATION, "since": since,
                                                        "until": until, "source": source})
        assert errors_of(body, "addMembership") == []
    for body_org, since in ((survivor, "2018"), (duplicate, "2016")):
        body = await graphql(client, token, ADD, input={"member": member["id"], "body": body_org["id"],
                                                        "since": since, "source": {"id": SEED_SOURCE}})
        assert errors_of(body, "addMembership") == []
    for org, excerpt in ((survivor, "la coopérative"), (duplicate, "l'association")):
        body = await graphql(client, token, UPDATE, input={"id": org["id"], "version": 1, "address": "1 rue X",
                                                           "source": {"id": SEED_SOURCE, "excerpt": excerpt}})
        assert errors_of(body, "updateOrganization") == []
    # What no mutation makes yet: a person's role, an establishment, a convention's party.
    await seeded.execute_query("""
        MATCH (d:Organization {id: $id}), (c:Commune {code: '03310'})
        CREATE (:Person {id: 'test-api-ed-person', name: 'Test Person'})-[:HOLDS_ROLE {title: 'présidente'}]->(d)
        CREATE (d)-[:HAS_SITE]->(:Establishment {id: 'test-api-ed-site', siret: '98765432100013'})-[:LOCATED_IN]->(c)
        CREATE (d)-[:PARTY_TO {role: 'signataire'}]->(:Convention {id: 'test-api-ed-convention', title: 'T'})
        """, {"id": d_id}, database_=settings.neo4j_database)
    before = await relations(seeded, settings, s_id, d_id)

    # A stale version of either, a missing source, an unknown or the same id: nothing changes.
    state = await graph_state(seeded, settings)
    good = {"survivor": survivor["id"], "survivorVersion": 2, "merged": duplicate["id"], "mergedVersion": 2,
            "source": {"id": SEED_SOURCE, "excerpt": "deux fiches pour une structure"}}
    bad: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"survivorVersion": 1}, [("input.survivorVersion", "CONFLICT")]),
        ({"mergedVersion": 3}, [("input.mergedVersion", "CONFLICT")]),
        ({"source": None}, [("input.source", "REQUIRED")]),
        ({"source": {"id": gid("Source", "src-test-api-none")}}, [("input.source.id", "UNKNOWN_REFERENCE")]),
        ({"merged": gid("Organization", "test-api-ed-none")}, [("input.merged", "UNKNOWN_REFERENCE")]),
        ({"survivor": gid("Organization", "test-api-ed-none")}, [("input.survivor", "UNKNOWN_REFERENCE")]),
        ({"merged": survivor["id"]}, [("input.merged", "INVALID_VALUE")]),
        ({"merged": "not-an-id"}, [("input.merged", "INVALID_VALUE")]),
    ]
    for change, expected in bad:
        body = await graphql(client, token, MERGE, input={**good, **change})
        assert errors_of(body, "mergeOrganizations") == expected, change
        assert await graph_state(seeded, settings) == state, change
    refused = await graphql(client, tokens.paca, MERGE, input=good)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    merged = (await graphql(client, token, MERGE, input=good))["data"]["mergeOrganizations"]
    assert merged["userErrors"] == []
    assert merged["organization"] == {"id": survivor["id"], "name": "Test API Edit Merge Survivor", "version": 3,
                                      "siren": "987654321", "rna": "W031234567", "commune": {"code": "03095"}}
    after = await relations(seeded, settings, s_id)
    assert not await relations(seeded, settings, d_id)  # no organization has that id any more

    # Nothing dropped: every relation moved; the duplicates (the federation, the member, the seed's citation)
    # became one each; the duplicate's commune gave way to the survivor's.
    expected = count_by_kind(before)
    for kind, lost in (("MEMBER_OF>", 1), ("MEMBER_OF<", 1), ("CITED_IN>", 1), ("LOCATED_IN>", 1)):
        expected[kind] -= lost
    assert count_by_kind(after) == expected
    assert {(r["kind"], r["other"]) for r in after} == {(r["kind"], r["other"] if r["other"] != d_id else s_id)
                                                        for r in before if r["other"] != "commune:03310"}
    assert sources_of(after) == sources_of(before)
    [federation] = [r["props"] for r in after if r["kind"] == "MEMBER_OF>"]
    assert federation["since"] == "2012" and "until" not in federation  # the union of 2015– and 2012–2020
    assert federation["mergedSources"] == [f"declared-by-{d_id}"]
    assert "since 2012, the earlier of 2015, 2012" in federation["mergeNote"]
    [from_member] = [r["props"] for r in after if r["kind"] == "MEMBER_OF<"]
    assert from_member["since"] == "2016"

    # The merged id, slug and SIREN find the survivor; the merge and the duplicate's own history are the survivor's.
    read = (await graphql(client, None, READ, id=duplicate["id"], siren="987654321",
                          slug="test-api-edit-merge-duplicate"))["data"]
    assert read["byId"]["id"] == read["bySiren"]["id"] == read["bySlug"]["id"] == read["node"]["id"] == survivor["id"]
    history = [edge["node"] for edge in read["node"]["history"]["edges"]]
    assert history[0]["operation"] == "mergeOrganizations" and history[0]["version"] == 3
    fields = {f["field"]: f for f in history[0]["fields"]}
    assert fields["merged"]["after"]["id"] == d_id and fields["siren"] == {
        "field": "siren", "before": None, "after": "987654321"}
    assert fields["relationships"]["after"]["dropped"] == [
        "-[LOCATED_IN]->Territory:commune:03310: the survivor keeps its own commune"]
    operations = [h["operation"] for h in history]
    assert operations.count("createOrganization") == 2  # its own and the duplicate's
    exported = await client.get("/export/organizations/test-api-edit-merge-duplicate.jsonld")
    assert exported.status_code == 200 and exported.json()["name"] == "Test API Edit Merge Survivor"

    # A re-import of the duplicate's SIREN or RNA id lands on the survivor.
    incoming = [Record("f.csv", 2, "organizations", 0, LineDict([("id", "siren-987654321"), ("name", "DUP"),
                                                                  ("kind", "ENTERPRISE"), ("siren", "987654321")])),
                Record("f.csv", 3, "organizations", 1, LineDict([("id", "rna-W031234567"), ("name", "DUP"),
                                                                  ("kind", "ENTERPRISE"), ("rna", "W031234567")]))]
    for record in incoming:
        resolved = await resolve(IdentityReads(seeded, settings.neo4j_database), [record], dataset="rna")
        assert [r.data["id"] for r in resolved.records] == [s_id]

    # Merged already: refused, naming the survivor.
    again = await graphql(client, token, MERGE, input={**good, "survivorVersion": 3})
    [error] = again["data"]["mergeOrganizations"]["userErrors"]
    assert (error["field"], error["code"]) == ("input.merged", "UNKNOWN_REFERENCE") and s_id in error["message"]


async def test_an_admin_deletes_and_the_deletion_is_in_the_history(
        client: httpx.AsyncClient, tokens: Tokens, seeded: AsyncDriver, settings: Settings) -> None:  # noqa: F811
    org = await create(client, tokens.editor, name="Test API Edit Deleted")
    added = await graphql(client, tokens.editor, ADD, input={"member": org["id"], "body": FEDERATION,
                                                             "source": {"id": SEED_SOURCE}})
    assert errors_of(added, "addMembership") == []
    delete = {"id": org["id"], "version": 1, "source": {"document": "créée par erreur", "excerpt": "doublon"}}
    state = await graph_state(seeded, settings)
    for token, code in ((None, "UNAUTHENTICATED"), (tokens.reader, "FORBIDDEN"), (tokens.editor, "FORBIDDEN")):
        body = await graphql(client, token, DELETE, input=delete)
        assert body["errors"][0]["extensions"]["code"] == code
    for change, expected in (({"version": 2}, [("input.version", "CONFLICT")]), ({"source": None},
                                                                                 [("input.source", "REQUIRED")]),
                             ({"id": gid("Organization", "test-api-ed-none")}, [("input.id", "UNKNOWN_REFERENCE")])):
        body = await graphql(client, tokens.admin, DELETE, input={**delete, **change})
        assert errors_of(body, "deleteOrganization") == expected
    assert await graph_state(seeded, settings) == state

    cursor = await feed_end(client, RECENT())
    deleted = (await graphql(client, tokens.admin, DELETE, input=delete))["data"]["deleteOrganization"]
    assert deleted == {"deletedId": org["id"], "replayed": False, "userErrors": []}
    gone = await graphql(client, None, "query($id: ID!) { node(id: $id) { id } organization(id: $id) { id } }",
                         id=org["id"])
    assert gone["data"] == {"node": None, "organization": None}
    records, _, _ = await seeded.execute_query(
        "MATCH (d:DeletedOrganization {id: $id}) RETURN properties(d) AS props, COUNT { (d)--() } AS links, "
        "COUNT { (d)<-[:CHANGED]-() } AS changes", {"id": graph_id(org["id"])}, database_=settings.neo4j_database)
    [tomb] = records
    assert tomb["props"]["name"] == "Test API Edit Deleted" and tomb["props"]["version"] == 2
    assert tomb["links"] == tomb["changes"] == 3  # create, add, delete: no other relation is left
    page = await graphql(client, None, FEED, since=cursor.since, after=cursor.after)
    nodes = [edge["node"] for edge in page["data"]["changes"]["edges"]]
    assert [n["operation"] for n in nodes] == ["deleteOrganization"]
    fields = {f["field"]: f for f in nodes[0]["fields"]}
    assert fields["name"] == {"field": "name", "before": "Test API Edit Deleted", "after": None}
    assert any("MEMBER_OF" in rel for rel in fields["relationships"]["before"])
    assert nodes[0]["organizations"] == [{"id": FEDERATION}]  # the federation's history shows it
    # Its id is not given again.
    again = await create(client, tokens.editor, name="Test API Edit Deleted")
    assert again["id"] != org["id"]
