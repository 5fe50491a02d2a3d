"""Runs the partners-nearby Cypher through the request's Reader."""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j.spatial import WGS84Point

from graphdir.db.reader import Reader
from graphdir.domain.partners import cypher
from graphdir.domain.partners.records import COUNT_CAP


def _with_filter(template: LiteralString, where: LiteralString) -> LiteralString:
    # `where` comes from the fixed fragments of the organizations filter, never from request text.
    return template.replace("$filterWhere", where)


# The discs a page is looked for in, as fractions of its radius (cypher._NEAR_HITS): the first that holds the page.
_REACHES = (1 / 64, 1 / 16, 1 / 4)


def reaches(radius_m: float) -> list[float]:
    return [radius_m * share for share in _REACHES] + [radius_m]


class PartnersRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def commune_origin(self, code: str) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.COMMUNE_ORIGIN, {"commune": code})

    async def point_origin(self, latitude: float, longitude: float) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.POINT_ORIGIN, {"origin": WGS84Point((longitude, latitude))})

    async def organization_origin(self, organization_id: str) -> dict[str, Any] | None:
        return await self.reader.read_one(cypher.ORGANIZATION_ORIGIN, {"id": organization_id})

    async def near_page(self, origin: WGS84Point, radius_m: float, exclude: list[str], where: LiteralString,
                        params: dict[str, Any], after: dict[str, Any] | None, limit: int,
                        origin_territories: list[str]) -> list[dict[str, Any]]:
        return await self.reader.read(_with_filter(cypher.NEAR_PAGE_TEMPLATE, where), {
            **params, "origin": origin, "radius": radius_m, "reaches": reaches(radius_m), "exclude": exclude,
            "after": after, "limit": limit, "originTerritories": origin_territories})

    async def near(self, origin: WGS84Point, radius_m: float, exclude: list[str], where: LiteralString,
                   params: dict[str, Any], after: dict[str, Any] | None, limit: int, origin_territories: list[str],
                   with_total: bool) -> dict[str, Any]:
        """A page of organizations (as ORGANIZATION_MAP rows) and, when asked, the total, in one round trip."""
        template = cypher.NEAR_PAGE_WITH_TOTAL if with_total else cypher.NEAR_PAGE
        row = await self.reader.read_one(_with_filter(template, where), {
            **params, "origin": origin, "radius": radius_m, "reaches": reaches(radius_m), "exclude": exclude,
            "after": after, "limit": limit, "originTerritories": origin_territories, "countCap": COUNT_CAP + 1})
        assert row is not None  # the query always returns one row
        return row

    async def near_count(self, origin: WGS84Point, radius_m: float, exclude: list[str], where: LiteralString,
                         params: dict[str, Any]) -> int:
        row = await self.reader.read_one(_with_filter(cypher.NEAR_COUNT_TEMPLATE, where), {
            **params, "origin": origin, "radius": radius_m, "exclude": exclude, "countCap": COUNT_CAP + 1})
        return int(row["total"]) if row else 0

    async def suggestions(self, organization_id: str, origin: WGS84Point, radius_m: float,
                          limit: int) -> list[dict[str, Any]]:
        return await self.reader.read(cypher.SUGGESTIONS, {
            "id": organization_id, "origin": origin, "radius": radius_m, "limit": limit})
