"""Territories in GraphQL: the Territory type, its hierarchy as of a day, Query.territory(ies)."""
