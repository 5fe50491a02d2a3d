"""Figure (a published count) and Statement (a mission, principle…)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial
from graphdir.api.context import Context
from graphdir.api.facts.enums import StatementKind
from graphdir.api.facts.loaders import Citations
from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate
from graphdir.domain.facts.records import FigureRecord, StatementRecord

if TYPE_CHECKING:
    from graphdir.api.organizations.types import Organization
    from graphdir.api.territories.types import Territory


@strawberry.type(description="A figure an organization published about a territory: jobs, establishments, shares.")
class Figure(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Figure:<graph id>".')
    measure: str = strawberry.field(description="What is measured (ess_jobs, ess_establishments, …).")
    value: float = strawberry.field(description="The value.")
    unit: str | None = strawberry.field(description="jobs, establishments or percent.")
    year: PartialDate | None = strawberry.field(description="The year it describes, if known.")
    year_inferred: bool = strawberry.field(description="True when the year was inferred.")
    year_note: str | None = strawberry.field(description="How the year was inferred.")
    scope: str | None = strawberry.field(description="What exactly is counted, in the source's words.")
    approximate: bool = strawberry.field(description='True when the source gives it as approximate ("près de").')
    version: int = strawberry.field(description="Starts at 1, one more at each edit (correctFigure).")
    graph_id: strawberry.Private[str]
    territory_id: strawberry.Private[str | None]
    publisher_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, figure: FigureRecord) -> Figure:
        return cls(id=strawberry.ID(encode("Figure", figure.id)), graph_id=figure.id, measure=figure.measure,
                   value=figure.value, unit=figure.unit, year=partial(figure.year), year_inferred=figure.year_inferred,
                   year_note=figure.year_note, scope=figure.scope, approximate=figure.approximate,
                   territory_id=figure.territory_id, publisher_id=figure.publisher_id, version=figure.version)

    @strawberry.field(description="The territory it is about.")
    async def territory(self, info: Info[Context, None]
                        ) -> Annotated[Territory, strawberry.lazy("graphdir.api.territories.types")] | None:
        from graphdir.api.territories.loaders import Territories
        from graphdir.api.territories.types import Territory

        if self.territory_id is None:
            return None
        return Territory.maybe(await Territories.of(info.context).get(self.territory_id))

    @strawberry.field(description="The organization that published it.")
    async def publisher(self, info: Info[Context, None]
                        ) -> Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")] | None:
        from graphdir.api.organizations.loaders import Organizations
        from graphdir.api.organizations.types import Organization

        if self.publisher_id is None:
            return None
        return Organization.maybe(await Organizations.of(info.context).get(self.publisher_id))

    @strawberry.field(description="The first source stating it, with its excerpt.")
    async def source(self, info: Info[Context, None]) -> Source | None:
        found = Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Figure")))
        return found[0] if found else None

    @strawberry.field(description="Every source stating it, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Figure")))


@strawberry.type(description="A statement of an organization: a mission, a function, a principle, an ambition.")
class Statement(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Statement:<graph id>".')
    kind: StatementKind = strawberry.field(description="What it is.")
    position: int | None = strawberry.field(description="Its rank in the organization's list of that kind.")
    text: str = strawberry.field(description="Its words, as the source writes them.")
    adopted_on: PartialDate | None = strawberry.field(description="When it was adopted (voted), if known.")
    graph_id: strawberry.Private[str]
    organization_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, statement: StatementRecord) -> Statement:
        return cls(id=strawberry.ID(encode("Statement", statement.id)), graph_id=statement.id,
                   kind=StatementKind(statement.kind), position=statement.position, text=statement.text,
                   adopted_on=partial(statement.adopted_on), organization_id=statement.organization_id)

    @strawberry.field(description="The organization it belongs to.")
    async def organization(self, info: Info[Context, None]
                           ) -> Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")] | None:
        from graphdir.api.organizations.loaders import Organizations
        from graphdir.api.organizations.types import Organization

        if self.organization_id is None:
            return None
        return Organization.maybe(await Organizations.of(info.context).get(self.organization_id))

    @strawberry.field(description="The sources stating it, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Statement")))
