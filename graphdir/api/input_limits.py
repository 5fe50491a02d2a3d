"""Bounds on what a request's values may hold, checked before execution, and on what an error may echo back.

- A string (or ID) argument, in the document or in the variables, at any depth of an input object or list, holds at
  most MAX_STRING_CHARS (1,000) characters; a longer one is a request error with `code = BAD_USER_INPUT` and the
  argument's path (`filter.text`), before any resolver runs.
- An error message holds at most MAX_MESSAGE_CHARS (500) characters: graphql-core quotes the values it refuses, which
  may be a megabyte long.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import GraphQLError
from graphql.language import DocumentNode, StringValueNode
from graphql.language.visitor import Visitor, visit

MAX_STRING_CHARS = 1000
MAX_MESSAGE_CHARS = 500


def string_literals(document: DocumentNode) -> list[StringValueNode]:
    collector = _Literals()
    visit(document, collector)
    return collector.found


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[StringValueNode] = []

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.found.append(node)


def first_too_long(literals: list[StringValueNode], literal_paths: Mapping[int, str], variables: Mapping[str, Any],
                   variable_paths: Mapping[str, str]) -> GraphQLError | None:
    """The error for the first string over MAX_STRING_CHARS: a literal (its path found by id in `literal_paths`) or in
    a variable's value (the variable's path in `variable_paths`, else its name)."""
    for literal in literals:
        if len(literal.value) > MAX_STRING_CHARS:
            return _too_long_error(literal_paths.get(id(literal), "query"), len(literal.value))
    for name, value in variables.items():
        for path, length in _too_long(value, variable_paths.get(name, name)):
            return _too_long_error(path, length)
    return None


def _too_long_error(path: str, length: int) -> GraphQLError:
    return GraphQLError(f"{path}: at most {MAX_STRING_CHARS} characters (got {length})",
                        extensions={"code": "BAD_USER_INPUT", "argument": path})


def _too_long(value: Any, path: str) -> Iterator[tuple[str, int]]:
    # Iterative: variables are JSON nested 64 levels at most (graphdir.api.http), but a stack costs nothing.
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str) and len(item) > MAX_STRING_CHARS:
            yield where, len(item)
        elif isinstance(item, dict):
            stack.extend((inner, f"{where}.{key}") for key, inner in item.items())
        elif isinstance(item, list):
            stack.extend((inner, where) for inner in item)


def truncated(error: GraphQLError) -> GraphQLError:
    if len(error.message) <= MAX_MESSAGE_CHARS:
        return error
    return GraphQLError(error.message[:MAX_MESSAGE_CHARS] + "…", nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, original_error=error.original_error,
                        extensions=error.extensions)
