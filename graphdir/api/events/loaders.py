"""Batched reads of events (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import ListLoader, NodeLoader, OneLoader, PageLoader
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.events.records import EventRecord
from graphdir.domain.events.service import EventService

# The cursor ordering of lists of events.
EVENT_ORDER = "event:STARTS_AT_DESC"


class Events(NodeLoader[EventRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, EventRecord]:
        return await EventService(self.context.reader).by_ids(ids)


class OrganisedBy(PageLoader[PageRequest, EventRecord]):
    """The events organizations organised, latest first."""

    @staticmethod
    def key(first: int | None = None, after: str | None = None) -> PageRequest:
        return page_request(first, after, order=EVENT_ORDER, arity=2)

    async def fetch(self, args: PageRequest, ids: list[str]) -> dict[str, Page[EventRecord]]:
        return await EventService(self.context.reader).organised_by(ids, args)


class Linked(ListLoader[str, EventRecord]):
    """Events linked to events; args: the link (partOf, parts, follows, followedBy)."""

    @staticmethod
    def key(link: str) -> str:
        return link

    async def fetch(self, args: str, ids: list[str]) -> dict[str, list[EventRecord]]:
        return await EventService(self.context.reader).linked(args, ids)


class OfConvention(OneLoader[tuple[()], EventRecord]):
    """The event a convention was signed during."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, EventRecord]:
        return await EventService(self.context.reader).of_conventions(ids)
