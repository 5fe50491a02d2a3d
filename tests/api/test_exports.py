"""Exports read back as a network mapper's tools read them: GEXF and GraphML by networkx, CSV by the csv module;
the same nodes, edges and attributes as the GraphQL answer; ETag and 304."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

import httpx
import networkx as nx
import pytest
from neo4j import AsyncDriver

from tests.api.helpers import gid

CRES = gid("Organization", "cres-auvergne")
NETWORK = """query($id: ID!) { network(centerId: $id, depth: 2) {
  nodes { id type label depth } edges { id type source target since until excerpt inferred } } }"""
JSON = {"accept": "application/json"}


@pytest.fixture
async def answer(seeded: AsyncDriver, client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": NETWORK, "variables": {"id": CRES}}, headers=JSON)
    network: dict[str, Any] = response.json()["data"]["network"]
    assert len(network["nodes"]) > 5 and len(network["edges"]) > 5
    return network


def edge_triples(edges: list[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    return Counter((edge["source"], edge["target"], edge["type"]) for edge in edges)


def read_back(graph: Any) -> tuple[dict[str, dict[str, Any]], Counter[tuple[str, str, str]]]:
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    edges = Counter((source, target, data["relation"]) for source, target, data in graph.edges(data=True))
    return nodes, edges


def assert_same_graph(nodes: dict[str, dict[str, Any]], edges: Counter[tuple[str, str, str]],
                      network: dict[str, Any]) -> None:
    assert set(nodes) == {node["id"] for node in network["nodes"]}
    for node in network["nodes"]:
        read = nodes[node["id"]]
        assert (read["label"], read["type"], int(read["depth"])) == (node["label"], node["type"], node["depth"])
    assert edges == edge_triples(network["edges"])


def assert_same_edge_attributes(graph: Any, network: dict[str, Any]) -> None:
    """Each edge's dates, excerpt and inferred flag, by edge id (a multigraph's key, else the `id` attribute)."""
    if graph.is_multigraph():
        by_id = {key: data for _, _, key, data in graph.edges(keys=True, data=True)}
    else:
        by_id = {data["id"]: data for _, _, data in graph.edges(data=True)}
    for edge in network["edges"]:
        read = by_id[edge["id"]]
        assert (read.get("since"), read.get("until"), read.get("excerpt")) == (edge["since"], edge["until"],
                                                                               edge["excerpt"])
        assert read["inferred"] in (edge["inferred"], str(edge["inferred"]).lower())


async def test_gexf_holds_the_network_answer(client: httpx.AsyncClient, answer: dict[str, Any]) -> None:
    response = await client.get("/export/network.gexf", params={"centerId": CRES, "depth": 2})
    assert response.status_code == 200 and response.headers["content-type"] == "application/gexf+xml"
    graph = nx.read_gexf(io.BytesIO(response.content), version="1.3", node_type=str)
    nodes, edges = read_back(graph)
    assert_same_graph(nodes, edges, answer)
    center = nodes[CRES]
    assert (center["kind"], center["family"]) == ("REGIONAL_CHAMBER", "MIXED")
    assert_same_edge_attributes(graph, answer)


async def test_graphml_holds_the_network_answer(client: httpx.AsyncClient, answer: dict[str, Any]) -> None:
    response = await client.get("/export/network.graphml", params={"centerId": CRES, "depth": 2})
    assert response.status_code == 200
    graph = nx.read_graphml(io.BytesIO(response.content))
    nodes, edges = read_back(graph)
    assert_same_graph(nodes, edges, answer)
    assert nodes[CRES]["kind"] == "REGIONAL_CHAMBER"
    assert_same_edge_attributes(graph, answer)


TERRITORY_NETWORK = """{ territoryNetwork(code: "83", level: REGION) { truncated organizationCount
  nodes { id type label depth } edges { id type source target since until excerpt inferred } } }"""


async def test_the_network_inside_a_territory_reads_back_as_its_answer(seeded: AsyncDriver,
                                                                       client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": TERRITORY_NETWORK}, headers=JSON)
    network: dict[str, Any] = response.json()["data"]["territoryNetwork"]
    assert network["organizationCount"] >= 5 and len(network["edges"]) > 5
    params = {"code": "83", "level": "REGION"}
    gexf = await client.get("/export/territory-network.gexf", params=params)
    assert gexf.status_code == 200 and gexf.headers["content-type"] == "application/gexf+xml"
    graph = nx.read_gexf(io.BytesIO(gexf.content), version="1.3", node_type=str)
    assert_same_graph(*read_back(graph), network)
    assert_same_edge_attributes(graph, network)
    assert graph.nodes[CRES]["kind"] == "REGIONAL_CHAMBER"
    graphml = nx.read_graphml(io.BytesIO((await client.get("/export/territory-network.graphml",
                                                           params=params)).content))
    assert_same_graph(*read_back(graphml), network)
    table = await client.get("/export/territory-network.edges.csv", params=params)
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert Counter((r["Source"], r["Target"], r["relation"]) for r in rows) == edge_triples(network["edges"])
    # The field's limits and errors, by the same argument names; an unknown territory is not found.
    cut = (await client.get("/export/territory-network.gexf", params={**params, "limit": 3})).content
    assert nx.read_gexf(io.BytesIO(cut), version="1.3").number_of_nodes() == 3
    assert "(tronqué)</description>" in cut.decode()
    for bad, argument in (({**params, "limit": 1001}, "limit"), ({"code": "01"}, "level"), ({}, "code"),
                          ({**params, "level": "PLANET"}, "level")):
        refused = await client.get("/export/territory-network.gexf", params=bad)
        assert refused.status_code == 400, bad
        assert refused.json()["errors"][0]["extensions"]["argument"] == argument
    unknown = await client.get("/export/territory-network.gexf", params={"code": "99999", "level": "COMMUNE"})
    assert unknown.status_code == 404


async def test_csv_tables_read_back_with_their_columns_and_accents(client: httpx.AsyncClient,
                                                                  answer: dict[str, Any]) -> None:
    nodes = await client.get("/export/network.nodes.csv", params={"centerId": CRES, "depth": 2})
    assert nodes.content.startswith("\ufeff".encode()) and nodes.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(nodes.content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["Id", "Label", "type", "kind", "family", "level", "depth", "latitude", "longitude"]
    labels = {row["Id"]: row["Label"] for row in rows}
    assert labels == {node["id"]: node["label"] for node in answer["nodes"]}
    assert labels[CRES] == "Chambre régionale de l'Économie sociale d'Auvergne"

    edges = await client.get("/export/network.edges.csv",
                             params={"centerId": CRES, "depth": 2, "delimiter": "semicolon"})
    table = list(csv.DictReader(io.StringIO(edges.content.decode("utf-8-sig")), delimiter=";"))
    assert list(table[0])[:5] == ["Source", "Target", "Type", "Id", "Label"]
    assert Counter((r["Source"], r["Target"], r["relation"]) for r in table) == edge_triples(answer["edges"])

    listed = await client.get("/export/organizations.csv", params={"kinds": "FEDERATION", "delimiter": ";"})
    organizations = list(csv.DictReader(io.StringIO(listed.content.decode("utf-8-sig")), delimiter=";"))
    assert "Fédérations coopératives d'Auvergne" in {row["name"] for row in organizations}
    assert {row["kind"] for row in organizations} == {"FEDERATION"}


async def test_partners_near_as_csv_pages_like_the_field(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    query = """{ partnersNear(near: {communeCode: "03095"}, radiusKm: 200, first: 100) { totalCount } }"""
    total = (await client.post("/graphql", json={"query": query}, headers=JSON)).json()["data"]["partnersNear"]
    response = await client.get("/export/partners-near.csv", params={"communeCode": "03095", "radiusKm": 200})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == min(total["totalCount"], 20)
    assert response.content.decode("utf-8-sig").startswith("id,slug,name,acronym,kind,family")
    for params, argument in (({"communeCode": "03095", "radiusKm": 500}, "radiusKm"),
                             ({"communeCode": "03095", "radiusKm": 5, "first": 101}, "first"),
                             ({"radiusKm": 5}, "near")):
        refused = await client.get("/export/partners-near.csv", params=params)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["argument"] == argument


async def test_an_organization_as_json_ld(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    response = await client.get("/export/organizations/cres-auvergne.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"] == "https://schema.org" and document["@type"] == "Organization"
    assert document["@id"].endswith("/export/organizations/cres-auvergne.jsonld")
    assert document["alternateName"] == "CRES Auvergne"
    assert "Fédérations coopératives d'Auvergne" in {member["name"] for member in document["member"]}
    assert (await client.get("/export/organizations/nobody.jsonld")).status_code == 404


async def test_export_arguments_have_the_fields_limits(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    for params, argument in (({"centerId": CRES, "depth": 4}, "depth"), ({"centerId": CRES, "limit": 1001}, "limit"),
                             ({"centerId": "nope"}, "centerId"), ({}, "centerId"),
                             ({"centerId": CRES, "relationTypes": "LIKES"}, "relationTypes"),
                             ({"centerId": CRES, "on": "hier"}, "on"),
                             ({"centerId": CRES, "delimiter": "tab"}, "delimiter")):
        response = await client.get("/export/network.nodes.csv", params=params)
        assert response.status_code == 400, params
        assert response.json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
    assert (await client.get("/export/network.pdf", params={"centerId": CRES})).status_code == 400


async def test_get_answers_carry_an_etag_and_revalidate(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    for url, params in (("/export/network.gexf", {"centerId": CRES}),
                        ("/graphql", {"query": "{ organization(slug: \"cres-auvergne\") { name } }"})):
        first = await client.get(url, params=params, headers=JSON)
        assert first.status_code == 200 and first.headers["cache-control"] == "public, max-age=60"
        etag = first.headers["etag"]
        again = await client.get(url, params=params, headers={**JSON, "if-none-match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        changed = await client.get(url, params=params, headers={**JSON, "if-none-match": '"other"'})
        assert changed.status_code == 200 and changed.content == first.content
    assert "accept" in first.headers["vary"].lower()
    posted = await client.post("/graphql", json={"query": "{ __typename }"}, headers=JSON)
    assert "etag" not in posted.headers
    refused = await client.get("/export/network.gexf", params={"centerId": CRES, "depth": 9})
    assert refused.status_code == 400 and "etag" not in refused.headers
