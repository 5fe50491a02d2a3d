"""Who a request acts as: `Authorization: Bearer <token>`, read by Starlette's AuthenticationMiddleware.

No header: the request is anonymous (a reader: reads are open). A header that is not a live token (malformed,
unknown, revoked) is refused before anything runs: 401 with `extensions.code = UNAUTHENTICATED`, since a client that
sends a token means to act as someone. When Neo4j cannot be reached to check it: 503, as for any read.
"""

from __future__ import annotations

from neo4j import AsyncDriver
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, BaseUser
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response

from graphdir.db.driver import DatabaseUnavailable
from graphdir.db.reader import Reader
from graphdir.domain.accounts.records import Principal
from graphdir.domain.accounts.service import AccountService

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"


class TokenUser(BaseUser):
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.principal.name

    @property
    def identity(self) -> str:
        return self.principal.id


class _Unavailable(AuthenticationError):
    """The token could not be checked: Neo4j is unreachable."""


class TokenBackend(AuthenticationBackend):
    def __init__(self, driver: AsyncDriver, database: str, timeout: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("authorization")
        if header is None:
            return None
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError("the Authorization header must be `Bearer <token>`")
        try:
            principal = await AccountService(Reader(self.driver, self.database, self.timeout)).principal(
                secret.strip())
        except DatabaseUnavailable as exc:
            raise _Unavailable(str(exc)) from exc
        if principal is None:
            raise AuthenticationError("unknown or revoked token")
        return AuthCredentials(["authenticated", principal.role.value]), TokenUser(principal)


def refused(conn: HTTPConnection, exc: AuthenticationError) -> Response:
    if isinstance(exc, _Unavailable):
        return JSONResponse({"errors": [{"message": str(exc), "extensions": {"code": "SERVICE_UNAVAILABLE"}}]},
                            status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"errors": [{"message": str(exc), "extensions": {"code": UNAUTHENTICATED}}]},
                        status_code=401, headers={"WWW-Authenticate": "Bearer"})


def principal_of(conn: HTTPConnection) -> Principal | None:
    """The principal the middleware found (None: anonymous, or no middleware in front)."""
    user = conn.scope.get("user")
    return user.principal if isinstance(user, TokenUser) else None
