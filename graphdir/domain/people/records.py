"""Records of the people domain: people (PERSON_MAP), their roles in organizations, their talks at events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphdir.domain.events.records import EventRecord
from graphdir.domain.facts.records import Link, SourceRecord
from graphdir.domain.organizations.records import OrganizationRecord


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: str
    name: str
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> PersonRecord:
        """From PERSON_MAP."""
        return PersonRecord(id=row["id"], name=row["name"], version=row.get("version") or 1)


@dataclass(frozen=True, slots=True)
class RoleRecord:
    """An office a person holds in an organization."""

    person: PersonRecord
    organization: OrganizationRecord
    title: str | None
    portfolio: str | None
    link: Link
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> RoleRecord:
        """From a row {person, organization, title, portfolio, since, until, source, excerpt, inferred, note}."""
        return RoleRecord(person=PersonRecord.of(row["person"]),
                          organization=OrganizationRecord.of(row["organization"]), title=row.get("title"),
                          portfolio=row.get("portfolio"), link=Link.of(row),
                          version=row.get("version") or 1)


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """A person's talk at an event, with the title the source gives them there."""

    person: PersonRecord
    event: EventRecord
    title: str | None
    source: SourceRecord | None
    excerpt: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> SpeakerRecord:
        """From a row {person, event, title, source, excerpt}."""
        return SpeakerRecord(person=PersonRecord.of(row["person"]), event=EventRecord.of(row["event"]),
                             title=row.get("title"), source=SourceRecord.maybe(row.get("source")),
                             excerpt=row.get("excerpt"))
