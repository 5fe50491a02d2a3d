"""Records of the conventions domain: conventions (CONVENTION_MAP) and their parties."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphdir.domain.facts.records import SourceRecord
from graphdir.domain.organizations.records import OrganizationRecord


@dataclass(frozen=True, slots=True)
class ConventionRecord:
    id: str
    title: str
    kind: str | None
    status: str | None
    signed_on: str | None
    signed_on_inferred: bool
    signed_on_note: str | None
    signed_at: str | None
    place: str | None
    objectives: list[str]
    valid_from: str | None
    valid_until: str | None
    version: int

    @staticmethod
    def of(row: dict[str, Any]) -> ConventionRecord:
        """From CONVENTION_MAP."""
        return ConventionRecord(
            id=row["id"], title=row["title"], kind=row.get("kind"), status=row.get("status"),
            signed_on=row.get("signedOn"), signed_on_inferred=bool(row.get("signedOnInferred")),
            signed_on_note=row.get("signedOnNote"), signed_at=row.get("signedAt"), place=row.get("place"),
            objectives=row.get("objectives") or [], valid_from=row.get("validFrom"), valid_until=row.get("validUntil"),
            version=row.get("version") or 1,
        )


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A party to a convention, with its role and the source stating it (if other than the convention's)."""

    organization: OrganizationRecord
    role: str | None
    source: SourceRecord | None
    excerpt: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> PartyRecord:
        """From a row {organization, role, source, excerpt}."""
        return PartyRecord(organization=OrganizationRecord.of(row["organization"]), role=row.get("role"),
                           source=SourceRecord.maybe(row.get("source")), excerpt=row.get("excerpt"))
