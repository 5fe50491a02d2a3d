"""Issue 14: a later load of the same seed files keeps what was edited through the API, and says so: the relations
besides memberships, roles (a renamed one too), conventions (their parties, commune and event), figures (their
territory) and covered territories, each with the edit's source."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.loader import LoadReport, load_paths
from tests.api.editing import SEED_SOURCE, Tokens, graphql, tokens  # noqa: F401
from tests.api.editing_objects import editor, mutation  # noqa: F401
from tests.api.helpers import gid

RELATION_TYPES = ("FOUNDED", "RECOGNISES", "SUPPORTS", "FUNDS", "INTERLOCUTOR_OF", "PARTNER_OF")
CITED = "cited: [{source: src-cres-auvergne-2012}]"
SEED = f"""
events:
  - {{id: test-api-ed-keep-event, title: Test API Ed Keep Event, kind: SEMINAR, {CITED}}}
organizations:
  - id: test-api-ed-keep-a
    name: Test API Ed Keep A
    kind: NETWORK
    commune: "03095"
    covers: [{{territory: "departement:03", since: "2015"}}]
    {CITED}
  - {{id: test-api-ed-keep-b, name: Test API Ed Keep B, kind: ENTERPRISE, {CITED}}}
  - {{id: test-api-ed-keep-c, name: Test API Ed Keep C, kind: ENTERPRISE, {CITED}}}
people:
  - id: person-test-api-ed-keep
    name: Test API Ed Keep Person
    {CITED}
roles:
  - person: person-test-api-ed-keep
    organization: test-api-ed-keep-a
    title: Président
    since: "2012"
    source: src-cres-auvergne-2012
  - person: person-test-api-ed-keep
    organization: test-api-ed-keep-b
    title: Trésorier
    source: src-cres-auvergne-2012
conventions:
  - id: convention-test-api-ed-keep
    title: Test API Ed Keep Convention
    kind: PARTNERSHIP
    commune: "03095"
    event: test-api-ed-keep-event
    objectives: [Promouvoir]
    parties: [{{organization: test-api-ed-keep-a, role: signataire}}, {{organization: test-api-ed-keep-b}}]
    {CITED}
figures:
  - id: figure-test-api-ed-keep
    publisher: test-api-ed-keep-a
    territory: "departement:03"
    measure: test_api_ed_jobs
    value: 10
    unit: jobs
    year: "2020"
    source: src-cres-auvergne-2012
relations:
""" + "".join(f"""  - type: {kind}
    from: test-api-ed-keep-a
    to: test-api-ed-keep-b
    since: "2012"
    source: src-cres-auvergne-2012
""" for kind in RELATION_TYPES)
A, B, C = (gid("Organization", f"test-api-ed-keep-{x}") for x in "abc")
PERSON = gid("Person", "person-test-api-ed-keep")
CONVENTION = gid("Convention", "convention-test-api-ed-keep")
FIGURE = gid("Figure", "figure-test-api-ed-keep")
# A source the files do not cite: the edit's, which a load must not take from what the edit asserted.
NEW_SOURCE = {"document": "test-api-ed-keep.pdf", "title": "Test API Ed Keep", "excerpt": "selon le compte rendu"}
PAYLOAD = "userErrors { field message code }"


def line(text: str) -> int:
    """The line of the seed file where the record that holds `text` begins."""
    lines = SEED.splitlines()
    at = next(index for index, found in enumerate(lines) if text in found)
    return 1 + next(index for index in range(at, -1, -1) if lines[index].lstrip().startswith("- "))


async def load(seeded: AsyncDriver, settings: Settings, path: Path) -> LoadReport:
    return await load_paths(seeded, settings.neo4j_database, [path])


def seed(tmp_path: Path) -> Path:
    path = tmp_path / "keep.yaml"
    path.write_text(SEED, encoding="utf-8")
    return path


async def edit(client: httpx.AsyncClient, token: str, name: str, input_type: str, **fields: Any) -> None:
    body = await graphql(client, token, mutation(name, input_type, PAYLOAD), input=fields)
    assert "errors" not in body and body["data"][name]["userErrors"] == [], body


async def load_again(seeded: AsyncDriver, settings: Settings, path: Path) -> list[tuple[int, str]]:
    """Load the same file again: it changes nothing; each kept value as (line, what), a new source's random id as
    `src-api-…`."""
    again = await load(seeded, settings, path)
    assert not again.changed, again.counts
    out = []
    for message in again.kept:
        at, what = message.removeprefix(f"{path}:").split(": edited through the API, kept: ")
        out.append((int(at), re.sub("src-api-[0-9a-f]+", "src-api-…", what)))
    return sorted(out)


async def test_a_load_keeps_api_edits_of_the_other_relations(client: httpx.AsyncClient, editor: Tokens,  # noqa: F811
                                                             seeded: AsyncDriver, settings: Settings,
                                                             tmp_path: Path) -> None:
    path = seed(tmp_path)
    await load(seeded, settings, path)
    for kind in RELATION_TYPES:
        await edit(client, editor.editor, "updateRelation", "RelationInput", type=kind, **{"from": A}, to=B,
                   version=1, since="2014", note="corrigé", source=NEW_SOURCE)

    kept = await load_again(seeded, settings, path)
    assert len(kept) == 3 * len(RELATION_TYPES)
    assert [k for k in kept if "FUNDS" in k[1]] == sorted([
        (line("type: FUNDS"), "relation FUNDS 'test-api-ed-keep-a' -> 'test-api-ed-keep-b' since stays "
        "'2014' (the file says '2012')"),
        (line("type: FUNDS"), "relation FUNDS 'test-api-ed-keep-a' -> 'test-api-ed-keep-b' note stays "
        "'corrigé' (the file says None)"),
        (line("type: FUNDS"), "relation FUNDS 'test-api-ed-keep-a' -> 'test-api-ed-keep-b' source stays "
        "'src-api-…' (the file says 'src-cres-auvergne-2012')")])
    read = "query($id: ID!) { node(id: $id) { ... on Organization { partners { edges { kind since version source { " \
           "title excerpt } } } } } }"
    edges = (await graphql(client, None, read, id=A))["data"]["node"]["partners"]["edges"]
    assert sorted(e["kind"] for e in edges) == sorted(RELATION_TYPES)
    assert {(e["since"], e["version"], e["source"]["title"], e["source"]["excerpt"]) for e in edges} == {
        ("2014", 2, "Test API Ed Keep", "selon le compte rendu")}


async def test_a_load_keeps_api_edits_of_roles_a_renamed_one_too(client: httpx.AsyncClient,  # noqa: F811
                                                                 editor: Tokens, seeded: AsyncDriver,  # noqa: F811
                                                                 settings: Settings, tmp_path: Path) -> None:
    path = seed(tmp_path)
    await load(seeded, settings, path)
    role = {"person": PERSON, "version": 1, "source": {"id": SEED_SOURCE}}
    await edit(client, editor.editor, "updateRole", "RoleInput", **role, organization=A, title="Président",
               portfolio="finances")
    await edit(client, editor.editor, "updateRole", "RoleInput", **role, organization=B, title="Trésorier",
               newTitle="Trésorière")

    assert await load_again(seeded, settings, path) == [
        (line("title: Président"), "role 'Président' of 'person-test-api-ed-keep' at 'test-api-ed-keep-a' "
        "portfolio stays 'finances' (the file says None)"),
        (line("title: Trésorier"), "role 'Trésorier' of 'person-test-api-ed-keep' at 'test-api-ed-keep-b' "
        "title stays 'Trésorière' (the file says 'Trésorier')")]
    read = "query($id: ID!) { node(id: $id) { ... on Person { roles { title portfolio version organization { id } " \
           "} history { edges { node { operation fields { field before after } } } } } } }"
    node = (await graphql(client, None, read, id=PERSON))["data"]["node"]
    assert sorted((r["title"], r["portfolio"], r["version"]) for r in node["roles"]) == [
        ("Président", "finances", 2), ("Trésorière", None, 2)]
    renamed = node["history"]["edges"][0]["node"]
    assert renamed == {"operation": "updateRole",
                       "fields": [{"field": "title", "before": "Trésorier", "after": "Trésorière"}]}


async def test_a_load_keeps_api_edits_of_a_convention_its_parties_and_commune(
        client: httpx.AsyncClient, editor: Tokens, seeded: AsyncDriver, settings: Settings,  # noqa: F811
        tmp_path: Path) -> None:
    path = seed(tmp_path)
    await load(seeded, settings, path)
    await edit(client, editor.editor, "updateConvention", "UpdateConventionInput", id=CONVENTION, version=1,
               commune="03310", objectives=["Promouvoir", "Former"], source=NEW_SOURCE)
    await edit(client, editor.editor, "addConventionParty", "ConventionPartyInput", convention=CONVENTION, version=2,
               organization=C, role="partenaire", source={"id": SEED_SOURCE})
    await edit(client, editor.editor, "removeConventionParty", "ConventionPartyInput", convention=CONVENTION,
               version=3, organization=B, source={"id": SEED_SOURCE, "excerpt": "B se retire"})

    assert await load_again(seeded, settings, path) == [
        (line("id: convention-test-api-ed-keep"), "convention 'convention-test-api-ed-keep' commune stays '03310' "
        "(the file says '03095')"),
        (line("id: convention-test-api-ed-keep"), "convention 'convention-test-api-ed-keep' objectives stays "
        "['Promouvoir', 'Former'] (the file says ['Promouvoir'])"),
        (line("id: convention-test-api-ed-keep"), "convention 'convention-test-api-ed-keep' parties stays "
        "[{'organization': 'test-api-ed-keep-a', 'role': 'signataire'}, {'organization': 'test-api-ed-keep-c', "
        "'role': 'partenaire', 'source': 'src-cres-auvergne-2012'}] (the file says [{'organization': "
        "'test-api-ed-keep-a', 'role': 'signataire'}, {'organization': 'test-api-ed-keep-b'}])")]
    read = "query($id: ID!) { node(id: $id) { ... on Convention { version objectives commune { code } event { id } " \
           "parties { role organization { id } } sources { title excerpt } } } }"
    node = (await graphql(client, None, read, id=CONVENTION))["data"]["node"]
    assert node["version"] == 4 and node["objectives"] == ["Promouvoir", "Former"]
    assert node["commune"] == {"code": "03310"} and node["event"] == {"id": gid("Event", "test-api-ed-keep-event")}
    assert sorted((p["organization"]["id"], p["role"]) for p in node["parties"]) == sorted(
        [(A, "signataire"), (C, "partenaire")])
    # The edit's source stays cited next to the file's.
    # The edit's source stays cited next to the file's, and the file's source keeps the excerpt an edit gave it.
    assert sorted((s["title"] == "Test API Ed Keep", s["excerpt"]) for s in node["sources"]) == [
        (False, "B se retire"), (True, "selon le compte rendu")]


async def test_a_load_keeps_api_edits_of_a_figure_and_its_territory(client: httpx.AsyncClient,  # noqa: F811
                                                                    editor: Tokens, seeded: AsyncDriver,  # noqa: F811
                                                                    settings: Settings, tmp_path: Path) -> None:
    path = seed(tmp_path)
    await load(seeded, settings, path)
    await edit(client, editor.editor, "correctFigure", "FigureInput", id=FIGURE, version=1, value=12,
               territory="region:84", source=NEW_SOURCE)

    assert await load_again(seeded, settings, path) == [
        (line("id: figure-test-api-ed-keep"), "figure 'figure-test-api-ed-keep' source stays "
        "'src-api-…' (the file says 'src-cres-auvergne-2012')"),
        (line("id: figure-test-api-ed-keep"), "figure 'figure-test-api-ed-keep' territory stays 'region:84' "
        "(the file says 'departement:03')"),
        (line("id: figure-test-api-ed-keep"), "figure 'figure-test-api-ed-keep' value stays 12 (the file says 10)")]
    read = "query($id: ID!) { node(id: $id) { ... on Figure { value version territory { code } source { title " \
           "excerpt } } } }"
    assert (await graphql(client, None, read, id=FIGURE))["data"]["node"] == {
        "value": 12, "version": 2, "territory": {"code": "84"},
        "source": {"title": "Test API Ed Keep", "excerpt": "selon le compte rendu"}}


async def test_a_load_keeps_api_edits_of_covered_territories(client: httpx.AsyncClient, editor: Tokens,  # noqa: F811
                                                             seeded: AsyncDriver, settings: Settings,
                                                             tmp_path: Path) -> None:
    path = seed(tmp_path)
    await load(seeded, settings, path)
    cover = {"organization": A, "source": NEW_SOURCE}
    await edit(client, editor.editor, "updateCoveredTerritory", "CoverInput", **cover, territory="departement:03",
               version=1, since="2016")
    await edit(client, editor.editor, "addCoveredTerritory", "CoverInput", **cover, territory="region:84",
               since="2020")

    assert await load_again(seeded, settings, path) == [
        (line("id: test-api-ed-keep-a"), "organization 'test-api-ed-keep-a' covers 'departement:03' stays "
        "{'since': '2016'} (the file says {'since': '2015'})"),
        (line("id: test-api-ed-keep-a"), "organization 'test-api-ed-keep-a' covers 'region:84' stays "
        "{'since': '2020'} (the file says None)")]
    read = "query($id: ID!) { node(id: $id) { ... on Organization { coverage { territory { code } since } } } }"
    coverage = (await graphql(client, None, read, id=A))["data"]["node"]["coverage"]
    assert sorted((c["territory"]["code"], c["since"]) for c in coverage) == [("03", "2016"), ("84", "2020")]
