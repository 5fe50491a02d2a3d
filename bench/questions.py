"""The six canonical front-end questions, their three forms, and the inputs each request is asked with.

Each question is kept as files: `questions/Cn.graphql` (graphdir's API), `questions/raw/Cn.cypher` (the floor: one
Cypher statement returning the data the GraphQL answer holds, run through the Python driver) and
`questions/peer/Cn.graphql` (the same question in @neo4j/graphql's dialect, over `peer/typeDefs.graphql`) when the
peer can express it; PEER_CANNOT says why it cannot otherwise.

Inputs are drawn deterministically from the seed: a sample of the synthetic organizations (ids are
`syn-org-<n>`, n < organizations), read once from the graph with their région, gives the organizations, régions, pairs
and search texts. Each request of a run takes the next draw of its question's list; the three columns get the same
draws in the same order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bench import neo4j as db
from bench.settings import QUESTIONS, BenchInstance
from graphdir.api.ids import encode
from graphdir.domain.network.relations import ACTOR_RELATIONS
from graphdir.domain.search import lucene
from graphdir.vocabulary import OrganizationFamily

# The families of synthetic enterprises (scripts/generate_synthetic.py): all but the chambers' MIXED.
FAMILIES = tuple(f.value for f in OrganizationFamily if f is not OrganizationFamily.MIXED)
ACTOR_TYPES = sorted(r.value for r in ACTOR_RELATIONS)
SEARCH_POOL = 40  # graphdir.domain.search.service: max(first * 4, 40) for first = 10
NETWORK_LIMIT = 200

TITLES = {
    "C1": "organization page (3 relationship levels)",
    "C2": "filtered list in a région + totalCount",
    "C3": "partnersNear 20 km",
    "C4": "search",
    "C5": "network, depth 2",
    "C6": "path",
}

PEER_CANNOT = {
    "C5": (
        "A network map is a breadth-first set of distinct nodes (at most 200, most linked first) plus every "
        "relationship among them, typed and directed. @neo4j/graphql answers with trees: a depth-2 selection "
        "repeats shared nodes on every branch, cannot cap the whole answer at 200 nodes nor rank them by links, and "
        "relationships are not objects it can list (a `@cypher` field can return nodes or scalars, not relationships "
        "or paths). Only a `@cypher` field returning an opaque JSON scalar could carry it, which is raw Cypher "
        "through the library, not the library."
    ),
    "C6": (
        "A shortest path alternates nodes and relationships of any type; @neo4j/graphql's types have no path and no "
        "relationship-as-object, and a `@cypher` field cannot return a path. As for C5, only an opaque JSON scalar "
        "could carry it."
    ),
}


# Answers that differ for a known reason (the agreement check still reports them). C2's totalCount used
# to differ, when graphdir's territory inclusion walked PART_OF through any level and carried an interdepartmental
# EPCI's communes into the neighbouring région; inclusion is now one PART_OF hop (schema/MODEL.md, "Inside a
# territory"), the peer's meaning too.
KNOWN_DIFFERENCES: dict[str, str] = {
    "C3": "graphdir's partnersNear counts up to 1,000 (totalCount 1,000 and totalCountIsExact false beyond: "
          "graphdir/domain/partners/records.py COUNT_CAP), and so does the floor; the peer's nearCount counts all.",
    "C4": "graphdir and the floor give the pool's size to the full-text index call (Lucene keeps a top 40 as it "
          "scores); the peer's @cypher field asks for every hit and cuts after. The best hits agree; hits of equal "
          "score (a broad text gives thousands the same score) come in another order, so the peer's 10 may hold "
          "other ones of that score.",
}


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    graphql: str
    cypher: str
    peer: str | None
    peer_cannot: str | None


def load_questions(keys: list[str]) -> list[Question]:
    out = []
    for key in keys:
        peer_file = QUESTIONS / "peer" / f"{key}.graphql"
        out.append(Question(
            key=key, title=TITLES[key], graphql=(QUESTIONS / f"{key}.graphql").read_text(),
            cypher=(QUESTIONS / "raw" / f"{key}.cypher").read_text(),
            peer=peer_file.read_text() if peer_file.exists() else None, peer_cannot=PEER_CANNOT.get(key)))
    return out


@dataclass(frozen=True)
class Draw:
    """One request's inputs in the three forms."""

    graphdir: dict[str, Any]
    raw: dict[str, Any]
    peer: dict[str, Any] | None
    label: str = ""


@dataclass
class Sample:
    organizations: list[dict[str, Any]] = field(default_factory=list)  # id, name, family, region
    regions: list[str] = field(default_factory=list)


def read_sample(instance: BenchInstance, organizations: int, seed: int, size: int = 2000) -> Sample:
    rng = random.Random(f"{seed}-sample")
    ids = [f"syn-org-{n:07d}" for n in rng.sample(range(organizations), min(size, organizations))]
    rows = db.query(instance, """
        UNWIND $ids AS id
        MATCH (o:Organization {id: id})
        OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Commune)-[r:PART_OF]->(region:Region)
        WHERE r.untilTo IS NULL
        WITH id, o, collect(region.code)[0] AS region
        RETURN id, o.name AS name, o.family AS family, region
        ORDER BY id""", ids=ids)
    rows = [r for r in rows if r["region"] is not None]
    return Sample(organizations=rows, regions=sorted({r["region"] for r in rows}))


def _org(oid: str) -> str:
    return encode("Organization", oid)


def _search_text(rng: random.Random, name: str) -> str:
    """A text someone types looking for organizations like this one: broad, as-you-type, or its exact name."""
    words = name.split()  # "Coopérative synthétique services à la personne 0001234"
    family_word, activity = words[0], " ".join(words[2:-1])
    kind = rng.randrange(3)
    if kind == 0:
        return f"{family_word} {activity}"
    if kind == 1:
        head = activity.split()[0]
        return f"{family_word.lower()} {head[: max(2, min(4, len(head) - 1))]}"
    return name


def make_draws(key: str, sample: Sample, seed: int, count: int) -> list[Draw]:
    rng = random.Random(f"{seed}-{key}")
    orgs = sample.organizations
    draws: list[Draw] = []
    by_region: dict[str, list[dict[str, Any]]] = {}
    for org in orgs:
        by_region.setdefault(org["region"], []).append(org)
    for _ in range(count):
        if key in ("C1", "C3", "C5"):
            oid = rng.choice(orgs)["id"]
            raw: dict[str, Any] = {"id": oid}
            if key == "C3":
                raw["radius"] = 20_000.0
            if key == "C5":
                raw.update(types=ACTOR_TYPES, limit=NETWORK_LIMIT)
            draws.append(Draw({"id": _org(oid)}, raw, None if key == "C5" else {"id": oid}, oid))
        elif key == "C2":
            region, family = rng.choice(sample.regions), rng.choice(FAMILIES)
            draws.append(Draw({"region": region, "families": [family]}, {"region": region, "families": [family]},
                              {"region": region, "family": family}, f"{region}/{family}"))
        elif key == "C4":
            text = _search_text(rng, rng.choice(orgs)["name"])
            query = lucene.build(text)
            assert query is not None
            draws.append(Draw({"text": text}, {"query": query.text, "pool": SEARCH_POOL}, {"query": query.text},
                              text))
        elif key == "C6":
            group = by_region[rng.choice(sorted(r for r, members in by_region.items() if len(members) > 1))]
            a, b = rng.sample(group, 2)
            draws.append(Draw({"from": _org(a["id"]), "to": _org(b["id"])},
                              {"from": a["id"], "to": b["id"], "types": ACTOR_TYPES}, None, f"{a['id']}~{b['id']}"))
        else:
            raise ValueError(key)
    return draws
