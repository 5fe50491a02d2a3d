"""Read-back of the founding documents: after loading seeds/, the graph holds every fact, as schema/MODEL.md says.

Plain Cypher against the suite's Neo4j (the `seeded` fixture loads seeds/ once per session). One test per group of
facts; the last ones check that every fact of the two documents carries its source and a verbatim excerpt.
The expected values are written out here, from the documents, not read back from the YAML, except where a test checks
that the graph holds exactly what the YAML says.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.seeds import founding as f

if importlib.util.find_spec("graphdir.loader") is None:  # pragma: no cover - until the loader lands
    pytest.skip("graphdir.loader does not exist yet: the seeds cannot be loaded", allow_module_level=True)

CONVENTION_2012 = "convention-pays-vichy-auvergne-cres-2012"
SEMINAR = "seminaire-cres-auvergne-cusset-2012"
ROUND_TABLE = "table-ronde-cres-auvergne-cusset-2012"
THEATRE_FORUM = "theatre-forum-pays-vichy-auvergne-2011"
GENERAL_ASSEMBLY = "assemblee-generale-cres-auvergne-2008-06-09"
AGREMENT_PACA = "convention-agrement-cress-paca"

SEMET_TITLE = (
    "Vice-Présidente du Conseil régional d'Auvergne en charge de la politique de la ville, du Logement et de "
    "l'économie Sociale et Solidaire"
)
GUERRE_TITLE = "Vice-Président du Conseil régional d'Auvergne en charge de l'attractivité des Territoires"

# Relationships that carry `source` and `excerpt` (schema/MODEL.md).
SOURCED_RELATIONSHIPS = [
    "HOLDS_ROLE", "SPOKE_AT", "MEMBER_OF", "FOUNDED", "RECOGNISES", "SUPPORTS", "FUNDS", "INTERLOCUTOR_OF",
    "PARTNER_OF", "PARTY_TO", "ORGANISED",
]  # fmt: skip
# Of these, the edges a convention or an event owns (seeds/FORMAT.md gives them no source of their own).
OWNED_BY_NODE = ["SPOKE_AT", "PARTY_TO", "ORGANISED"]


async def q(driver: AsyncDriver, settings: Settings, cypher: str, **params: Any) -> list[dict[str, Any]]:
    return await f.query(driver, settings.neo4j_database, cypher, **params)


def starts(value: Any, expected: str) -> bool:
    """A stored date-time compared with the partial form the document gives (stored as text or as a temporal)."""
    return value is not None and str(value).startswith(expected)


# --- The 2012 convention -----------------------------------------------------------------------------------------


async def test_seeded_convention_2012_parties_place_date_objectives(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (c:Convention {id: $id})
        OPTIONAL MATCH (c)-[:SIGNED_IN]->(m:Commune)
        OPTIONAL MATCH (c)-[:SIGNED_DURING]->(e:Event)
        RETURN c.title AS title, c.kind AS kind, c.status AS status, c.signedOn AS signedOn,
               c.signedOnInferred AS inferred, c.signedOnNote AS note, toString(c.signedOnFrom) AS signedOnFrom,
               toString(c.signedOnTo) AS signedOnTo, toString(c.signedAt) AS signedAt, c.place AS place,
               c.objectives AS objectives, collect(DISTINCT [m.id, m.code, m.name]) AS communes,
               collect(DISTINCT e.id) AS events
        """,
        id=CONVENTION_2012,
    )
    assert len(rows) == 1
    c = rows[0]
    assert c["kind"] == "PARTNERSHIP" and c["status"] == "SIGNED"
    assert c["signedOn"] == "2012-01-20"
    assert c["signedOnFrom"] == c["signedOnTo"] == "2012-01-20"
    # The year is inferred, and the graph says from what.
    assert c["inferred"] is True
    assert "2011" in c["note"] and "Friday" in c["note"]
    assert starts(c["signedAt"], "18:30")
    assert c["place"] == "Centre social de la Passerelle, Rue Pierre Boubet"
    assert c["communes"] == [["commune:03095", "03095", "Cusset"]]
    assert c["events"] == [SEMINAR]
    assert c["objectives"] == [
        "Promouvoir et développer l'économie sociale et solidaire sur le Pays Vichy-Auvergne",
        "Structurer et développer l'économie sociale et solidaire sur le Pays Vichy-Auvergne",
        "Développer l'initiative, l'activité et l'emploi économie sociale et solidaire sur le Pays Vichy-Auvergne",
    ]

    parties = await q(
        seeded,
        settings,
        "MATCH (o:Organization)-[p:PARTY_TO]->(:Convention {id: $id})"
        " RETURN o.id AS org, o.kind AS kind, p.role AS role",
        id=CONVENTION_2012,
    )
    assert {(p["org"], p["kind"], p["role"]) for p in parties} == {
        ("pays-vichy-auvergne", "PAYS", "signatory"),
        ("cres-auvergne", "REGIONAL_CHAMBER", "signatory"),
    }
    assert len(parties) == 2


async def test_seeded_pays_vichy_auvergne_territory_and_partnership(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (t:Territory:Pays {id: 'pays:vichy-auvergne'})
        OPTIONAL MATCH (t)-[p:PART_OF]->(up:Territory)
        OPTIONAL MATCH (member)-[:PART_OF]->(t)
        RETURN t.code AS code, t.name AS name, t.source AS source,
               collect(DISTINCT [up.id, p.since, p.until]) AS parents, count(DISTINCT member) AS members
        """,
    )
    assert len(rows) == 1
    t = rows[0]
    assert (t["code"], t["name"], t["source"]) == ("vichy-auvergne", "Pays Vichy-Auvergne", f.SRC_AUVERGNE)
    assert sorted(t["parents"], key=str) == sorted(
        [["departement:03", None, None], ["region:83", None, "2015-12-31"], ["region:84", "2016-01-01", None]], key=str
    )
    # The document names no member commune (Cusset is where the convention was signed, not a stated member).
    assert t["members"] == 0

    covers = await q(
        seeded,
        settings,
        "MATCH (o:Organization {id: 'pays-vichy-auvergne'})-[:COVERS]->(t:Territory) RETURN o.kind AS kind, t.id AS t",
    )
    assert covers == [{"kind": "PAYS", "t": "pays:vichy-auvergne"}]
    partners = await q(
        seeded,
        settings,
        "MATCH (a:Organization)-[r:PARTNER_OF]-(b:Organization {id: 'cres-auvergne'}) RETURN a.id AS a,"
        " startNode(r).id AS start",
    )
    assert partners == [{"a": "pays-vichy-auvergne", "start": "pays-vichy-auvergne"}]


# --- Events, speakers, roles ---------------------------------------------------------------------------------------


async def test_seeded_seminar_round_table_speakers_and_roles(seeded: AsyncDriver, settings: Settings) -> None:
    events = {
        row["id"]: row
        for row in await q(
            seeded,
            settings,
            """
            MATCH (e:Event) WHERE e.id IN $ids
            OPTIONAL MATCH (e)-[:HELD_IN]->(m:Commune)
            OPTIONAL MATCH (o:Organization)-[:ORGANISED]->(e)
            OPTIONAL MATCH (e)-[:PART_OF]->(whole:Event)
            OPTIONAL MATCH (e)-[:FOLLOWS]->(before:Event)
            RETURN e.id AS id, e.kind AS kind, toString(e.startsAt) AS startsAt, toString(e.endsAt) AS endsAt,
                   e.dateInferred AS inferred, e.dateNote AS note, e.place AS place,
                   collect(DISTINCT m.id) AS communes, collect(DISTINCT o.id) AS organisers,
                   collect(DISTINCT whole.id) AS partOf, collect(DISTINCT before.id) AS follows
            """,
            ids=[SEMINAR, ROUND_TABLE, THEATRE_FORUM, GENERAL_ASSEMBLY],
        )
    }
    assert set(events) == {SEMINAR, ROUND_TABLE, THEATRE_FORUM, GENERAL_ASSEMBLY}

    seminar = events[SEMINAR]
    assert seminar["kind"] == "SEMINAR"
    assert starts(seminar["startsAt"], "2012-01-20T14:00") and starts(seminar["endsAt"], "2012-01-20T21:30")
    assert seminar["inferred"] is True and "2011" in seminar["note"]
    assert seminar["communes"] == ["commune:03095"]
    assert seminar["organisers"] == ["cres-auvergne"]
    assert seminar["follows"] == [THEATRE_FORUM]

    table = events[ROUND_TABLE]
    assert table["kind"] == "ROUND_TABLE"
    assert table["partOf"] == [SEMINAR]
    assert starts(table["startsAt"], "2012-01-20") and table["inferred"] is True

    forum = events[THEATRE_FORUM]
    assert forum["kind"] == "THEATRE_FORUM" and forum["startsAt"] == "2011-11"
    assert not forum["inferred"]  # "en novembre 2011" is stated
    assert sorted(forum["organisers"]) == ["cres-auvergne", "pays-vichy-auvergne"]

    assembly = events[GENERAL_ASSEMBLY]
    assert assembly["kind"] == "GENERAL_ASSEMBLY" and assembly["startsAt"] == "2008-06-09"
    assert assembly["organisers"] == ["cres-auvergne"]

    speakers = await q(
        seeded,
        settings,
        "MATCH (p:Person)-[s:SPOKE_AT]->(e:Event) WHERE e.id IN $ids RETURN e.id AS event, p.id AS person,"
        " p.name AS name, s.title AS title",
        ids=[SEMINAR, ROUND_TABLE],
    )
    assert {(s["event"], s["person"], s["title"]) for s in speakers} == {
        (SEMINAR, "gerard-courtadon", "Président de la CRES Auvergne"),
        (SEMINAR, "pascale-semet", SEMET_TITLE),
        (ROUND_TABLE, "jean-michel-guerre", GUERRE_TITLE),
        (ROUND_TABLE, "laetitia-guillard", "géographe"),
        (ROUND_TABLE, "christian-oger", "Directeur de la CRES Bretagne"),
        (ROUND_TABLE, "pascale-semet", None),
        (ROUND_TABLE, "pierre-petitbout", None),
    }
    assert len(speakers) == 7
    assert {s["person"]: s["name"] for s in speakers} == {
        "gerard-courtadon": "Gérard Courtadon",
        "pascale-semet": "Pascale Semet",
        "jean-michel-guerre": "Jean-Michel Guerre",
        "laetitia-guillard": "Laetitia Guillard",
        "christian-oger": "Christian Oger",
        "pierre-petitbout": "Pierre Petitbout",
    }

    roles = await q(
        seeded,
        settings,
        """
        MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Organization) WHERE p.id IN $people
        RETURN p.id AS person, o.id AS org, r.title AS title, r.portfolio AS portfolio,
               r.since AS since, r.until AS until
        """,
        people=sorted({s["person"] for s in speakers}),
    )
    assert {(r["person"], r["org"], r["title"], r["portfolio"]) for r in roles} == {
        ("gerard-courtadon", "cres-auvergne", "Président", None),
        (
            "pascale-semet",
            "conseil-regional-auvergne",
            "Vice-Présidente",
            "politique de la ville, du Logement et de l'économie Sociale et Solidaire",
        ),
        ("jean-michel-guerre", "conseil-regional-auvergne", "Vice-Président", "attractivité des Territoires"),
        ("christian-oger", "cres-bretagne", "Directeur", None),
    }
    # Terms are open: the document shows them in office, not when they began or ended.
    assert all(r["since"] is None and r["until"] is None for r in roles)


# --- Missions, functions, principles, ambitions ------------------------------------------------------------------

AUVERGNE_MISSIONS = [
    "Facilitant l'échange de pratiques de l'économie sociale et solidaire et leur accès à tous",
    "Facilitant la reconnaissance de l'économie sociale et solidaire et des expertises de ses acteurs",
    "Développant la pertinence et l'efficacité de l'économie sociale et solidaire et des entreprises adhérentes",
    "Promouvant l'économie sociale et solidaire, ses résultats et ses initiatives",
    "Implantant la CRES dans les territoires administratifs (départements) et de projets (pays...)",
]
AUVERGNE_FUNCTIONS = [
    "Un regroupement de l'ensemble des familles de l'économie sociale et solidaire",
    "Une adhésion ouverte à tout acteur de l'économie sociale et solidaire",
    "Une ressource ouverte à toute personne morale ou physique, administration ou collectivité mobilisée par "
    "l'économie sociale et solidaire",
    "Une représentation extérieure de l'économie sociale et solidaire",
    "Une expertise sur l'économie sociale et solidaire dans la région en particulier par la mobilisation des "
    "savoir-faire des ses membres",
    "Une animation qui valorise l'économie sociale et solidaire tant en interne qu'en externe ; dans le domaine "
    "institutionnel comme privé",
]
AUVERGNE_PRINCIPLES = [
    "Libre association des individus",
    "Gestion démocratique dans l'entreprise : un homme = une voix",
    "Non cumul individuel des profits",
    "Solidarité",
    "Responsabilité",
]


async def _statements(driver: AsyncDriver, settings: Settings, org: str) -> dict[str, list[dict[str, Any]]]:
    rows = await q(
        driver,
        settings,
        """
        MATCH (:Organization {id: $org})-[:HAS_STATEMENT]->(s:Statement)
        RETURN s.kind AS kind, s.position AS position, s.text AS text, s.adoptedOn AS adoptedOn
        ORDER BY s.kind, s.position
        """,
        org=org,
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["kind"], []).append(row)
    return grouped


async def test_seeded_cres_auvergne_missions_functions_principles(seeded: AsyncDriver, settings: Settings) -> None:
    statements = await _statements(seeded, settings, "cres-auvergne")
    assert set(statements) == {"MISSION", "FUNCTION", "PRINCIPLE"}
    for kind, expected in (("MISSION", AUVERGNE_MISSIONS), ("FUNCTION", AUVERGNE_FUNCTIONS)):
        assert [s["text"] for s in statements[kind]] == expected
        assert [s["position"] for s in statements[kind]] == list(range(1, len(expected) + 1))
        # Voted by the general assembly of 9 June 2008.
        assert {s["adoptedOn"] for s in statements[kind]} == {"2008-06-09"}
    assert [s["text"] for s in statements["PRINCIPLE"]] == AUVERGNE_PRINCIPLES
    assert {s["adoptedOn"] for s in statements["PRINCIPLE"]} == {None}


async def test_seeded_cress_paca_missions_and_ambitions(seeded: AsyncDriver, settings: Settings) -> None:
    statements = await _statements(seeded, settings, "cress-paca")
    assert set(statements) == {"MISSION", "AMBITION"}
    missions = [s["text"] for s in statements["MISSION"]]
    assert len(missions) == 3
    assert missions[0].startswith("Une mission de représentation qui vise")
    assert missions[1].startswith("Une mission de promotion qui vise")
    assert "Pour cela elle anime le 1er Observatoire Régional de l'ESS." in missions[1]
    assert missions[2].startswith("Une mission de soutien qui vise")
    ambitions = [s["text"] for s in statements["AMBITION"]]
    assert len(ambitions) == 4
    assert ambitions[0].startswith("Quelle que soit la place de chacun")
    assert ambitions[2].endswith("la multiplication des biens est un support à la multiplication des liens.")
    for text in missions + ambitions:
        assert f.is_verbatim_text(text, f.PACA_DOC), text


# --- Recognition, support, founders and members --------------------------------------------------------------------


async def test_seeded_who_recognises_supports_and_talks_to_the_cres(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (a:Organization)-[r:RECOGNISES|SUPPORTS|INTERLOCUTOR_OF]-(:Organization {id: 'cres-auvergne'})
        RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, a.id AS other, a.kind AS kind
        """,
    )
    assert {(r["type"], r["from"], r["to"]) for r in rows} == {
        ("RECOGNISES", "prefecture-region-auvergne", "cres-auvergne"),
        ("RECOGNISES", "conseil-regional-auvergne", "cres-auvergne"),
        ("RECOGNISES", "cpca", "cres-auvergne"),
        ("RECOGNISES", "drdjs", "cres-auvergne"),
        ("SUPPORTS", "conseil-regional-auvergne", "cres-auvergne"),
        ("SUPPORTS", "prefecture-region-auvergne", "cres-auvergne"),
        ("INTERLOCUTOR_OF", "cres-auvergne", "conseil-regional-auvergne"),
        ("INTERLOCUTOR_OF", "cres-auvergne", "prefecture-region-auvergne"),
    }
    assert len(rows) == 8
    assert {r["other"]: r["kind"] for r in rows} == {
        "prefecture-region-auvergne": "STATE_SERVICE",
        "conseil-regional-auvergne": "REGIONAL_COUNCIL",
        "cpca": "NETWORK",
        "drdjs": "STATE_SERVICE",
    }
    orgs = await q(
        seeded,
        settings,
        "MATCH (o:Organization) WHERE o.id IN ['cpca', 'drdjs']"
        " RETURN o.id AS id, o.acronym AS acronym, o.name AS name",
    )
    assert {(o["id"], o["acronym"], o["name"]) for o in orgs} == {
        ("cpca", "CPCA", "Conférence Permanente des Coordinations Associatives"),
        ("drdjs", "DRDJS", "Direction Régionale et Départementale de la Jeunesse et des Sports"),
    }


async def test_seeded_founders_and_members_of_the_cres(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (a:Organization)-[r:FOUNDED|MEMBER_OF]->(:Organization {id: 'cres-auvergne'})
        RETURN type(r) AS type, a.id AS from, a.kind AS kind, a.family AS family, r.inferred AS inferred,
               r.note AS note
        """,
    )
    federations = {
        "federations-associatives-auvergne": "ASSOCIATION",
        "federations-cooperatives-auvergne": "COOPERATIVE",
        "federations-mutuelles-auvergne": "MUTUAL",
    }
    assert {(r["type"], r["from"]) for r in rows} == {(t, fed) for t in ("FOUNDED", "MEMBER_OF") for fed in federations}
    assert len(rows) == 6
    for r in rows:
        assert (r["kind"], r["family"]) == ("FEDERATION", federations[r["from"]])
        if r["type"] == "MEMBER_OF":  # "fédère" / "rassemble les organismes adhérant": membership is inferred
            assert r["inferred"] is True and "rassemble" in r["note"]
        else:  # "Depuis sa création par les Fédérations ...": stated
            assert not r["inferred"]


async def test_seeded_organizations_and_what_they_cover(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (o:Organization) WHERE o.id IN $ids
        OPTIONAL MATCH (o)-[c:COVERS]->(t:Territory)
        RETURN o.id AS id, o.name AS name, o.kind AS kind, o.family AS family, o.website AS website,
               o.siren AS siren, o.address AS address, collect([t.id, c.since, c.until]) AS covers
        """,
        ids=sorted(f.fact_ids()["Organization"]),
    )
    orgs = {r["id"]: r for r in rows}
    assert set(orgs) == f.fact_ids()["Organization"]
    cres = orgs["cres-auvergne"]
    assert (cres["name"], cres["kind"], cres["family"]) == (
        "Chambre régionale de l'Économie sociale d'Auvergne",
        "REGIONAL_CHAMBER",
        "MIXED",
    )
    assert cres["website"] == "http://www.cres-auvergne.org/"
    assert cres["covers"] == [["region:83", None, None]]
    # The council of the former région: its cover ends with région 83 (merger of 2016-01-01).
    assert orgs["conseil-regional-auvergne"]["covers"] == [["region:83", None, "2015-12-31"]]
    assert orgs["cres-bretagne"]["covers"] == [["region:53", None, None]]
    assert orgs["cress-paca"]["covers"] == [["region:93", None, None]]
    # Nothing the documents do not give.
    assert all(o["siren"] is None and o["address"] is None for o in orgs.values())


# --- Figures -------------------------------------------------------------------------------------------------------

FIGURES = {
    # id: (publisher, territory, measure, value, unit, year, yearInferred, approximate)
    "auvergne-2012-ess-jobs": ("cres-auvergne", "region:83", "ess_jobs", 50000, "jobs", "2012", True, False),
    "auvergne-2012-ess-share-of-employees": (
        "cres-auvergne", "region:83", "ess_share_of_employees", 11, "percent", "2012", True, False,
    ),
    "auvergne-2012-ess-establishments": (
        "cres-auvergne", "region:83", "ess_establishments", 18000, "establishments", "2012", True, True,
    ),
    "auvergne-2012-ess-employees-share-associations": (
        "cres-auvergne", "region:83", "ess_employees_share_associations", 79, "percent", "2012", True, False,
    ),
    "auvergne-2012-ess-employees-share-cooperatives": (
        "cres-auvergne", "region:83", "ess_employees_share_cooperatives", 13, "percent", "2012", True, False,
    ),
    "auvergne-2012-ess-employees-share-mutuals": (
        "cres-auvergne", "region:83", "ess_employees_share_mutuals", 5, "percent", "2012", True, False,
    ),
    "paca-ess-employer-establishments": (
        "cress-paca", "region:93", "ess_employer_establishments", 16600, "establishments", None, False, False,
    ),
    # "plus de 10%": a lower bound, flagged approximate.
    "paca-ess-share-of-employees": (
        "cress-paca", "region:93", "ess_share_of_employees", 10, "percent", None, False, True,
    ),
}  # fmt: skip


async def test_seeded_figures(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (o:Organization)-[:PUBLISHED]->(x:Figure)-[:FOR_TERRITORY]->(t:Territory)
        WHERE o.id IN ['cres-auvergne', 'cress-paca']
        RETURN x.id AS id, o.id AS publisher, t.id AS territory, x.measure AS measure, x.value AS value,
               x.unit AS unit, x.year AS year, x.yearInferred AS yearInferred, x.approximate AS approximate,
               x.scope AS scope
        """,
    )
    got = {
        r["id"]: (
            r["publisher"],
            r["territory"],
            r["measure"],
            r["value"],
            r["unit"],
            r["year"],
            bool(r["yearInferred"]),
            bool(r["approximate"]),
        )
        for r in rows
    }
    assert got == FIGURES
    assert len(rows) == len(FIGURES)
    assert all(r["scope"] for r in rows)
    shares = [r["scope"] for r in rows if r["measure"].startswith("ess_employees_share_")]
    assert sorted(s.rsplit(" ", 1)[-1] for s in shares) == ["association", "coopérative", "mutuelle"]


# --- CRESS PACA ----------------------------------------------------------------------------------------------------


async def test_seeded_cress_paca_founding_year_agrement_and_members(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (o:Organization {id: 'cress-paca'})
        RETURN o.name AS name, o.acronym AS acronym, o.kind AS kind, o.family AS family, o.foundedOn AS foundedOn,
               toString(o.foundedOnFrom) AS foundedOnFrom, o.description AS description
        """,
    )
    assert len(rows) == 1
    cress = rows[0]
    assert cress["acronym"] == "CRESS PACA" and cress["foundedOn"] == "1985"
    assert cress["foundedOnFrom"] in (None, "1985-01-01")
    assert (cress["kind"], cress["family"]) == ("REGIONAL_CHAMBER", "MIXED")
    assert "Observatoire Régional de l'ESS" in cress["description"]

    conventions = await q(
        seeded,
        settings,
        """
        MATCH (c:Convention {id: $id})<-[p:PARTY_TO]-(o:Organization)
        RETURN c.kind AS kind, c.status AS status, c.signedOn AS signedOn, c.title AS title,
               collect([o.id, o.kind]) AS parties
        """,
        id=AGREMENT_PACA,
    )
    assert len(conventions) == 1
    agrement = conventions[0]
    assert (agrement["kind"], agrement["status"]) == ("AGREMENT", "SIGNED")
    assert agrement["signedOn"] is None  # the document gives no date
    assert "Loi Cadre 2014 de l'ESS" in agrement["title"]
    assert sorted(agrement["parties"]) == [
        ["conseil-regional-paca", "REGIONAL_COUNCIL"],
        ["cress-paca", "REGIONAL_CHAMBER"],
        ["prefecture-region-paca", "STATE_SERVICE"],
    ]

    relations = await q(
        seeded,
        settings,
        """
        MATCH (a:Organization)-[r:RECOGNISES|MEMBER_OF]->(:Organization {id: 'cress-paca'})
        RETURN type(r) AS type, a.id AS from, a.kind AS kind, r.inferred AS inferred
        """,
    )
    assert {(r["type"], r["from"], r["kind"]) for r in relations} == {
        ("RECOGNISES", "prefecture-region-paca", "STATE_SERVICE"),
        ("RECOGNISES", "conseil-regional-paca", "REGIONAL_COUNCIL"),
        ("MEMBER_OF", "federations-unions-associatives-paca", "FEDERATION"),
        ("MEMBER_OF", "federations-unions-cooperatives-paca", "FEDERATION"),
        ("MEMBER_OF", "federations-unions-mutualistes-paca", "FEDERATION"),
        ("MEMBER_OF", "syndicats-employeurs-ess-paca", "EMPLOYERS_UNION"),
    }
    assert all(r["inferred"] is True for r in relations if r["type"] == "MEMBER_OF")


# --- Sources and excerpts ------------------------------------------------------------------------------------------


async def test_seeded_sources_are_the_documents(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        "MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, s.document AS document, s.url AS url",
        ids=sorted(f.FOUNDING_SOURCES),
    )
    assert {(r["id"], r["document"], r["url"]) for r in rows} == {
        (f.SRC_AUVERGNE, f.AUVERGNE_DOC, "http://www.cres-auvergne.org/"),
        (f.SRC_PACA, f.PACA_DOC, None),
    }


async def test_seeded_every_relationship_has_a_verbatim_excerpt(seeded: AsyncDriver, settings: Settings) -> None:
    """Roles and relations carry their own source and excerpt (seeds/FORMAT.md gives them one each).

    PARTY_TO, SPOKE_AT and ORGANISED come from the `parties`, `speakers` and `organisers` of a convention or event,
    which FORMAT.md gives no source of their own: such an edge is accepted without one when the convention or event it
    points at cites a founding document verbatim; an edge that does carry a source is checked like the others.
    """
    ids = sorted(set().union(*f.fact_ids().values()))
    rows = await q(
        seeded,
        settings,
        """
        MATCH (a)-[r]->(b) WHERE type(r) IN $types AND a.id IN $ids AND b.id IN $ids
        OPTIONAL MATCH (s:Source {id: coalesce(r.source, '')})
        OPTIONAL MATCH (b)-[c:CITED_IN]->(owner:Source) WHERE type(r) IN $owned
        RETURN type(r) AS type, a.id AS from, b.id AS to, r.source AS source, r.excerpt AS excerpt,
               s.document AS document, collect([owner.id, owner.document, c.excerpt]) AS ownerCited
        """,
        types=SOURCED_RELATIONSHIPS,
        owned=OWNED_BY_NODE,
        ids=ids,
    )
    expected = (
        len(f.records("roles"))
        + len(f.records("relations"))
        + sum(len(e.get("speakers") or []) + len(e.get("organisers") or []) for e in f.records("events"))
        + sum(len(c["parties"]) for c in f.records("conventions"))
    )
    assert expected == 4 + 21 + 7 + 4 + 5  # roles, relations, speakers, organisers, parties
    assert len(rows) == expected

    def verbatim(source: Any, document: Any, excerpt: Any) -> bool:
        return (
            source in f.FOUNDING_SOURCES
            and document == f.FOUNDING_SOURCES[source]
            and isinstance(excerpt, str)
            and f.is_verbatim(excerpt, document)
        )

    problems = []
    for r in rows:
        if r["source"] is not None or r["type"] not in OWNED_BY_NODE:
            ok = verbatim(r["source"], r["document"], r["excerpt"])
        else:
            ok = any(verbatim(*cited) for cited in r["ownerCited"] if cited[0] is not None)
        if not ok:
            problems.append(f"{r['type']} {r['from']}->{r['to']}: source={r['source']!r} excerpt={r['excerpt']!r}")
    assert problems == []


async def test_seeded_relations_are_those_of_the_yaml(seeded: AsyncDriver, settings: Settings) -> None:
    rows = await q(
        seeded,
        settings,
        """
        MATCH (a:Organization)-[r]->(b:Organization)
        WHERE type(r) IN $types AND a.id IN $ids AND b.id IN $ids
        RETURN type(r) AS type, a.id AS from, b.id AS to, r.excerpt AS excerpt, coalesce(r.inferred, false) AS inferred
        """,
        types=SOURCED_RELATIONSHIPS,
        ids=sorted(f.fact_ids()["Organization"]),
    )
    expected = sorted(
        (r["type"], r["from"], r["to"], f.normalise(r["excerpt"]), bool(r.get("inferred")))
        for r in f.records("relations")
    )
    got = sorted((r["type"], r["from"], r["to"], f.normalise(r["excerpt"]), r["inferred"]) for r in rows)
    assert got == expected


async def test_seeded_every_fact_node_cites_its_document_verbatim(seeded: AsyncDriver, settings: Settings) -> None:
    problems = []
    for label, ids in f.fact_ids().items():
        rows = await q(
            seeded,
            settings,
            f"""
            MATCH (n:{label}) WHERE n.id IN $ids
            OPTIONAL MATCH (n)-[c:CITED_IN]->(s:Source)
            RETURN n.id AS id, collect([s.id, s.document, c.excerpt]) AS cited
            """,
            ids=sorted(ids),
        )
        assert {r["id"] for r in rows} == ids, label
        for row in rows:
            cited = [c for c in row["cited"] if c[0] is not None]
            if not cited:
                problems.append(f"{label} {row['id']}: no CITED_IN")
            for source, document, excerpt in cited:
                if source not in f.FOUNDING_SOURCES or document != f.FOUNDING_SOURCES[source]:
                    problems.append(f"{label} {row['id']}: cites {source!r} ({document!r})")
                elif not isinstance(excerpt, str) or not f.is_verbatim(excerpt, document):
                    problems.append(f"{label} {row['id']}: excerpt {excerpt!r} not in {document}")
    assert problems == []
