"""The one error a caller can act on: an argument it gave cannot be used.

The API answers it as a BAD_USER_INPUT error naming the argument (graphdir.api.extensions); anything else raised is a
failure, masked and logged.
"""

from __future__ import annotations


class InvalidArgument(ValueError):
    """`argument` names the value at fault as the API spells it, a path inside an input ("filter.territoryLevel",
    "near.point.latitude"), or is None when the raiser cannot know it (a scalar's parser: the API then finds where the
    value sits in the request). The message says what is wrong, without the argument's name."""

    def __init__(self, argument: str | None, message: str) -> None:
        super().__init__(message)
        self.argument = argument
