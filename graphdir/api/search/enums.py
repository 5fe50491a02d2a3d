"""Enumerations of search (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import NodeType

graphql_enum(NodeType, name="SearchKind", description="What a search hit may be.")
SearchKind = NodeType
