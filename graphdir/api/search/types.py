"""The search hit."""

from __future__ import annotations

import strawberry

from graphdir.api.relay import Node


@strawberry.type(description="A node whose names, acronym, description or title match the searched text.")
class SearchHit:
    score: float = strawberry.field(description=(
        "Relevance, higher first. Its integer part says how the node's own name (or acronym, or title) matches the "
        "text: 3 it is the text, 2 it holds every word of the text, 1 the same with the last word only begun "
        "(search as you type), 0 the text matched elsewhere (a description). Its fraction orders hits of a tier: "
        "+0.5 for an actor (organization, person, convention, event) rather than a territory, +0.25 when a name "
        "starts with the text, up to +0.249 for the full-text score relative to the best candidate."))
    node: Node = strawberry.field(description="The organization, person, territory, convention or event.")
