"""Rules of the network domain that need no database: relationship types, edge ids, evidence."""

from __future__ import annotations

from graphdir.domain.network.relations import ACTOR_RELATIONS, TERRITORY_RELATIONS, Relation, resolve
from graphdir.domain.network.service import best_citation, edge_id


def test_territories_are_followed_only_when_asked_or_at_an_end() -> None:
    actors = sorted(r.value for r in ACTOR_RELATIONS)
    assert resolve(None, "Organization") == actors
    assert resolve([], "Organization", "Person") == actors
    assert "COVERS" not in actors and "LOCATED_IN" not in actors
    assert resolve(None, "Territory") == sorted(r.value for r in ACTOR_RELATIONS | TERRITORY_RELATIONS)
    assert resolve(None, "Organization", "Territory") == resolve(None, "Territory")
    assert resolve([Relation.COVERS, Relation.COVERS], "Organization") == ["COVERS"]


def test_edge_ids_carry_a_discriminator_only_for_parallel_relationships() -> None:
    assert edge_id("MEMBER_OF", "a", "b", {"parallel": 1, "since": "2012"}) == "MEMBER_OF:a:b"
    first = edge_id("HOLDS_ROLE", "p", "o", {"parallel": 2, "title": "Président"})
    second = edge_id("HOLDS_ROLE", "p", "o", {"parallel": 2, "title": "Trésorier"})
    assert first != second
    assert first.startswith("HOLDS_ROLE:p:o:") and len(first.rsplit(":", 1)[1]) == 8
    assert first == edge_id("HOLDS_ROLE", "p", "o", {"parallel": 2, "title": "Président"})


def test_the_citation_naming_the_other_end_is_kept() -> None:
    citations = [{"excerpt": "Une convention sera signée avec le Pays Vichy-Auvergne."},
                 {"excerpt": "en présence de Gérard Courtadon, Président de la CRES Auvergne"}]
    assert best_citation(citations, ["Chambre régionale de l'Économie sociale d'Auvergne", "CRES Auvergne"]) \
        == citations[1]
    assert best_citation(citations, ["Pays Vichy-Auvergne", None]) == citations[0]
    assert best_citation(citations, ["Nobody"]) == citations[0]
    assert best_citation([], ["Nobody"]) is None
