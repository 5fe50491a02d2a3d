"""Records of edits: the actor, the source an edit names, what it got wrong, what it changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Besides the loader's (graphdir.loader.errors.CODES): the object changed since the version the edit read; an
# idempotency key sent again with another input; an edit that would create what exists.
CONFLICT = "CONFLICT"
IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
ALREADY_EXISTS = "ALREADY_EXISTS"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who edits (a token's id and name) and in which request."""

    id: str
    name: str
    request_id: str


@dataclass(frozen=True, slots=True)
class UserError:
    """`field`: the input path at fault ("input.commune", "input.source.url"); `code`: the rule broken."""

    field: str
    message: str
    code: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The source an edit names: an existing Source (`id`), a new document (`document`, `title`, `url`,
    `published_on`: at least one), or an organization declaring the fact (`declared_by`). `excerpt`: its words."""

    id: str | None = None
    document: str | None = None
    title: str | None = None
    url: str | None = None
    published_on: str | None = None
    declared_by: str | None = None
    excerpt: str | None = None

    @property
    def is_new_document(self) -> bool:
        return any(v is not None for v in (self.document, self.title, self.url, self.published_on))


@dataclass(frozen=True, slots=True)
class EditRequest:
    """What every edit carries besides its own fields: the source, the version read (updates), an idempotency key."""

    source: SourceRef | None
    version: int | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an object, before and after (None: absent)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an edit did: the graph ids of the objects its payload shows (by role: "organization", "member"…),
    the errors that stopped it (then nothing was written), whether it replayed an earlier edit of the same
    idempotency key, and the id of the Change it recorded (None when nothing changed or it failed)."""

    ids: Mapping[str, str] = field(default_factory=dict)
    errors: Sequence[UserError] = ()
    replayed: bool = False
    change_id: str | None = None
