"""GraphQL enums made from graphdir.vocabulary: the same Python enums, so resolvers and the domain share them."""

from __future__ import annotations

from typing import TypeVar

import strawberry

from graphdir.vocabulary import Term

T = TypeVar("T", bound=type[Term])


def graphql_enum(terms: T, *, name: str | None = None, description: str | None = None) -> T:
    """Registers a vocabulary as a GraphQL enum: the members' names, their descriptions, and the vocabulary's
    docstring as the enum's description unless `description` says otherwise."""
    strawberry.enum(terms, name=name, description=description or terms.__doc__)
    for value in terms.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = terms[value.name].description
    return terms
