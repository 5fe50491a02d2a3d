"""Enumerations of the organizations domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import Direction, OrganizationFamily, OrganizationKind, OrganizationOrder, PartnershipKind

__all__ = ["Direction", "OrganizationFamily", "OrganizationKind", "OrganizationOrder", "PartnershipKind"]

for _terms in (OrganizationKind, OrganizationFamily, PartnershipKind, Direction, OrganizationOrder):
    graphql_enum(_terms)
