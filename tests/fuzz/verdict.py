"""What a fuzzed request's answer says: an outcome to count, and whether it is a failure.

Failures: any 5xx, an answer that is not a GraphQL JSON body, an error whose code is INTERNAL_SERVER_ERROR or that has
no code at all (graphdir gives every error one). Cost refusals, invalid input, timeouts are answers, not failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

INTERNAL = "INTERNAL_SERVER_ERROR"


@dataclass(frozen=True)
class Outcome:
    kind: str  # "200 ok", "200 BAD_USER_INPUT", "400 GRAPHQL_VALIDATION_FAILED", …
    failure: str | None  # why the answer is a failure; None when it is not


def judge(response: httpx.Response) -> Outcome:
    status = response.status_code
    try:
        body: Any = response.json()
    except ValueError:
        return Outcome(f"{status} not JSON", f"HTTP {status} with a body that is not JSON: {response.text[:200]!r}")
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(body, dict) or ("data" not in body and not errors):
        return Outcome(f"{status} not GraphQL", f"HTTP {status} with a body that is not a GraphQL answer")
    codes = sorted({(error.get("extensions") or {}).get("code") or "no code" for error in errors or []})
    kind = f"{status} {' '.join(codes) if codes else 'ok'}"
    if status >= 500:
        return Outcome(kind, f"HTTP {status}: {errors}")
    bad = [error for error in errors or [] if (error.get("extensions") or {}).get("code") in (None, INTERNAL)]
    if bad:
        return Outcome(kind, f"error without a code or {INTERNAL}: {bad[0]}")
    return Outcome(kind, None)
