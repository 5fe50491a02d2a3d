"""The Organization type. Relationship fields read through per-request DataLoaders (one query per level)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import GeoPoint, Source, partial
from graphdir.api.connections import After, First
from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.organizations.enums import (
    Direction,
    InsertionMeasure,
    OrganizationFamily,
    OrganizationKind,
    PartnershipKind,
)
from graphdir.api.organizations.loaders import MemberOf, Members, Partners
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate
from graphdir.api.sites.loaders import SitesOf
from graphdir.api.sites.types import Site
from graphdir.api.territories.enums import TerritoryLevel
from graphdir.api.territories.loaders import CommuneOf, CoveredBy
from graphdir.api.territories.types import Territory
from graphdir.domain.organizations.records import OrganizationRecord

if TYPE_CHECKING:
    from graphdir.api.conventions.types import ConventionConnection
    from graphdir.api.events.types import EventConnection
    from graphdir.api.facts.enums import StatementKind
    from graphdir.api.facts.types import Figure, Statement
    from graphdir.api.history.types import ChangeConnection
    from graphdir.api.organizations.connections import MembershipConnection, PartnershipConnection
    from graphdir.api.people.types import Role

_ON = "Only what held on that day (default: at any time)."

On = Annotated[dt.date | None, strawberry.argument(description=_ON)]


@strawberry.type(description="An actor of the directory: chamber, federation, enterprise, public body…")
class Organization(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Organization:<graph id>".')
    name: str = strawberry.field(description="Its name, as its sources write it.")
    acronym: str | None = strawberry.field(description="Its acronym (CRES Auvergne, CPCA…).")
    slug: str = strawberry.field(description="A readable unique key (from the acronym, else the name).")
    kind: OrganizationKind = strawberry.field(description="What kind of body it is.")
    family: OrganizationFamily | None = strawberry.field(description="Its ESS family (none for public bodies).")
    legal_form: str | None = strawberry.field(description="Its legal form, if a source gives it.")
    siren: str | None = strawberry.field(description="SIREN number (9 digits).")
    siret: str | None = strawberry.field(description="SIRET number of its seat (14 digits).")
    rna: str | None = strawberry.field(description="RNA number of an association (W + 9 digits).")
    website: str | None = strawberry.field(description="Its website.")
    founded_on: PartialDate | None = strawberry.field(description="When it was founded, as precisely as known.")
    founded_on_inferred: bool = strawberry.field(description="True when foundedOn was inferred.")
    founded_on_note: str | None = strawberry.field(description="How foundedOn was inferred.")
    description: str | None = strawberry.field(description="What it is and does, from its sources.")
    address: str | None = strawberry.field(description="Its postal address.")
    location: GeoPoint | None = strawberry.field(
        description="Where it is, when curated data says so; `approximate` when this is its commune's centre. An "
        "imported legal unit is where its `sites` are."
    )
    synthetic: bool = strawberry.field(description="True for generated scale-test data, never for real actors.")
    classified_by: str | None = strawberry.field(
        description="For an imported organization, the rule that gave its kind and family (e.g. "
        "`sirene-legal-form:cooperative`, `siae-legal-form:association`: graphdir/importers/legal_forms.py).")
    insertion_measures: list[InsertionMeasure] = strawberry.field(
        description="The insertion measures it runs, from the SIAE list (ACI, AI, EI, ETTI, EITI).")
    ceased: bool = strawberry.field(description="True when the legal unit has ceased (it stays in the directory).")
    ceased_on: PartialDate | None = strawberry.field(description="When it ceased (dissolved, merged, closed, or "
                                                    "retired by an editor), if known; it stays with its history.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit: an update names the version it "
                                    "read, and a stale one is refused (CONFLICT).")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, record: OrganizationRecord) -> Organization:
        family = record.family
        return cls(
            id=strawberry.ID(encode("Organization", record.id)), graph_id=record.id, name=record.name,
            acronym=record.acronym, slug=record.slug, kind=OrganizationKind(record.kind),
            family=OrganizationFamily(family) if family else None, legal_form=record.legal_form, siren=record.siren,
            siret=record.siret, rna=record.rna, website=record.website, founded_on=partial(record.founded_on),
            founded_on_inferred=record.founded_on_inferred, founded_on_note=record.founded_on_note,
            description=record.description, address=record.address,
            location=GeoPoint.of(record.location), synthetic=record.synthetic, version=record.version,
            classified_by=record.classified_by,
            insertion_measures=[InsertionMeasure(m) for m in record.insertion_measures], ceased=record.ceased,
            ceased_on=partial(record.ceased_on),
        )

    @classmethod
    def maybe(cls, record: OrganizationRecord | None) -> Organization | None:
        return cls.from_record(record) if record is not None else None

    @strawberry.field(description="The commune it is located in.")
    async def commune(self, info: Info[Context, None]) -> Territory | None:
        return Territory.maybe(await CommuneOf.of(info.context).load(self.graph_id, CommuneOf.key("Organization")))

    @strawberry.field(description="Its establishments (SIRET), head office first then by SIRET; with `territoryCode`, "
                      "only those inside that territory (where partnersIn found it).")
    async def sites(
        self, info: Info[Context, None],
        territory_code: Annotated[str | None, strawberry.argument(
            description="Only the sites inside this territory (its code).")] = None,
        level: Annotated[TerritoryLevel | None, strawberry.argument(
            description="The territory's level, needed when several levels share the code.")] = None,
        first: Annotated[int | None, strawberry.argument(description="At most this many (0 to 100, default 20).")]
        = None,
    ) -> list[Site]:
        rows = await SitesOf.of(info.context).load(self.graph_id, SitesOf.key(territory_code, level, first))
        return [Site.from_record(row) for row in rows]

    @strawberry.field(description="The territories it works for or governs (COVERS), on that day.")
    async def territories(self, info: Info[Context, None], on: On = None) -> list[Territory]:
        rows = await CoveredBy.of(info.context).load(self.graph_id, CoveredBy.key(on))
        return [Territory.from_record(coverage.territory) for coverage in rows]

    @strawberry.field(description="The territories it covers, with the dates of each coverage.")
    async def coverage(self, info: Info[Context, None], on: On = None) -> list[Coverage]:
        rows = await CoveredBy.of(info.context).load(self.graph_id, CoveredBy.key(on))
        return [Coverage(territory=Territory.from_record(coverage.territory), since=partial(coverage.since),
                         until=partial(coverage.until)) for coverage in rows]

    @strawberry.field(description="The bodies it is a member of (federations, chambers…), by name.")
    async def member_of(self, info: Info[Context, None], on: On = None, first: First = None, after: After = None
                        ) -> Annotated[MembershipConnection, strawberry.lazy("graphdir.api.organizations.connections")]:
        from graphdir.api.organizations.connections import MembershipConnection, MembershipEdge
        from graphdir.api.organizations.loaders import MEMBERSHIP_ORDER

        page = await MemberOf.of(info.context).load(self.graph_id, MemberOf.key(on, first, after))
        return MembershipConnection.of(page, MEMBERSHIP_ORDER, MembershipEdge.of)

    @strawberry.field(description="Its members, by name.")
    async def members(self, info: Info[Context, None], on: On = None, first: First = None, after: After = None
                      ) -> Annotated[MembershipConnection, strawberry.lazy("graphdir.api.organizations.connections")]:
        from graphdir.api.organizations.connections import MembershipConnection, MembershipEdge
        from graphdir.api.organizations.loaders import MEMBERSHIP_ORDER

        page = await Members.of(info.context).load(self.graph_id, Members.key(on, first, after))
        return MembershipConnection.of(page, MEMBERSHIP_ORDER, MembershipEdge.of)

    @strawberry.field(description="Organizations it recognises, supports, funds, founded, partners… or that do so "
                      "to it (see each edge's kind and direction), by name.")
    async def partners(
        self, info: Info[Context, None], on: On = None,
        kinds: Annotated[list[PartnershipKind] | None, strawberry.argument(description="Only these kinds.")] = None,
        direction: Annotated[Direction | None, strawberry.argument(description="Only this direction.")] = None,
        first: First = None, after: After = None,
    ) -> Annotated[PartnershipConnection, strawberry.lazy("graphdir.api.organizations.connections")]:
        from graphdir.api.organizations.connections import PartnershipConnection, PartnershipEdge
        from graphdir.api.organizations.loaders import PARTNERSHIP_ORDER

        page = await Partners.of(info.context).load(self.graph_id, Partners.key(on, kinds, direction, first, after))
        return PartnershipConnection.of(page, PARTNERSHIP_ORDER, PartnershipEdge.of)

    @strawberry.field(description="Conventions it is party to, latest signed first.")
    async def conventions(self, info: Info[Context, None], first: First = None, after: After = None
                          ) -> Annotated[ConventionConnection, strawberry.lazy("graphdir.api.conventions.types")]:
        from graphdir.api.conventions.loaders import CONVENTION_ORDER, OfOrganization
        from graphdir.api.conventions.types import ConventionConnection, convention_edge

        page = await OfOrganization.of(info.context).load(self.graph_id, OfOrganization.key(first, after))
        return ConventionConnection.of(page, CONVENTION_ORDER, convention_edge)

    @strawberry.field(description="The people holding roles in it (president, director…), on that day.")
    async def people(self, info: Info[Context, None], on: On = None
                     ) -> list[Annotated[Role, strawberry.lazy("graphdir.api.people.types")]]:
        from graphdir.api.people.loaders import RolesIn
        from graphdir.api.people.types import Role

        return [Role.from_record(role) for role in await RolesIn.of(info.context).load(self.graph_id, RolesIn.key(on))]

    @strawberry.field(description="Events it organised, latest first.")
    async def events(self, info: Info[Context, None], first: First = None, after: After = None
                     ) -> Annotated[EventConnection, strawberry.lazy("graphdir.api.events.types")]:
        from graphdir.api.events.loaders import EVENT_ORDER, OrganisedBy
        from graphdir.api.events.types import EventConnection, event_edge

        page = await OrganisedBy.of(info.context).load(self.graph_id, OrganisedBy.key(first, after))
        return EventConnection.of(page, EVENT_ORDER, event_edge)

    @strawberry.field(description="Figures it published (jobs, establishments, shares…).")
    async def figures(self, info: Info[Context, None]
                      ) -> list[Annotated[Figure, strawberry.lazy("graphdir.api.facts.types")]]:
        from graphdir.api.facts.loaders import FiguresOf
        from graphdir.api.facts.types import Figure

        rows = await FiguresOf.of(info.context).load(self.graph_id, FiguresOf.key("Organization"))
        return [Figure.from_record(figure) for figure in rows]

    @strawberry.field(description="Its missions, functions, principles and ambitions, in order.")
    async def statements(
        self, info: Info[Context, None],
        kinds: Annotated[list[Annotated[StatementKind, strawberry.lazy("graphdir.api.facts.enums")]] | None,
                         strawberry.argument(description="Only these kinds.")] = None,
    ) -> list[Annotated[Statement, strawberry.lazy("graphdir.api.facts.types")]]:
        from graphdir.api.facts.loaders import StatementsOf
        from graphdir.api.facts.types import Statement

        rows = await StatementsOf.of(info.context).load(self.graph_id, StatementsOf.key(kinds))
        return [Statement.from_record(statement) for statement in rows]

    @strawberry.field(description="The changes made to it (and to its memberships, roles and establishments) "
                      "through the API and by loads and imports, newest first; after a merge, those of the merged "
                      "organization too.")
    async def history(self, info: Info[Context, None], first: First = None, after: After = None
                      ) -> Annotated[ChangeConnection, strawberry.lazy("graphdir.api.history.types")]:
        from graphdir.api.history.loaders import HISTORY_ORDER, HistoryOf
        from graphdir.api.history.types import ChangeConnection, change_edge

        page = await HistoryOf.of(info.context).load(self.graph_id, HistoryOf.key(first, after))
        return ChangeConnection.of(page, HISTORY_ORDER, change_edge)

    @strawberry.field(description="The sources citing it, each with the excerpt that does.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Organization")))


@strawberry.type(description="A territory an organization covers, with the dates of the coverage.")
class Coverage:
    territory: Territory = strawberry.field(description="The territory covered.")
    since: PartialDate | None = strawberry.field(description="When the coverage began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
