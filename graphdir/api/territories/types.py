"""The Territory type: a place of the COG (or a pays) with its hierarchy as it stood on a day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import GeoPoint, Source, partial
from graphdir.api.connections import After, Connection, Edge, First, node_edges
from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate
from graphdir.api.territories.enums import TerritoryLevel
from graphdir.api.territories.loaders import TERRITORY_ORDER, Children, Parents, Predecessors, Successors
from graphdir.domain.territories.records import TerritoryRecord

if TYPE_CHECKING:
    from graphdir.api.facts.types import Figure
    from graphdir.api.organizations.connections import OrganizationConnection
    from graphdir.api.organizations.enums import OrganizationOrder
    from graphdir.api.organizations.inputs import OrganizationFilter

_ON = "The day to read the hierarchy on (default: today, or the territory's last day if it has ended)."


@strawberry.type(description="A territory: région, département, EPCI, pays, commune or overseas collectivity.")
class Territory(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Territory:<level>:<code>".')
    code: str = strawberry.field(description='Its code: INSEE for the COG levels ("03095"), a slug for a pays.')
    name: str = strawberry.field(description="Its name, as the COG writes it.")
    level: TerritoryLevel = strawberry.field(description="Its level.")
    population: int | None = strawberry.field(description="Legal population, where the data gives one.")
    postal_codes: list[str] = strawberry.field(description="Postal codes (communes only).")
    centroid: GeoPoint | None = strawberry.field(description="A point standing for it (communes only).")
    valid_from: PartialDate | None = strawberry.field(description="The day it came into being, if after 1943.")
    valid_until: PartialDate | None = strawberry.field(description="Its last day, if it has ended (e.g. Auvergne).")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, record: TerritoryRecord) -> Territory:
        return cls(
            id=strawberry.ID(encode("Territory", record.id)), graph_id=record.id, code=record.code, name=record.name,
            level=TerritoryLevel(record.level), population=record.population, postal_codes=record.postal_codes,
            centroid=GeoPoint.of(record.location), valid_from=partial(record.valid_from),
            valid_until=partial(record.valid_until),
        )

    @classmethod
    def maybe(cls, record: TerritoryRecord | None) -> Territory | None:
        return cls.from_record(record) if record is not None else None

    @strawberry.field(description="The territories it lies inside on that day (each one it is PART_OF: a "
                      "commune's EPCI, pays, département and région), smallest level first.")
    async def parents(self, info: Info[Context, None],
                      on: Annotated[dt.date | None, strawberry.argument(description=_ON)] = None) -> list[Territory]:
        return [Territory.from_record(parent) for parent in
                await Parents.of(info.context).load(self.graph_id, Parents.key(on))]

    @strawberry.field(description="Its direct children on that day, by code: the territories inside it and inside "
                      "nothing else inside it (a région's départements, a département's EPCI and the communes of EPCI "
                      "that cross its border, an EPCI's communes). With `level`: every territory of that level inside "
                      "it.")
    async def children(
        self, info: Info[Context, None],
        level: Annotated[TerritoryLevel | None, strawberry.argument(
            description="Every territory of that level inside it, not only direct children.")] = None,
        on: Annotated[dt.date | None, strawberry.argument(description=_ON)] = None,
        first: First = None, after: After = None,
    ) -> TerritoryConnection:
        page = await Children.of(info.context).load(self.graph_id, Children.key(level, on, first, after))
        return TerritoryConnection.of(page, TERRITORY_ORDER, territory_edge)

    @strawberry.field(description="The territories it became (Auvergne became Auvergne-Rhône-Alpes).")
    async def successors(self, info: Info[Context, None]) -> list[Territory]:
        return [Territory.from_record(successor) for successor in
                await Successors.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The territories it was made from.")
    async def predecessors(self, info: Info[Context, None]) -> list[Territory]:
        return [Territory.from_record(predecessor) for predecessor in
                await Predecessors.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="Organizations located in or covering it or any territory inside it.")
    async def organizations(
        self, info: Info[Context, None],
        filter: Annotated[Annotated[OrganizationFilter, strawberry.lazy("graphdir.api.organizations.inputs")] | None,
                          strawberry.argument(description="Further criteria.")] = None,
        order_by: Annotated[Annotated[OrganizationOrder, strawberry.lazy("graphdir.api.organizations.enums")] | None,
                            strawberry.argument(description="Order (default NAME).")] = None,
        first: First = None, after: After = None,
    ) -> Annotated[OrganizationConnection, strawberry.lazy("graphdir.api.organizations.connections")]:
        from graphdir.api.organizations.queries import organizations_in_territory

        return await organizations_in_territory(info.context, self.graph_id, filter, order_by, first, after)

    @strawberry.field(description="Figures published about it (jobs, establishments, shares…).")
    async def figures(self, info: Info[Context, None]) -> list[
            Annotated[Figure, strawberry.lazy("graphdir.api.facts.types")]]:
        from graphdir.api.facts.loaders import FiguresOf
        from graphdir.api.facts.types import Figure

        rows = await FiguresOf.of(info.context).load(self.graph_id, FiguresOf.key("Territory"))
        return [Figure.from_record(figure) for figure in rows]

    @strawberry.field(description="The data sets and documents it comes from.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Territory")))


@strawberry.type(description="An edge to a territory.")
class TerritoryEdge(Edge[Territory]):
    node: Territory = strawberry.field(description="The territory.")


@strawberry.type(description="A page of territories.")
class TerritoryConnection(Connection[TerritoryEdge]):
    pass


territory_edge = node_edges(TerritoryEdge, Territory.from_record)
