"""Batched reads of people, roles and talks (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt

from graphdir.api.dataloaders import ListLoader, NodeLoader
from graphdir.domain.people.records import PersonRecord, RoleRecord, SpeakerRecord
from graphdir.domain.people.service import PersonService


class People(NodeLoader[PersonRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, PersonRecord]:
        return await PersonService(self.context.reader).by_ids(ids)


class RolesIn(ListLoader[dt.date | None, RoleRecord]):
    """The roles held in organizations (on a day, or at any time)."""

    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[RoleRecord]]:
        return await PersonService(self.context.reader).roles_in(ids, args)


class RolesOf(ListLoader[dt.date | None, RoleRecord]):
    """The roles people hold (on a day, or at any time)."""

    key = staticmethod(RolesIn.key)

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[RoleRecord]]:
        return await PersonService(self.context.reader).roles_of(ids, args)


class SpeakersOf(ListLoader[tuple[()], SpeakerRecord]):
    """Who spoke at events."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        return await PersonService(self.context.reader).speakers_of(ids)


class TalksOf(ListLoader[tuple[()], SpeakerRecord]):
    """The events people spoke at."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[SpeakerRecord]]:
        return await PersonService(self.context.reader).talks_of(ids)
