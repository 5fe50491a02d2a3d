"""`search`: French-aware full-text over the seeded graph (founding documents and the territories of the COG)."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.ids import decode, encode
from graphdir.api.schema import schema
from graphdir.config import Settings

SEARCH = """
query($text: String!, $kinds: [SearchKind!], $first: Int, $organizationKinds: [OrganizationKind!],
      $families: [OrganizationFamily!]) {
  search(text: $text, kinds: $kinds, first: $first, organizationKinds: $organizationKinds, families: $families) {
    score
    node {
      __typename id
      ... on Organization { name acronym }
      ... on Person { name }
      ... on Territory { name }
      ... on Convention { title }
      ... on Event { title }
    }
  }
}
"""

CRES = encode("Organization", "cres-auvergne")
COUNCIL = encode("Organization", "conseil-regional-auvergne")
PAYS = encode("Organization", "pays-vichy-auvergne")
COURTADON = encode("Person", "gerard-courtadon")
CUSSET = encode("Territory", "commune:03095")
VICHY = encode("Territory", "commune:03310")


async def run(driver: AsyncDriver, settings: Settings, **variables: Any) -> tuple[Any, list[Any], int]:
    context = Context(driver, settings.neo4j_database)
    result = await schema.execute(SEARCH, variable_values=variables, context_value=context)
    data = result.data["search"] if result.data else None
    return data, list(result.errors or []), context.reader.round_trips


async def search(driver: AsyncDriver, settings: Settings, text: str, **variables: Any) -> list[dict[str, Any]]:
    data, errors, _ = await run(driver, settings, text=text, **variables)
    assert not errors, errors
    # Other tests may write test-… nodes meanwhile: they are not part of what is asserted here.
    hits: list[dict[str, Any]] = [h for h in data if not decode(h["node"]["id"], "id")[1].startswith("test-")]
    return hits


def ids(hits: list[dict[str, Any]]) -> list[str]:
    return [h["node"]["id"] for h in hits]


def label(hit: dict[str, Any]) -> str:
    node = hit["node"]
    return str(node.get("name") or node.get("title"))


async def test_accents_case_and_elision_do_not_matter(seeded: AsyncDriver, settings: Settings) -> None:
    hits = await search(seeded, settings, "economie sociale", first=50)
    assert CRES in ids(hits)
    assert any("Économie sociale" in label(h) for h in hits)
    elided = await search(seeded, settings, "l'economie", first=50)
    assert any("économie" in label(h) for h in elided)
    assert CRES in ids(elided)
    upper = await search(seeded, settings, "ÉCONOMIE", first=50)
    lower = await search(seeded, settings, "economie", first=50)
    assert upper == lower
    assert await search(seeded, settings, "L’ÉCONOMIE", first=50) == lower


async def test_the_exact_acronym_comes_first(seeded: AsyncDriver, settings: Settings) -> None:
    hits = await search(seeded, settings, "CRES Auvergne")
    assert hits[0]["node"] == {"__typename": "Organization", "id": CRES, "acronym": "CRES Auvergne",
                               "name": "Chambre régionale de l'Économie sociale d'Auvergne"}
    assert hits[0]["score"] >= 3
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    # The council of the same région matches "Auvergne" only: below the CRES if listed at all.
    if COUNCIL in ids(hits):
        assert ids(hits).index(COUNCIL) > 0


async def test_a_person_by_surname(seeded: AsyncDriver, settings: Settings) -> None:
    hits = await search(seeded, settings, "Courtadon")
    assert hits[0]["node"] == {"__typename": "Person", "id": COURTADON, "name": "Gérard Courtadon"}
    assert ids(await search(seeded, settings, "gerard courtadon"))[0] == COURTADON


async def test_vichy_is_the_pays_among_organizations(seeded: AsyncDriver, settings: Settings) -> None:
    hits = await search(seeded, settings, "Vichy", kinds=["ORGANIZATION"])
    assert ids(hits)[0] == PAYS
    assert {h["node"]["__typename"] for h in hits} == {"Organization"}
    # Among everything, the commune named exactly Vichy comes first.
    assert ids(await search(seeded, settings, "Vichy"))[0] == VICHY


async def test_cusset_is_the_commune(seeded: AsyncDriver, settings: Settings) -> None:
    territories = await search(seeded, settings, "Cusset", kinds=["TERRITORY"])
    assert territories[0]["node"] == {"__typename": "Territory", "id": CUSSET, "name": "Cusset"}
    assert ids(await search(seeded, settings, "cusset"))[0] == CUSSET
    # The seminar held there is found too, below the commune.
    everything = ids(await search(seeded, settings, "Cusset", first=20))
    assert encode("Event", "seminaire-cres-auvergne-cusset-2012") in everything


async def test_as_you_type_the_last_word_is_a_prefix(seeded: AsyncDriver, settings: Settings) -> None:
    assert ids(await search(seeded, settings, "cres auv"))[0] == CRES
    assert ids(await search(seeded, settings, "courta"))[0] == COURTADON
    assert ids(await search(seeded, settings, "Pays Vichy-Auv", kinds=["ORGANIZATION"]))[0] == PAYS


async def test_kinds_filter_the_hits(seeded: AsyncDriver, settings: Settings) -> None:
    people = await search(seeded, settings, "Pascale Semet", kinds=["PERSON"])
    assert ids(people) == [encode("Person", "pascale-semet")]
    events = await search(seeded, settings, "CRES Auvergne", kinds=["EVENT", "CONVENTION"], first=50)
    assert events and {h["node"]["__typename"] for h in events} <= {"Event", "Convention"}
    assert encode("Convention", "convention-pays-vichy-auvergne-cres-2012") in ids(events)
    # An empty list means every kind.
    assert ids(await search(seeded, settings, "Courtadon", kinds=[]))[0] == COURTADON


async def test_organization_kinds_and_families_filter_the_organizations(seeded: AsyncDriver,
                                                                       settings: Settings) -> None:
    async def search(driver: AsyncDriver, settings: Settings, text: str, **variables: Any) -> list[dict[str, Any]]:
        context = Context(driver, settings.neo4j_database)
        result = await schema.execute(SEARCH.replace("{ name acronym }", "{ name acronym kind family }"),
                                      variable_values={"text": text, **variables}, context_value=context)
        assert not result.errors and result.data, result.errors
        return [h for h in result.data["search"] if not decode(h["node"]["id"], "id")[1].startswith("test-")]

    everything = await search(seeded, settings, "Auvergne", first=100)
    federations = await search(seeded, settings, "Auvergne", first=100, organizationKinds=["FEDERATION"])
    organizations = [h for h in federations if h["node"]["__typename"] == "Organization"]
    assert organizations and {h["node"]["kind"] for h in organizations} == {"FEDERATION"}
    assert {h["node"]["id"] for h in organizations} == {h["node"]["id"] for h in everything
                                                       if h["node"].get("kind") == "FEDERATION"}
    # Other kinds of hits are not filtered by an organization's kind or family.
    assert COUNCIL not in ids(federations) and {"Territory", "Organization"} <= {
        h["node"]["__typename"] for h in federations}
    mixed = await search(seeded, settings, "Auvergne", kinds=["ORGANIZATION"], families=["MIXED"])
    assert ids(mixed)[0] == CRES and {h["node"]["family"] for h in mixed} == {"MIXED"}
    assert not await search(seeded, settings, "CRES Auvergne", kinds=["ORGANIZATION"],
                            organizationKinds=["REGIONAL_CHAMBER"], families=["COOPERATIVE"])


async def test_first_caps_the_hits(seeded: AsyncDriver, settings: Settings) -> None:
    data, errors, _ = await run(seeded, settings, text="saint", first=50)
    assert not errors and len(data) == 50
    data, errors, _ = await run(seeded, settings, text="saint", first=3)
    assert not errors and len(data) == 3
    data, errors, _ = await run(seeded, settings, text="saint", first=None)  # an explicit null is the default, 20
    assert not errors and len(data) == 20
    data, errors, _ = await run(seeded, settings, text="saint")
    assert not errors and len(data) == 20
    data, errors, round_trips = await run(seeded, settings, text="saint", first=0)
    assert not errors and data == [] and round_trips == 0


async def test_lucene_syntax_in_the_text_is_only_text(seeded: AsyncDriver, settings: Settings) -> None:
    for text in ['CRES (Auvergne)', '"CRES', "CRES AND OR NOT", "cres~2", "cres^10 auvergne", "c:r/e\\s*?", "[a TO z]",
                 "+cres -auvergne", "{cres}!"]:
        data, errors, _ = await run(seeded, settings, text=text)
        assert not errors, (text, errors)
    assert ids(await search(seeded, settings, "CRES (Auvergne)"))[0] == CRES


async def test_nothing_found_is_an_empty_list(seeded: AsyncDriver, settings: Settings) -> None:
    assert await search(seeded, settings, "xqzwvy") == []


@pytest.mark.parametrize(("variables", "argument"), [
    ({"text": ""}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "' - !"}, "text"),
    ({"text": "cres", "first": 101}, "first"),
    ({"text": "", "first": 0}, "text"),
    ({"text": "cres", "first": -1}, "first"),
])
async def test_bad_arguments(seeded: AsyncDriver, settings: Settings, variables: dict[str, Any],
                             argument: str) -> None:
    data, errors, round_trips = await run(seeded, settings, **variables)
    assert data is None
    assert len(errors) == 1, errors
    assert errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": argument}
    assert round_trips == 0


async def test_hits_load_in_one_batch_per_type_sent_together(seeded: AsyncDriver, settings: Settings) -> None:
    # "auvergne" matches territories, organizations, events and a convention.
    data, errors, round_trips = await run(seeded, settings, text="auvergne", first=50)
    assert not errors
    assert len(data) >= 20
    types = {h["node"]["__typename"] for h in data}
    assert types >= {"Territory", "Organization", "Event", "Convention"}
    # The search, then one batch per type, the batches sent as one statement.
    assert round_trips == 2
    # Many hits of one type: still one query for them.
    data, errors, round_trips = await run(seeded, settings, text="saint", first=50, kinds=["TERRITORY"])
    assert not errors and len(data) == 50
    assert round_trips == 2


SEARCH_WITH_COMMUNES = """
query($text: String!) {
  search(text: $text, first: 20) {
    node {
      __typename id
      ... on Organization { name commune { name } }
      ... on Territory { name }
      ...Places
    }
  }
}
fragment Places on Event { title }
"""

SEARCH_WITH_A_NAMED_FRAGMENT = """
query($text: String!) {
  search(text: $text, first: 20) { node { __typename id ...Where } }
}
fragment Where on Organization { name commune { name } }
"""


async def test_the_organizations_communes_come_with_the_hits_nodes(
    hundred_organizations: str, seeded: AsyncDriver, settings: Settings
) -> None:
    for query in (SEARCH_WITH_COMMUNES, SEARCH_WITH_A_NAMED_FRAGMENT):
        context = Context(seeded, settings.neo4j_database)
        result = await schema.execute(query, variable_values={"text": "test api rt"}, context_value=context)
        assert not result.errors, result.errors
        assert result.data is not None
        nodes = [h["node"] for h in result.data["search"]]
        # The fixture's organizations are all in Cusset.
        assert len(nodes) == 20 and {n["__typename"] for n in nodes} == {"Organization"}
        assert {n["commune"]["name"] for n in nodes} == {"Cusset"}
        # The search, then the nodes with their communes: one statement, not a third round trip for the communes.
        assert context.reader.round_trips == 2, context.reader.round_trips
