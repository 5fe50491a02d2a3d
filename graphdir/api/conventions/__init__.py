"""Conventions in GraphQL: the Convention type and Query.convention(s)."""
