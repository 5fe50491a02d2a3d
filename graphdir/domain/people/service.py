"""People, their roles and their talks."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.people.records import PersonRecord, RoleRecord, SpeakerRecord
from graphdir.domain.people.repository import PersonRepository


class PersonService:
    def __init__(self, reader: Reader) -> None:
        self.repository = PersonRepository(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, PersonRecord]:
        return await self.repository.by_ids(ids)

    async def roles_in(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[RoleRecord]]:
        """Roles held in each organization on `on` (None: at any time)."""
        return await self.repository.roles_in(organization_ids, on)

    async def roles_of(self, person_ids: list[str], on: dt.date | None) -> dict[str, list[RoleRecord]]:
        return await self.repository.roles_of(person_ids, on)

    async def speakers_of(self, event_ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        """Who spoke at each event."""
        return await self.repository.speakers_of(event_ids)

    async def talks_of(self, person_ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        return await self.repository.talks_of(person_ids)
