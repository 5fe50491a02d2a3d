"""The permission classes: no token UNAUTHENTICATED, a role that may not FORBIDDEN."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from graphdir.api.permissions import IsAdmin, IsEditor, Refused
from graphdir.domain.accounts.records import Principal
from graphdir.vocabulary import AccountRole


def info(role: AccountRole | None) -> Any:
    principal = Principal("tok-x", "x", role, ()) if role else None
    return SimpleNamespace(context=SimpleNamespace(principal=principal))


@pytest.mark.parametrize(("permission", "role", "code"), [
    (IsEditor, None, "UNAUTHENTICATED"), (IsEditor, AccountRole.READER, "FORBIDDEN"),
    (IsEditor, AccountRole.EDITOR, None), (IsEditor, AccountRole.ADMIN, None), (IsAdmin, None, "UNAUTHENTICATED"),
    (IsAdmin, AccountRole.EDITOR, "FORBIDDEN"), (IsAdmin, AccountRole.ADMIN, None),
])
def test_roles(permission: type[IsEditor | IsAdmin], role: AccountRole | None, code: str | None) -> None:
    if code is None:
        assert permission().has_permission(None, info(role))
        return
    with pytest.raises(Refused) as refused:
        permission().has_permission(None, info(role))
    assert refused.value.extensions == {"code": code}


def test_an_admin_is_never_limited_to_territories() -> None:
    assert not Principal("tok-a", "a", AccountRole.ADMIN, ("region:84",)).scoped
    assert Principal("tok-e", "e", AccountRole.EDITOR, ("region:84",)).scoped
    assert not Principal("tok-e", "e", AccountRole.EDITOR, ()).scoped
