"""Inputs of the mutations on organizations and memberships. Dates and codes are strings, checked by the loader's
rules (seeds/FORMAT.md), so that a bad one is a UserError naming its field."""

from __future__ import annotations

from typing import Any

import strawberry

from graphdir.api.editing import IDEMPOTENCY_HELP, VERSION_HELP, SourceInput, graph_id_or_none
from graphdir.api.organizations.enums import OrganizationFamily, OrganizationKind
from graphdir.loader.validation import commune_id

_DATE = ' (a partial date: "2012", "2012-01" or "2012-01-20")'
# (python attribute, seed-format name) of the organization fields the inputs carry.
ORGANIZATION_INPUT_FIELDS = (
    ("name", "name"), ("acronym", "acronym"), ("kind", "kind"), ("family", "family"), ("legal_form", "legalForm"),
    ("siren", "siren"), ("siret", "siret"), ("rna", "rna"), ("website", "website"), ("founded_on", "foundedOn"),
    ("ceased_on", "ceasedOn"), ("description", "description"), ("address", "address"), ("commune", "commune"),
    ("location", "location"),
)
MEMBERSHIP_INPUT_FIELDS = (("role", "role"), ("since", "since"), ("until", "until"), ("note", "note"))


def _places(commune: str | None) -> list[str]:
    return [commune_id(commune)] if isinstance(commune, str) else []


@strawberry.input(description="An exact point (WGS-84), in France, as the edit's source gives it.")
class LocationInput:
    latitude: float = strawberry.field(description="Degrees north, -90 to 90.")
    longitude: float = strawberry.field(description="Degrees east, -180 to 180.")
    approximate: bool = strawberry.field(default=False, description="True when the point is only near the place.")
    method: str | None = strawberry.field(default=None, description='How it was found ("address geocoded", '
                                          '"surveyed"…).')

    def seed_format(self) -> dict[str, Any]:
        point = {"latitude": self.latitude, "longitude": self.longitude, "approximate": self.approximate,
                 "method": self.method}
        return {key: value for key, value in point.items() if value is not None}


@strawberry.input(description="Fields of an organization that create and update share.")
class OrganizationFieldsInput:
    family: OrganizationFamily | None = strawberry.field(default=strawberry.UNSET, description="Its ESS family.")
    acronym: str | None = strawberry.field(default=strawberry.UNSET, description="Its acronym.")
    legal_form: str | None = strawberry.field(default=strawberry.UNSET, description="Its legal form.")
    siren: str | None = strawberry.field(default=strawberry.UNSET, description="SIREN (9 digits).")
    siret: str | None = strawberry.field(default=strawberry.UNSET, description="SIRET of its seat (14 digits).")
    rna: str | None = strawberry.field(default=strawberry.UNSET, description="RNA (W + 9 digits).")
    website: str | None = strawberry.field(default=strawberry.UNSET, description="Its website (http(s) URL).")
    founded_on: str | None = strawberry.field(default=strawberry.UNSET, description="When it was founded" + _DATE)
    ceased_on: str | None = strawberry.field(default=strawberry.UNSET, description="When it ceased" + _DATE)
    description: str | None = strawberry.field(default=strawberry.UNSET, description="What it is and does.")
    address: str | None = strawberry.field(default=strawberry.UNSET, description="Its postal address.")
    commune: str | None = strawberry.field(default=strawberry.UNSET, description='INSEE code of its commune ("03095").')
    location: LocationInput | None = strawberry.field(default=strawberry.UNSET, description="Its exact point, "
                                                      "sourced by the edit's source (null: back to its commune's "
                                                      "centre).")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating the facts given "
                                                  "(required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)


@strawberry.input(description="A new organization, with the source stating it.")
class CreateOrganizationInput(OrganizationFieldsInput):
    name: str = strawberry.field(description="Its name, as its source writes it.")
    kind: OrganizationKind = strawberry.field(description="What kind of body it is.")
    slug: str | None = strawberry.field(default=strawberry.UNSET, description="Its slug (default: from the acronym, "
                                        "else the name); its graph id is made from it.")

    def scope_targets(self) -> tuple[list[str], list[str]]:
        return [], _places(self.commune or None)


@strawberry.input(description="Corrections to an organization: only the fields given change (null clears one).")
class UpdateOrganizationInput(OrganizationFieldsInput):
    id: strawberry.ID = strawberry.field(description="The organization's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Its name.")
    kind: OrganizationKind | None = strawberry.field(default=strawberry.UNSET, description="What kind of body it is.")

    def scope_targets(self) -> tuple[list[str], list[str]]:
        organization = graph_id_or_none(self.id, "Organization")
        commune = self.commune if self.commune is not strawberry.UNSET else None
        return [organization] if organization else [], _places(commune)


@strawberry.input(description="An organization that ceased: it stays in the directory, with its end date.")
class RetireOrganizationInput:
    id: strawberry.ID = strawberry.field(description="The organization's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    ceased_on: str | None = strawberry.field(default=None, description="When it ceased (required)" + _DATE)
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        organization = graph_id_or_none(self.id, "Organization")
        return [organization] if organization else [], []


@strawberry.input(description="A membership of an organization in a body (a federation, a chamber, a network).")
class MembershipInput:
    member: strawberry.ID = strawberry.field(description="The member's global id.")
    body: strawberry.ID = strawberry.field(description="The global id of the body it is a member of.")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for addMembership.")
    role: str | None = strawberry.field(default=strawberry.UNSET, description="Its role in the body.")
    since: str | None = strawberry.field(default=strawberry.UNSET, description="When it began" + _DATE)
    until: str | None = strawberry.field(default=strawberry.UNSET, description="When it ended" + _DATE +
                                         "; required by endMembership.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="A note on it.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        member = graph_id_or_none(self.member, "Organization")
        return [member] if member else [], []
