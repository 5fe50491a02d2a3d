"""Domain errors the API turns into BAD_USER_INPUT errors naming the argument concerned."""

from __future__ import annotations


class DomainInputError(ValueError):
    """A value a caller gave cannot be used; the message says why."""


class AmbiguousCode(DomainInputError):
    """A territory code that exists at several levels ("01": région Guadeloupe and département Ain)."""

    def __init__(self, code: str, levels: list[str]) -> None:
        super().__init__(f"code {code!r} exists at several levels ({', '.join(levels)}): give the level")
        self.code = code
        self.levels = levels
