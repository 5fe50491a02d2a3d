"""Batched reads of people, roles and talks (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.api.dataloaders import ListLoader, NodeLoader
from graphdir.domain.people.service import PersonService

Row = dict[str, Any]


class People(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await PersonService(self.context.reader).by_ids(ids)


class RolesIn(ListLoader[dt.date | None, Row]):
    """The roles held in organizations (on a day, or at any time)."""

    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[Row]]:
        return await PersonService(self.context.reader).roles_in(ids, args)


class RolesOf(ListLoader[dt.date | None, Row]):
    """The roles people hold (on a day, or at any time)."""

    key = staticmethod(RolesIn.key)

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[Row]]:
        return await PersonService(self.context.reader).roles_of(ids, args)


class SpeakersOf(ListLoader[tuple[()], Row]):
    """Who spoke at events."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await PersonService(self.context.reader).speakers_of(ids)


class TalksOf(ListLoader[tuple[()], Row]):
    """The events people spoke at."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await PersonService(self.context.reader).talks_of(ids)
