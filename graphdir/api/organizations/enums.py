"""Enumerations of the organizations domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import (
    Direction,
    InsertionMeasure,
    OrganizationFamily,
    OrganizationKind,
    OrganizationOrder,
    PartnershipKind,
)

__all__ = ["Direction", "InsertionMeasure", "OrganizationFamily", "OrganizationKind", "OrganizationOrder",
           "PartnershipKind"]

for _terms in (OrganizationKind, OrganizationFamily, PartnershipKind, Direction, OrganizationOrder, InsertionMeasure):
    graphql_enum(_terms)
