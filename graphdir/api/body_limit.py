"""The request body's size limit: refused from its Content-Length when declared, else counted as it streams in, so that
no body over the limit is ever held whole in memory."""

from __future__ import annotations

from starlette.types import Message, Receive, Scope

# A GraphQL request of this API is a few kilobytes (the token limit, 5000, holds a query well under 100 KB).
MAX_BODY_BYTES = 1024 * 1024


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is over {limit} bytes")


def declared_length(scope: Scope) -> int | None:
    """The Content-Length the request declares, None when it declares none (or one that is not a number)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def check_declared(scope: Scope, limit: int = MAX_BODY_BYTES) -> None:
    length = declared_length(scope)
    if length is not None and length > limit:
        raise BodyTooLarge(limit)


def counting(receive: Receive, limit: int = MAX_BODY_BYTES) -> Receive:
    """`receive`, raising BodyTooLarge as soon as the body received so far is over `limit` (a chunked body, or one
    longer than it declared)."""
    received = 0

    async def limited() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return limited
