"""The source an edit names, made a Source id: an existing one, a new document, or "declared by" an organization.

A new document is a seed-format `sources` record, checked by the loader's rules with the edit (its URL, its date);
the source of what an organization declares is one Source per organization (`declared-by-<id>`), made once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import one, rows
from graphdir.domain.editing.checks import Draft
from graphdir.domain.editing.records import SourceRef
from graphdir.domain.editing.rejected import reject
from graphdir.loader.errors import INVALID_VALUE, REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import plan_source

FIELD = "input.source"
DECLARED_PREFIX = "declared-by-"

ORGANIZATION_NAME = "MATCH (o:Organization {id: $id}) RETURN o.name AS name"
CREATE_SOURCE = "MERGE (s:Source {id: $id}) ON CREATE SET s = $props"


@dataclass(frozen=True, slots=True)
class ResolvedSource:
    id: str
    excerpt: str | None
    # The record of a Source this edit creates (checked with the edit), None for an existing one.
    draft: Draft | None


async def resolve(tx: AsyncManagedTransaction, source: SourceRef | None) -> ResolvedSource:
    """The edit's source, or Rejected: none given (an unsourced fact is refused, as the seed format refuses it),
    several kinds at once, an unknown organization declaring it. An existing `id` is checked with the edit."""
    if source is None:
        raise reject(FIELD, "required: name the source of this fact (an existing source's id, a new document, or "
                     "the organization declaring it)", REQUIRED)
    kinds = [name for name, given in (("id", source.id is not None), ("document", source.is_new_document),
                                      ("declaredBy", source.declared_by is not None)) if given]
    if len(kinds) != 1:
        message = "give one of id, a new document (document, title, url, publishedOn), declaredBy"
        raise reject(f"{FIELD}.{kinds[1]}" if kinds else FIELD, message, REQUIRED if not kinds else INVALID_VALUE)
    if source.id is not None:
        return ResolvedSource(source.id, source.excerpt, None)
    if source.declared_by is not None:
        found = await one(tx, ORGANIZATION_NAME, {"id": source.declared_by})
        if found is None:
            raise reject(f"{FIELD}.declaredBy", f"unknown organization {source.declared_by!r}", UNKNOWN_REFERENCE)
        sid = DECLARED_PREFIX + source.declared_by
        declared = {"id": sid, "document": f"declared by {found['name']}", "title": f"Declared by {found['name']}"}
        return ResolvedSource(sid, source.excerpt, Draft("sources", declared, {}))
    sid = f"src-api-{secrets.token_hex(6)}"
    data: dict[str, Any] = {"id": sid, "document": source.document, "title": source.title, "url": source.url,
                            "publishedOn": source.published_on}
    return ResolvedSource(sid, source.excerpt, Draft("sources", data, {
        "document": f"{FIELD}.document", "title": f"{FIELD}.title", "url": f"{FIELD}.url",
        "publishedOn": f"{FIELD}.publishedOn", "id": FIELD}))


async def write(tx: AsyncManagedTransaction, source: ResolvedSource) -> None:
    """Create the Source the edit names when it is new (a declared-by source already made is left as it is)."""
    if source.draft is not None:
        row = plan_source(source.draft.data)
        await rows(tx, CREATE_SOURCE, {"id": row.id, "props": row.props})
