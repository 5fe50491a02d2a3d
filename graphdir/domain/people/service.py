"""People, their roles and their talks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.people.repository import PersonRepository

Row = dict[str, Any]


class PersonService:
    def __init__(self, reader: Reader) -> None:
        self.repository = PersonRepository(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self.repository.by_ids(ids)

    async def roles_in(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        """Roles held in each organization on `on` (None: at any time): rows {person, organization, title, …}."""
        return await self.repository.roles_in(organization_ids, on)

    async def roles_of(self, person_ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        return await self.repository.roles_of(person_ids, on)

    async def speakers_of(self, event_ids: list[str]) -> dict[str, list[Row]]:
        """Who spoke at each event: rows {person, event, title, source, excerpt}."""
        return await self.repository.speakers_of(event_ids)

    async def talks_of(self, person_ids: list[str]) -> dict[str, list[Row]]:
        return await self.repository.talks_of(person_ids)
