"""Runs the people Cypher through a Reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.repository import grouped
from graphdir.domain.people import cypher

Row = dict[str, Any]


class PersonRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node")

    async def roles_in(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.ROLES_IN_ORGANIZATIONS, organization_ids, "roles", {"on": on})

    async def roles_of(self, person_ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.ROLES_OF_PEOPLE, person_ids, "roles", {"on": on})

    async def speakers_of(self, event_ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.SPEAKERS_OF_EVENTS, event_ids, "talks")

    async def talks_of(self, person_ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.TALKS_OF_PEOPLE, person_ids, "talks")
