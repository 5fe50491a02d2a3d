"""Runs the organizations Cypher through a Reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, each, fill, grouped, node, page_params
from graphdir.domain.organizations import cypher, territory_pages
from graphdir.domain.organizations.filters import OrganizationCriteria, where
from graphdir.domain.organizations.records import MembershipRecord, OrganizationRecord, PartnershipRecord

# Per ordering: (cursor key, ORDER BY forward, ORDER BY backward).
ORDERS = {
    "NAME": (cypher.KEY_NAME, cypher.ORDER_NAME, cypher.ORDER_NAME_DESC),
    "FOUNDED_ON": (cypher.KEY_FOUNDED_ON, cypher.ORDER_FOUNDED_ON, cypher.ORDER_FOUNDED_ON_DESC),
}
# Sorts after every sortName and id (both folded to ASCII by the loader).
_LAST = "\U0010ffff"


class OrganizationRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, OrganizationRecord]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node", OrganizationRecord.of)

    async def by_siren(self, siren: str) -> OrganizationRecord | None:
        row = await self.reader.read_one(cypher.BY_SIREN, {"siren": siren})
        return OrganizationRecord.of(row["node"]) if row else None

    async def by_slug(self, slug: str) -> OrganizationRecord | None:
        row = await self.reader.read_one(cypher.BY_SLUG, {"slug": slug})
        return OrganizationRecord.of(row["node"]) if row else None

    async def page(self, criteria: OrganizationCriteria, order: str, request: PageRequest
                   ) -> Page[OrganizationRecord]:
        if _by_index(criteria, order, request.backward):
            rows = await self.reader.read(territory_pages.page(criteria.families),
                                          _index_params(criteria, request))
            return page_from_rows(rows, request, node(OrganizationRecord.of))
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        # The index-ordered walk by name stops early unless the filter is selective; kinds and families usually are
        # (and have their own index), so those pages sort the few candidates instead.
        if order == "NAME" and match is None and criteria.kinds is None and criteria.families is None:
            template = cypher.PAGE_BY_NAME_BACKWARD if request.backward else cypher.PAGE_BY_NAME
            query = fill(template, where=fragment)
            start = (_LAST, _LAST) if request.backward else ("", "")
            name, graph_id = request.key if request.key is not None else start
            prefix = "before" if request.backward else "after"
            params |= {f"{prefix}Name": name, f"{prefix}Id": graph_id, "limit": request.size + 1}
        else:
            template = cypher.PAGE_BACKWARD if request.backward else cypher.PAGE_FORWARD
            key, forward, backward = ORDERS[order]
            query = fill(template, match=match or cypher.MATCH_ALL, where=fragment, key=key,
                         order=backward if request.backward else forward)
            params |= page_params(request)
        rows = await self.reader.read(query, params)
        return page_from_rows(rows, request, node(OrganizationRecord.of))

    async def page_with_total(self, criteria: OrganizationCriteria, order: str, request: PageRequest
                              ) -> Page[OrganizationRecord] | None:
        """The page and the list's total in one pass, for lists walked down from a territory or a body (forward
        pages); None for the others, whose page reads an index in order and stops early: counting would walk all."""
        if _by_index(criteria, order, request.backward):
            row = await self.reader.read_one(territory_pages.page_with_total(criteria.families),
                                             _index_params(criteria, request))
            assert row is not None  # the statement always returns its one row
            return page_from_rows(row["edges"], request, node(OrganizationRecord.of), total=row["total"])
        match, skip = _generator(criteria)
        if match is None or request.backward:
            return None
        fragment, params = where(criteria, skip=skip)
        key, forward, _ = ORDERS[order]
        query = fill(cypher.PAGE_WITH_TOTAL, match=match, where=fragment, key=key, order=forward)
        row = await self.reader.read_one(query, params | page_params(request))
        assert row is not None  # the statement always returns its one row
        return page_from_rows(row["edges"], request, node(OrganizationRecord.of), total=row["total"])

    async def count(self, criteria: OrganizationCriteria) -> int:
        if _by_index(criteria, "NAME", backward=False):
            row = await self.reader.read_one(territory_pages.count(criteria.families),
                                             _index_params(criteria, None))
            return int(row["total"]) if row else 0
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        query = fill(cypher.COUNT, match=match or cypher.MATCH_ALL, where=fragment)
        row = await self.reader.read_one(query, params)
        return int(row["total"]) if row else 0

    async def in_territories(self, territory_ids: list[str], criteria: OrganizationCriteria, order: str,
                             request: PageRequest) -> dict[str, Page[OrganizationRecord]]:
        fragment, params = where(criteria)
        query = fill(cypher.IN_TERRITORIES, where=fragment, key=ORDERS[order][0])
        return await batched_pages(self.reader, query, territory_ids, request, params, node(OrganizationRecord.of))

    async def members(self, ids: list[str], on: dt.date | None, request: PageRequest
                      ) -> dict[str, Page[MembershipRecord]]:
        return await batched_pages(self.reader, cypher.MEMBERS, ids, request, {"on": on}, MembershipRecord.of)

    async def member_of(self, ids: list[str], on: dt.date | None, request: PageRequest
                        ) -> dict[str, Page[MembershipRecord]]:
        return await batched_pages(self.reader, cypher.MEMBER_OF, ids, request, {"on": on}, MembershipRecord.of)

    async def partners(self, ids: list[str], on: dt.date | None, kinds: list[str] | None, direction: str | None,
                       request: PageRequest) -> dict[str, Page[PartnershipRecord]]:
        params = {"on": on, "kinds": kinds, "direction": direction}
        return await batched_pages(self.reader, cypher.PARTNERS, ids, request, params, PartnershipRecord.of)

    async def organisers_of(self, event_ids: list[str]) -> dict[str, list[OrganizationRecord]]:
        return await grouped(self.reader, cypher.ORGANISERS_OF_EVENTS, event_ids, "nodes",
                             each(OrganizationRecord.of))


def _generator(criteria: OrganizationCriteria) -> tuple[str | None, frozenset[str]]:
    """The MATCH that walks down to the candidates, when a criterion narrows them down (members of a body, organizations
    of a territory), and the criteria it applies; None: start from every organization."""
    if criteria.member_of is not None:
        match = cypher.MATCH_MEMBERS_TRANSITIVE if criteria.transitive else cypher.MATCH_MEMBERS
        return match, frozenset({"memberOf"})
    if criteria.territory_id is not None:
        return cypher.MATCH_IN_TERRITORY, frozenset({"territory"})
    return None, frozenset()



def _by_index(criteria: OrganizationCriteria, order: str, backward: bool) -> bool:
    """Whether the page is read from the INSIDE links' indexes (territory_pages): a territory's list by name, forward,
    narrowed down by families and a date only."""
    return (criteria.territory_id is not None and order == "NAME" and not backward
            and criteria.kinds is None and criteria.member_of is None and criteria.text is None
            and criteria.ids is None)


def _index_params(criteria: OrganizationCriteria, request: PageRequest | None) -> dict[str, Any]:
    params: dict[str, Any] = {"f_territory": criteria.territory_id, "f_on": criteria.on}
    if request is not None:
        name, graph_id = request.key if request.key is not None else ("", "")
        params |= {"afterName": name, "afterId": graph_id, "limit": request.size + 1}
    return params
