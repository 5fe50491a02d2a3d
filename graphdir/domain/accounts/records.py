"""Records of the accounts domain: the principal a request acts as, and tokens as admins list them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graphdir.vocabulary import AccountRole


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts as: the token it sent (its id and name), its role and, for an editor limited to some
    territories, their graph ids (empty: anywhere)."""

    id: str
    name: str
    role: AccountRole
    territories: tuple[str, ...]

    @property
    def can_edit(self) -> bool:
        return self.role in (AccountRole.EDITOR, AccountRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is AccountRole.ADMIN

    @property
    def scoped(self) -> bool:
        """True when its edits must lie inside its territories (admins are never limited)."""
        return not self.is_admin and bool(self.territories)

    @staticmethod
    def of(row: dict[str, Any]) -> Principal:
        return Principal(id=row["id"], name=row["name"], role=AccountRole(row["role"]),
                         territories=tuple(row.get("territories") or ()))


@dataclass(frozen=True, slots=True)
class TokenRecord:
    principal: Principal
    created_at: dt.datetime
    revoked_at: dt.datetime | None

    @staticmethod
    def of(row: dict[str, Any]) -> TokenRecord:
        def native(value: Any) -> dt.datetime | None:
            return None if value is None else value.to_native()

        created = native(row["createdAt"])
        assert created is not None
        return TokenRecord(principal=Principal.of(row), created_at=created, revoked_at=native(row.get("revokedAt")))


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A token just created: `secret` is what its holder sends; it is shown once and stored only hashed."""

    record: TokenRecord
    secret: str
