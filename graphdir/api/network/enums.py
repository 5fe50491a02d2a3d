"""Enumerations of the network domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import NetworkRelation

__all__ = ["NetworkRelation"]

graphql_enum(NetworkRelation)
