"""API tokens: issued (shown once, stored as a hash), listed, revoked; a request's token made its Principal; and the
territorial scope of an editor."""

from __future__ import annotations

import hashlib
import secrets

from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.records import IssuedToken, Principal, TokenRecord
from graphdir.domain.accounts.repository import AccountRepository
from graphdir.domain.common.errors import InvalidArgument
from graphdir.vocabulary import AccountRole

# What every secret starts with, so that one pasted in a log or a commit is recognised (and scanners can find it).
PREFIX = "gdt_"
MAX_NAME = 100


def digest(secret: str) -> str:
    """The stored form of a secret. A plain SHA-256 suffices: secrets are 256 random bits, not passwords to guess."""
    return hashlib.sha256(secret.encode()).hexdigest()


class AccountService:
    def __init__(self, reader: Reader, writer: Writer | None = None) -> None:
        self.repository = AccountRepository(reader, writer)

    async def issue(self, name: str, role: str, territories: list[str]) -> IssuedToken:
        """A new token; InvalidArgument naming `name`, `role` or `territory` when one cannot be used."""
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidArgument("name", f"a token needs a name of 1 to {MAX_NAME} characters")
        if role not in {r.value for r in AccountRole}:
            raise InvalidArgument("role", f"{role!r} is not one of {', '.join(r.value for r in AccountRole)}")
        if territories and role != AccountRole.EDITOR.value:
            raise InvalidArgument("territory", "only an editor is limited to territories")
        unknown = sorted(set(territories) - await self.repository.existing_territories(territories))
        if unknown:
            raise InvalidArgument("territory", f"unknown territory {unknown[0]!r} (a graph id such as region:84)")
        if await self.repository.name_taken(name):
            raise InvalidArgument("name", f"a token is already named {name!r}")
        secret = PREFIX + secrets.token_urlsafe(32)
        record = await self.repository.create(f"tok-{secrets.token_hex(6)}", name, role, sorted(set(territories)),
                                              digest(secret))
        return IssuedToken(record=record, secret=secret)

    async def all(self) -> list[TokenRecord]:
        return await self.repository.all()

    async def revoke(self, key: str) -> TokenRecord | None:
        """Revoke the token of that id or name; None when there is none."""
        return await self.repository.revoke(key)

    async def principal(self, secret: str) -> Principal | None:
        """The principal of a secret a request sent; None when it is not a live token."""
        if not secret.startswith(PREFIX):
            return None
        return await self.repository.by_hash(digest(secret))

    async def outside_scope(self, principal: Principal, organizations: list[str], places: list[str]) -> list[str]:
        """The organizations and territories (graph ids) an edit touches that the principal may not edit; none for
        an editor without territories or an admin."""
        if not principal.scoped or not (organizations or places):
            return []
        orgs, terr = await self.repository.outside(principal.territories, organizations, places)
        return orgs + terr
