"""What a rejected load says: one LoadError per problem, all of them at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class LoadError:
    """One problem, located as precisely as the file format allows.

    `record` is "section[index]" (index counted from 0 within the file and section) or "" for a problem with the
    file itself; `field` is a path inside the record ("parents[1].territory") or ""; `code` says which rule it
    broke (one of CODES), for the API's userErrors.
    """

    file: str
    line: int
    record: str
    field: str
    message: str
    code: str = dataclasses.field(default="INVALID_VALUE", compare=False)

    def __str__(self) -> str:
        where = " ".join(part for part in (self.record, self.field) if part)
        prefix = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        return f"{prefix} {where}: {self.message}" if where else f"{prefix} {self.message}"


# The rules a value can break, as the API's userErrors name them (graphdir.domain.editing).
REQUIRED = "REQUIRED"  # a required field missing, null or empty
UNKNOWN_FIELD = "UNKNOWN_FIELD"
DUPLICATE = "DUPLICATE"  # given twice
INVALID_VALUE = "INVALID_VALUE"  # wrong type, not an allowed value, a self-reference
INVALID_FORMAT = "INVALID_FORMAT"  # not of the expected shape (a SIREN, a commune code, a URL)
OUT_OF_RANGE = "OUT_OF_RANGE"
INVALID_DATE = "INVALID_DATE"
DATE_ORDER = "DATE_ORDER"  # an end before its start
UNKNOWN_REFERENCE = "UNKNOWN_REFERENCE"  # refers to nothing in the load nor the graph
NOT_UNIQUE = "NOT_UNIQUE"  # a value another organization holds
CODES = (REQUIRED, UNKNOWN_FIELD, DUPLICATE, INVALID_VALUE, INVALID_FORMAT, OUT_OF_RANGE, INVALID_DATE, DATE_ORDER,
         UNKNOWN_REFERENCE, NOT_UNIQUE)


class LoadRejected(Exception):
    """The load was refused before anything was written; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[LoadError]) -> None:
        self.errors = list(errors)
        noun = "error" if len(self.errors) == 1 else "errors"
        super().__init__(f"load rejected: {len(self.errors)} {noun}, nothing written")


class WriteFailed(Exception):
    """Neo4j refused a write after validation passed (a constraint the files could not show, a timeout, …).

    In one transaction (the usual case) nothing was written; in a batched bulk load, the batches committed before
    the failure stay, and loading again completes the load.
    """

    def __init__(self, message: str, *, partial: bool) -> None:
        self.partial = partial
        outcome = "batches written before it stay; load again to complete" if partial else "nothing written"
        super().__init__(f"Neo4j refused the write ({outcome}): {message}")
