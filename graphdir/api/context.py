"""The per-request context: the process's driver, a counting reader, fresh DataLoaders, and who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from graphdir.api.rate_limit import CostRateLimit
from graphdir.config import DEFAULT_MAX_COST, DEFAULT_REQUEST_TIMEOUT
from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.records import Principal


@dataclass
class Context:
    driver: AsyncDriver
    database: str
    request: Any = None
    response: Any = None
    # GRAPHDIR_INTROSPECTION: whether `__schema` and `__type` may be queried.
    introspection: bool = True
    # Created lazily per request, so that no cache outlives a request.
    loaders: dict[str, Any] = field(default_factory=dict)
    reader: Reader = field(init=False)
    # The cost limit of this request (graphdir.api.cost; 0: none), and the cost of its operation once computed.
    max_cost: int = DEFAULT_MAX_COST
    cost: int = 0
    # Seconds this request's reads may take, from its start (GRAPHDIR_REQUEST_TIMEOUT).
    timeout: float = DEFAULT_REQUEST_TIMEOUT
    # The process's rate limit (None: none), charged the cost under `client`, the caller's address.
    rate_limit: CostRateLimit | None = None
    client: str = ""
    # The token the request sent (graphdir.api.auth), None when anonymous; the request's id, named in the history.
    principal: Principal | None = None
    request_id: str = ""
    writer: Writer = field(init=False)

    def __post_init__(self) -> None:
        self.reader = Reader(self.driver, self.database, self.timeout)
        self.writer = Writer(self.driver, self.database, self.reader)

    def written(self) -> None:
        """After a write: the request's DataLoaders forget what they read before it."""
        self.loaders.clear()
