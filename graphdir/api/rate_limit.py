"""A rate limit per client on the cost queries spend (graphdir.api.cost), GRAPHDIR_RATE_LIMIT per minute. A client
is its address, or, when it sends an API token, the token (graphdir.api.http), wherever its requests come from.

Each address has a bucket holding a minute's worth of cost, refilled continuously; a query costing more than its
bucket holds is refused (HTTP 429, `extensions.code = RATE_LIMITED`, `Retry-After`: when the bucket will hold it).
The buckets live in the process: with `--workers N` each worker counts on its own, so an address may spend up to N
times the limit (behind a load balancer, limit at the balancer, or divide the setting by N).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from graphql import GraphQLError

RATE_LIMITED = "RATE_LIMITED"
# Buckets kept at most; past it, the full ones (addresses idle for a minute) are forgotten.
MAX_ADDRESSES = 10_000


class CostRateLimit:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (cost it holds, when it held it)

    def charge(self, address: str, cost: int) -> float:
        """Spend `cost` from the address's bucket and return 0, or return the seconds to wait, spending nothing."""
        now = self.clock()
        held = self._held(address, now)
        # A query costing more than a minute's worth passes on a full bucket, which it leaves in debt.
        needed = min(cost, self.per_minute)
        if needed > held:
            return max((needed - held) * 60.0 / self.per_minute, 0.001)
        self._buckets[address] = (held - cost, now)
        if len(self._buckets) > MAX_ADDRESSES:
            self._forget_full(now)
        return 0.0

    def _held(self, address: str, now: float) -> float:
        if address not in self._buckets:
            return float(self.per_minute)
        held, then = self._buckets[address]
        return min(float(self.per_minute), held + (now - then) * self.per_minute / 60.0)

    def _forget_full(self, now: float) -> None:
        for address in [a for a in self._buckets if self._held(a, now) >= self.per_minute]:
            del self._buckets[address]


def rate_limited(wait_s: float, per_minute: int) -> GraphQLError:
    retry_after = math.ceil(wait_s)
    return GraphQLError(f"this address spent its cost limit of {per_minute} per minute: retry in {retry_after} s",
                        extensions={"code": RATE_LIMITED, "retryAfter": retry_after})
