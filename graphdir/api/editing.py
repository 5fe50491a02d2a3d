"""What every mutation shares: UserError, SourceInput, the actor of a request, ids of an input decoded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import strawberry

from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.editing.records import Actor, EditRequest, SourceRef
from graphdir.domain.editing.records import UserError as UserErrorRecord
from graphdir.loader.errors import INVALID_VALUE

IDEMPOTENCY_HELP = ("A key of the client's choosing (per token): the same mutation sent again with it changes "
                    "nothing twice and answers the same objects (`replayed: true`).")
VERSION_HELP = "The version read (`version`): a stale one is refused with CONFLICT, nothing written."


@strawberry.type(description="Something the input got wrong; nothing was written.")
class UserError:
    field: str = strawberry.field(description='Where in the input: a path such as "input.commune" or '
                                  '"input.source.url".')
    message: str = strawberry.field(description="What is wrong.")
    code: str = strawberry.field(description="The rule broken: REQUIRED, INVALID_VALUE, INVALID_FORMAT, INVALID_DATE, "
                                 "DATE_ORDER, UNKNOWN_REFERENCE, NOT_UNIQUE, ALREADY_EXISTS, CONFLICT, "
                                 "IDEMPOTENCY_KEY_REUSED… (the loader's codes, seeds/FORMAT.md).")

    @classmethod
    def of(cls, error: UserErrorRecord) -> UserError:
        return cls(field=error.field, message=error.message, code=error.code)


@strawberry.input(description="The source of the facts an edit asserts: exactly one of `id` (an existing source), "
                  "a new document (`document`, `title`, `url`, `publishedOn`), or `declaredBy` (the organization "
                  "declaring it); with the words stating it in `excerpt`. Required: unsourced facts are refused.")
class SourceInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="An existing Source's global id.")
    document: str | None = strawberry.field(default=None, description="A new source: the document's name.")
    title: str | None = strawberry.field(default=None, description="A new source: its title.")
    url: str | None = strawberry.field(default=None, description="A new source: where it can be read (http(s)).")
    published_on: str | None = strawberry.field(default=None, description='A new source: when it was published, a '
                                                'partial date ("2024-05").')
    declared_by: strawberry.ID | None = strawberry.field(default=None, description="The organization declaring the "
                                                         "fact (its global id).")
    excerpt: str | None = strawberry.field(default=None, description="The words of the source stating the fact.")


def actor(ctx: Context) -> Actor:
    assert ctx.principal is not None  # the permission classes let no anonymous request through
    return Actor(id=ctx.principal.id, name=ctx.principal.name, request_id=ctx.request_id)


class Decoded:
    """Graph ids decoded from an input's global ids, and the UserErrors of those that are not ids of their type."""

    def __init__(self) -> None:
        self.errors: list[UserErrorRecord] = []

    def id(self, value: str | None, path: str, type_name: str) -> str | None:
        if value is None:
            return None
        try:
            return decode(value, path, {type_name})[1]
        except InvalidArgument as exc:
            self.errors.append(UserErrorRecord(path, str(exc), INVALID_VALUE))
            return None


def graph_id_or_none(value: str | None, type_name: str) -> str | None:
    """The graph id of a global id of that type, None when it is not one (the mutation reports it)."""
    return Decoded().id(value, "", type_name)


class EditInput(Protocol):
    """What every mutation's input carries besides its fields (a `version` too, when it changes an object)."""

    source: SourceInput | None
    idempotency_key: str | None


def edit_request(decoded: Decoded, input: EditInput) -> EditRequest:
    """The edit an input asks for: its source (ids decoded), the version it read if it names one, its key."""
    source, ref = input.source, None
    if source is not None:
        ref = SourceRef(id=decoded.id(source.id, "input.source.id", "Source"), document=source.document,
                        title=source.title, url=source.url, published_on=source.published_on,
                        declared_by=decoded.id(source.declared_by, "input.source.declaredBy", "Organization"),
                        excerpt=source.excerpt)
    return EditRequest(source=ref, version=getattr(input, "version", None), idempotency_key=input.idempotency_key)


def given(value: Any, names: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The fields of an input that were given (null included), by seed-format name: `names` is (python attribute,
    seed-format name); enums are stored by value, input objects as their `seed_format()`."""
    out: dict[str, Any] = {}
    for attribute, name in names:
        field = getattr(value, attribute)
        if field is not strawberry.UNSET:
            seed_format = getattr(field, "seed_format", None)  # an input object of several fields (a location)
            out[name] = seed_format() if callable(seed_format) else getattr(field, "value", field)
    return out
