"""An edit's values checked by the loader's own rules (graphdir.loader.validation), inside its transaction.

The edit is made seed-format records (an organization, a relation, a new source), which go through the loader's three
passes: each record against its section's spec, keys across them, references and unique values against the graph
(read in the edit's transaction, so what it checks is what it writes against). Each LoadError becomes a UserError on
the input field it came from, with the loader's code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.domain.editing.records import UserError
from graphdir.loader.lookup import GraphReader
from graphdir.loader.reading import LineDict, Record
from graphdir.loader.validation import (
    Location,
    Validation,
    check_against_graph,
    check_keys,
    check_record,
    defined_in_load,
)

INPUT = "input"


@dataclass(frozen=True, slots=True)
class Draft:
    """One record of an edit: its section and seed-format data, and where each of its fields is in the input
    (a loader field path, or its first part, -> input path; unlisted: `input.<field>`)."""

    section: str
    data: Mapping[str, Any]
    paths: Mapping[str, str]


class TransactionLookup(GraphReader):
    """The loader's graph reads (validation.GraphLookup), in an edit's write transaction."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx
        self.queries = 0

    async def _single(self, query: str, params: dict[str, Any]) -> Any:
        result = await self.tx.run(query, params)
        return await result.single()


def records_of(drafts: Sequence[Draft]) -> list[Record]:
    return [Record(file=INPUT, line=0, section=draft.section, index=index,
                   data=LineDict(list(_line_dicts(draft.data).items())))
            for index, draft in enumerate(drafts)]


def _line_dicts(data: Mapping[str, Any]) -> dict[str, Any]:
    """Mappings as the loader reads them (LineDict), at any depth; absent values left out."""
    def convert(value: Any) -> Any:
        if isinstance(value, Mapping):
            return LineDict([(k, convert(v)) for k, v in value.items() if v is not None])
        if isinstance(value, list):
            return [convert(item) for item in value]
        return value

    return {key: convert(value) for key, value in data.items() if value is not None}


async def check(tx: AsyncManagedTransaction, drafts: Sequence[Draft]
                ) -> tuple[list[UserError], dict[str, Location | None]]:
    """The errors of the drafts, and the locations of the communes they name (for the loader's planning)."""
    records = records_of(drafts)
    out = Validation()
    for record in records:
        check_record(record, out)
    check_keys(records, out)
    communes: dict[str, Location | None] = {}
    if not out.errors:
        organizations = [record for record in records if record.section == "organizations"]
        communes = await check_against_graph(out.references, organizations, defined_in_load(records),
                                             TransactionLookup(tx), out)
    errors = []
    for error in out.errors:
        paths = drafts[int(error.record.split("[")[1].rstrip("]"))].paths
        errors.append(UserError(input_path(error.field, paths), error.message, error.code))
    return errors, communes


def input_path(field: str, paths: Mapping[str, str]) -> str:
    if field in paths:
        return paths[field]
    head = field.split("[")[0].split(".")[0]
    return paths.get(head, f"{INPUT}.{field}")
