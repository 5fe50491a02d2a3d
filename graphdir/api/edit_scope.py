"""InEditorScope: InEditorTerritory for edits that name conventions, people or figures, which lie where the
organizations and territories that place them are (graphdir.domain.editing.scope). A person placed by no role lies
in no territory: an editor limited to territories may correct it."""

from __future__ import annotations

from typing import Any, Protocol

from strawberry.permission import BasePermission
from strawberry.types import Info

from graphdir.api.auth import FORBIDDEN
from graphdir.api.context import Context
from graphdir.api.permissions import Refused, _principal
from graphdir.domain.accounts.service import AccountService
from graphdir.domain.editing.scope import placed_by


class ScopedBySubjects(Protocol):
    def scope_targets(self) -> tuple[list[str], list[str]]: ...

    def scope_subjects(self) -> list[tuple[str, str]]:
        """The (label, graph id) of the conventions, people and figures the edit touches."""
        ...


class InEditorScope(BasePermission):
    message = "outside the territories of this token"

    async def has_permission(self, source: Any, info: Info[Context, None], **kwargs: Any) -> bool:
        principal = _principal(info)
        if not principal.scoped:
            return True
        target: ScopedBySubjects = kwargs["input"]
        organizations, places = target.scope_targets()
        subjects = target.scope_subjects()
        more_organizations, more_places = await placed_by(info.context.reader, subjects)
        organizations, places = [*organizations, *more_organizations], [*places, *more_places]
        if not organizations and not places:
            if subjects and all(label == "Person" for label, _ in subjects):
                return True
            raise Refused(FORBIDDEN, f"token {principal.name!r} edits inside {', '.join(principal.territories)} "
                          "only: say where it is (its organizations, its commune or territory)")
        outside = await AccountService(info.context.reader).outside_scope(principal, organizations, places)
        if outside:
            raise Refused(FORBIDDEN, f"token {principal.name!r} edits inside {', '.join(principal.territories)} "
                          f"only: {', '.join(outside)} is not")
        return True
