"""Inputs of the mutations on conventions. Dates, times and codes are strings, checked by the loader's rules
(seeds/FORMAT.md), so that a bad one is a UserError naming its field."""

from __future__ import annotations

import strawberry

from graphdir.api.conventions.enums import ConventionKind, ConventionStatus
from graphdir.api.edit_payloads import PARTIAL_DATE
from graphdir.api.editing import IDEMPOTENCY_HELP, VERSION_HELP, SourceInput, graph_id_or_none
from graphdir.loader.validation import commune_id

# (python attribute, seed-format name) of the convention fields the inputs carry.
CONVENTION_INPUT_FIELDS = (
    ("title", "title"), ("kind", "kind"), ("status", "status"), ("signed_on", "signedOn"), ("signed_at", "signedAt"),
    ("commune", "commune"), ("place", "place"), ("objectives", "objectives"), ("valid_from", "validFrom"),
    ("valid_until", "validUntil"),
)


def _places(commune: object) -> list[str]:
    return [commune_id(commune)] if isinstance(commune, str) and commune else []


def _convention(global_id: str) -> list[tuple[str, str]]:
    graph_id = graph_id_or_none(global_id, "Convention")
    return [("Convention", graph_id)] if graph_id else []


@strawberry.input(description="A party to a new convention.")
class PartyInput:
    organization: strawberry.ID = strawberry.field(description="The organization's global id.")
    role: str | None = strawberry.field(default=None, description="Its role (signatory…).")


@strawberry.input(description="Fields of a convention that create and update share.")
class ConventionFieldsInput:
    status: ConventionStatus | None = strawberry.field(default=strawberry.UNSET, description="Where it stands.")
    signed_on: str | None = strawberry.field(default=strawberry.UNSET, description="When it was signed" + PARTIAL_DATE)
    signed_at: str | None = strawberry.field(default=strawberry.UNSET, description='Local time of the signing, '
                                             '"HH:MM".')
    commune: str | None = strawberry.field(default=strawberry.UNSET, description='INSEE code of the commune it was '
                                           'signed in ("03095").')
    place: str | None = strawberry.field(default=strawberry.UNSET, description="The venue of the signing.")
    objectives: list[str] | None = strawberry.field(default=strawberry.UNSET, description="Its objectives, in the "
                                                    "source's order and words (the whole list).")
    valid_from: str | None = strawberry.field(default=strawberry.UNSET, description="When it began to apply" +
                                              PARTIAL_DATE)
    valid_until: str | None = strawberry.field(default=strawberry.UNSET, description="When it stopped applying" +
                                               PARTIAL_DATE)
    source: SourceInput | None = strawberry.field(default=None, description="The source stating the facts given "
                                                  "(required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)


@strawberry.input(description="A new convention, its parties, and the source stating it.")
class CreateConventionInput(ConventionFieldsInput):
    title: str = strawberry.field(description="Its title, as the source writes it.")
    kind: ConventionKind = strawberry.field(description="What it is.")
    parties: list[PartyInput] = strawberry.field(default_factory=list, description="Its parties.")

    def scope_targets(self) -> tuple[list[str], list[str]]:
        parties = [graph_id_or_none(party.organization, "Organization") for party in self.parties]
        return [party for party in parties if party], _places(self.commune)

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        return []


@strawberry.input(description="Corrections to a convention: only the fields given change (null clears one).")
class UpdateConventionInput(ConventionFieldsInput):
    id: strawberry.ID = strawberry.field(description="The convention's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Its title.")
    kind: ConventionKind | None = strawberry.field(default=strawberry.UNSET, description="What it is.")

    def scope_targets(self) -> tuple[list[str], list[str]]:
        return [], _places(self.commune)

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        return _convention(self.id)


@strawberry.input(description="A convention that stopped applying: it stays, with the day it ended.")
class EndConventionInput:
    id: strawberry.ID = strawberry.field(description="The convention's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    valid_until: str | None = strawberry.field(default=None, description="When it stopped applying (required)" +
                                               PARTIAL_DATE)
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        return [], []

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        return _convention(self.id)


@strawberry.input(description="A party added to a convention, or removed from it.")
class ConventionPartyInput:
    convention: strawberry.ID = strawberry.field(description="The convention's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    organization: strawberry.ID = strawberry.field(description="The party's global id.")
    role: str | None = strawberry.field(default=None, description="Its role (signatory…); not for removing.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        party = graph_id_or_none(self.organization, "Organization")
        return [party] if party else [], []

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        return _convention(self.convention)
