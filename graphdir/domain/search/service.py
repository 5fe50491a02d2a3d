"""Search: French-aware full-text over organizations, people, territories, conventions and events, best match first.

One round trip to the index for the candidates (a pool a few times larger than what is asked, so that re-ranking by
name can promote an exact name Lucene put lower); the caller loads the hits' nodes, one batch per type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphdir.db.reader import Reader
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import DEFAULT_PAGE_SIZE
from graphdir.domain.common.words import typed_words
from graphdir.domain.search import lucene
from graphdir.domain.search.ranking import Candidate, Ranked, rank
from graphdir.domain.search.repository import SearchRepository
from graphdir.vocabulary import NodeType, OrganizationFamily, OrganizationKind, node_type_of

POOL_FACTOR = 4
MIN_POOL = 40
MAX_POOL = 200


@dataclass(frozen=True)
class Hit:
    type_name: str
    id: str
    score: float


def _values(terms: Iterable[OrganizationKind | OrganizationFamily] | None) -> list[str] | None:
    """The graph values of `terms`; None for none (no filter)."""
    values = sorted({term.value for term in terms or ()})
    return values or None


class SearchService:
    def __init__(self, reader: Reader) -> None:
        self.repository = SearchRepository(reader)

    async def search(self, text: str, kinds: Iterable[NodeType] | None = None, first: int = DEFAULT_PAGE_SIZE,
                     organization_kinds: Iterable[OrganizationKind] | None = None,
                     families: Iterable[OrganizationFamily] | None = None) -> list[Hit]:
        """The `first` best hits (a size checked by the caller, graphdir.domain.common.paging). Organizations are kept
        only when of one of `organization_kinds` and of one of `families` (None or empty: any); other hits are not
        filtered by them."""
        typed_words(text, "text")
        query = lucene.build(text)
        if query is None:
            raise InvalidArgument("text", "must contain at least one letter or digit")
        if first == 0:
            return []
        # No kinds, or an empty list, means every kind.
        labels = sorted({k.value for k in kinds}) if kinds else None
        pool = min(max(first * POOL_FACTOR, MIN_POOL), MAX_POOL)
        rows = await self.repository.candidates(query.text, labels, pool, _values(organization_kinds),
                                                _values(families))
        candidates = []
        for row in rows:
            type_name = node_type_of(row["labels"])
            if type_name is None or row["id"] is None:
                continue
            candidates.append(Candidate(type_name, row["id"], float(row["score"]), (row["name"], row["acronym"]),
                                        row["population"] if isinstance(row["population"], int) else None))
        ranked: list[Ranked] = rank(query.folded, candidates, first)
        return [Hit(r.type_name, r.id, r.score) for r in ranked]
