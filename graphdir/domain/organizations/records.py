"""Records of the organizations domain: organizations (ORGANIZATION_MAP), memberships and partnerships."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphdir.domain.common.records import Location
from graphdir.domain.facts.records import Link


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    id: str
    name: str
    acronym: str | None
    slug: str
    kind: str
    family: str | None
    legal_form: str | None
    siren: str | None
    siret: str | None
    rna: str | None
    website: str | None
    founded_on: str | None
    founded_on_inferred: bool
    founded_on_note: str | None
    description: str | None
    address: str | None
    location: Location | None
    synthetic: bool
    classified_by: str | None = None
    insertion_measures: tuple[str, ...] = ()
    ceased: bool = False
    ceased_on: str | None = None
    # Starts at 1; each edit through the API adds one (an update names the version it read).
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> OrganizationRecord:
        """From ORGANIZATION_MAP."""
        return OrganizationRecord(
            id=row["id"], name=row["name"], acronym=row.get("acronym"), slug=row.get("slug") or row["id"],
            kind=row["kind"], family=row.get("family"), legal_form=row.get("legalForm"), siren=row.get("siren"),
            siret=row.get("siret"), rna=row.get("rna"), website=row.get("website"), founded_on=row.get("foundedOn"),
            founded_on_inferred=bool(row.get("foundedOnInferred")), founded_on_note=row.get("foundedOnNote"),
            description=row.get("description"), address=row.get("address"),
            location=Location.of(row), synthetic=bool(row.get("synthetic")), version=row.get("version") or 1,
            classified_by=row.get("classifiedBy"),
            insertion_measures=tuple(row.get("insertionMeasures") or ()), ceased=bool(row.get("ceased")),
            ceased_on=row.get("ceasedOn"),
        )


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """A membership seen from one end: `organization` is the member or the body joined."""

    organization: OrganizationRecord
    role: str | None
    link: Link
    # Starts at 1; each edit through the API adds one.
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> MembershipRecord:
        """From an edge row {node, role, since, until, source, excerpt, inferred, note, version}."""
        return MembershipRecord(organization=OrganizationRecord.of(row["node"]), role=row.get("role"),
                                link=Link.of(row), version=row.get("version") or 1)


@dataclass(frozen=True, slots=True)
class PartnershipRecord:
    """A partnership seen from one end: `direction` OUTGOING when that end is the relationship's start."""

    organization: OrganizationRecord
    kind: str
    direction: str
    link: Link
    role: str | None = None
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> PartnershipRecord:
        """From an edge row {node, kind, direction, since, until, source, excerpt, inferred, note}."""
        return PartnershipRecord(organization=OrganizationRecord.of(row["node"]), kind=row["kind"],
                                 direction=row["direction"], link=Link.of(row), role=row.get("role"),
                                 version=row.get("version") or 1)
