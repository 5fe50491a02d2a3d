"""Runs the people Cypher through a Reader."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.repository import each, grouped
from graphdir.domain.people import cypher
from graphdir.domain.people.records import PersonRecord, RoleRecord, SpeakerRecord


class PersonRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, PersonRecord]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node", PersonRecord.of)

    async def roles_in(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[RoleRecord]]:
        return await grouped(self.reader, cypher.ROLES_IN_ORGANIZATIONS, organization_ids, "roles",
                             each(RoleRecord.of), {"on": on})

    async def roles_of(self, person_ids: list[str], on: dt.date | None) -> dict[str, list[RoleRecord]]:
        return await grouped(self.reader, cypher.ROLES_OF_PEOPLE, person_ids, "roles", each(RoleRecord.of),
                             {"on": on})

    async def speakers_of(self, event_ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        return await grouped(self.reader, cypher.SPEAKERS_OF_EVENTS, event_ids, "talks", each(SpeakerRecord.of))

    async def talks_of(self, person_ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        return await grouped(self.reader, cypher.TALKS_OF_PEOPLE, person_ids, "talks", each(SpeakerRecord.of))
