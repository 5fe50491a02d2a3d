"""`search`: arguments checked by the domain service, then the hits' nodes loaded, one batch per type."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import First
from graphdir.api.context import Context
from graphdir.api.node import load_node
from graphdir.api.organizations.enums import OrganizationFamily, OrganizationKind
from graphdir.api.organizations.prefetch import start_relationships_of_nodes
from graphdir.api.relay import page_size
from graphdir.api.search.enums import SearchKind
from graphdir.api.search.types import SearchHit
from graphdir.domain.search.service import SearchService


@strawberry.type
class SearchQuery:
    @strawberry.field(description=(
        "Full-text search over names, acronyms, descriptions and titles, best match first. Accents, case and "
        "elisions do not matter (\"l'economie\" finds \"L'Économie\"); the last word may be the beginning of one "
        "(search as you type)."))
    async def search(
        self,
        info: Info[Context, None],
        text: Annotated[str, strawberry.argument(
            description="What to look for; it must hold at least one letter or digit.")],
        kinds: Annotated[list[SearchKind] | None, strawberry.argument(
            description="Only hits of these kinds (default, or an empty list: every kind).")] = None,
        organization_kinds: Annotated[list[OrganizationKind] | None, strawberry.argument(
            description="Only organizations of these kinds (default, or an empty list: any); other hits are kept.")]
        = None,
        families: Annotated[list[OrganizationFamily] | None, strawberry.argument(
            description="Only organizations of these families (default, or an empty list: any); other hits are "
                        "kept.")] = None,
        first: First = None,
    ) -> list[SearchHit]:
        hits = await SearchService(info.context.reader).search(text, kinds, page_size(first), organization_kinds,
                                                               families)
        # Loaded together, the nodes of one type are one batched query (graphdir.api.dataloaders), sent with the
        # organizations' selected relationships (their commune) as one statement.
        start_relationships_of_nodes(info, "node", [hit.id for hit in hits if hit.type_name == "Organization"])
        nodes = await asyncio.gather(*(load_node(info.context, hit.type_name, hit.id) for hit in hits))
        return [SearchHit(score=hit.score, node=node) for hit, node in zip(hits, nodes, strict=True)
                if node is not None]
