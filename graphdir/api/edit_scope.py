"""InEditorScope: InEditorTerritory for edits that name conventions, people or figures, which lie where the
organizations and territories that place them are (graphdir.domain.editing.scope).

A convention is inside a territory when one of its parties or its commune is (schema/MODEL.md, "Inside a
territory"), and a person when one of the organizations of its roles is: an editor limited to territories edits
those that one of the edit's places puts inside them (inputs with `scope_any`). Everything else an edit names (a
figure's publisher and territory, a role's organization) must lie inside them all. A person placed by no role lies
in no territory: such an editor may record and correct it.
"""

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

    @property
    def scope_any(self) -> bool:
        """True when one place inside the editor's territories is enough."""
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
        if outside and not (target.scope_any and len(set(outside)) < len(set(organizations) | set(places))):
            raise Refused(FORBIDDEN, f"token {principal.name!r} edits inside {', '.join(principal.territories)} "
                          f"only: {', '.join(outside)} is not")
        return True
