"""Strawberry permission classes for mutations: IsEditor, IsAdmin, and InEditorTerritory (an editor limited to
territories edits only what lies inside them, by the containment rule of graphdir.domain.territories.cypher).

A refusal is a GraphQL error on the field: `extensions.code` UNAUTHENTICATED without a token, FORBIDDEN with one
that may not; nothing is written.
"""

from __future__ import annotations

from typing import Any, Protocol

from graphql import GraphQLError
from strawberry.permission import BasePermission
from strawberry.types import Info

from graphdir.api.auth import FORBIDDEN, UNAUTHENTICATED
from graphdir.api.context import Context
from graphdir.domain.accounts.records import Principal
from graphdir.domain.accounts.service import AccountService


class Refused(GraphQLError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, extensions={"code": code})


def _principal(info: Info[Context, None]) -> Principal:
    principal = info.context.principal
    if principal is None:
        raise Refused(UNAUTHENTICATED, "this needs a token: send the header Authorization: Bearer <token>")
    return principal


class _HasRole(BasePermission):
    message = ""

    def allows(self, principal: Principal) -> bool:
        raise NotImplementedError

    def has_permission(self, source: Any, info: Info[Context, None], **kwargs: Any) -> bool:
        principal = _principal(info)
        if not self.allows(principal):
            raise Refused(FORBIDDEN, f"token {principal.name!r} is a {principal.role.value}: {self.message}")
        return True


class IsEditor(_HasRole):
    message = "an editor's or an admin's token is needed"

    def allows(self, principal: Principal) -> bool:
        return principal.can_edit


class IsAdmin(_HasRole):
    message = "an admin's token is needed"

    def allows(self, principal: Principal) -> bool:
        return principal.is_admin


class Scoped(Protocol):
    def scope_targets(self) -> tuple[list[str], list[str]]:
        """The graph ids of the organizations the edit touches, and of the territories it places something in
        (an id it cannot decode is left out: the mutation reports it)."""
        ...


class InEditorTerritory(BasePermission):
    """After IsEditor: what the mutation's `input` touches must lie inside the editor's territories."""

    message = "outside the territories of this token"

    async def has_permission(self, source: Any, info: Info[Context, None], **kwargs: Any) -> bool:
        principal = _principal(info)
        if not principal.scoped:
            return True
        target: Scoped = kwargs["input"]
        organizations, places = target.scope_targets()
        if not organizations and not places:
            raise Refused(FORBIDDEN, f"token {principal.name!r} edits inside {', '.join(principal.territories)} "
                          "only: say where the organization is (its commune)")
        outside = await AccountService(info.context.reader).outside_scope(principal, organizations, places)
        if outside:
            raise Refused(FORBIDDEN, f"token {principal.name!r} edits inside {', '.join(principal.territories)} "
                          f"only: {', '.join(outside)} is not")
        return True
