"""Errors a client can act on. Anything else is masked by the schema and logged with its trace."""

from __future__ import annotations

from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"


class BadUserInput(GraphQLError):
    """An argument is invalid; `extensions.argument` names it."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(
            f"{argument}: {message}", extensions={"code": BAD_USER_INPUT, "argument": argument}
        )
