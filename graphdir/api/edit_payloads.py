"""What the payloads of the mutations beyond organizations share: the userErrors of an outcome, the outcome of
inputs whose ids did not decode, and the `edited` helper that runs an edit unless the inputs failed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from graphdir.api.context import Context
from graphdir.api.editing import Decoded, UserError
from graphdir.domain.editing.records import Outcome

PARTIAL_DATE = ' (a partial date: "2012", "2012-01" or "2012-01-20")'


def user_errors(outcome: Outcome) -> list[UserError]:
    return [UserError.of(error) for error in outcome.errors]


async def edited(ctx: Context, decoded: Decoded, edit: Callable[[], Awaitable[Outcome]]) -> Outcome:
    """The edit's outcome, or the decoding errors (then nothing ran); the request's loaders then forget what they
    read before it."""
    outcome = Outcome(errors=decoded.errors) if decoded.errors else await edit()
    ctx.written()
    return outcome
