"""What the payloads of the mutations share: their userErrors and `replayed` (EditPayload), the userErrors of an
outcome, and the `edited` helper that runs an edit unless the inputs' ids did not decode."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from graphdir.api.context import Context
from graphdir.api.editing import Decoded, UserError
from graphdir.domain.editing.records import Outcome

PARTIAL_DATE = ' (a partial date: "2012", "2012-01" or "2012-01-20")'


@strawberry.type(description="What every mutation's payload says besides the objects it changed.")
class EditPayload:
    user_errors: list[UserError] = strawberry.field(description="Empty when the edit was made.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used by this same edit.")


def user_errors(outcome: Outcome) -> list[UserError]:
    return [UserError.of(error) for error in outcome.errors]


async def edited(ctx: Context, decoded: Decoded, edit: Callable[[], Awaitable[Outcome]]) -> Outcome:
    """The edit's outcome, or the decoding errors (then nothing ran); the request's loaders then forget what they
    read before it."""
    outcome = Outcome(errors=decoded.errors) if decoded.errors else await edit()
    ctx.written()
    return outcome
