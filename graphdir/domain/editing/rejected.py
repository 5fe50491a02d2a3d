"""Rejected: raised inside an edit's transaction to roll it back and answer UserErrors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graphdir.domain.editing.records import UserError


class Rejected(Exception):
    """`errors`: what the editor got wrong; `ids`: the objects the payload still shows (the current state of the
    object a stale update named, so the editor sees its version)."""

    def __init__(self, errors: Sequence[UserError], ids: Mapping[str, str] | None = None) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = list(errors)
        self.ids = dict(ids or {})


def reject(field: str, message: str, code: str, ids: Mapping[str, str] | None = None) -> Rejected:
    return Rejected([UserError(field, message, code)], ids)
