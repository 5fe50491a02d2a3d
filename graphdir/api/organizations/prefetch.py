"""An organization page's first relationship level, started with the organization itself (and a search's, with its
hits' nodes).

`organization(id)` knows the id before reading anything, and so does every relationship field of its selection
(commune, memberOf, members, conventions, people): their DataLoader loads are started at once, with the arguments
their resolvers will use, so the Reader sends them with the organization's own read as one statement (one round trip
for the two levels instead of two). The resolvers then find their loads already made: a DataLoader caches each key.

Only fields without an `on` argument are started (the resolvers turn it into the key's date themselves); a field whose
arguments are wrong is left to its resolver, which reports the error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLUnionType,
    InlineFragmentNode,
    NamedTypeNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.conventions import loaders as convention_loaders
from graphdir.api.conventions.types import CONVENTION_ORDER
from graphdir.api.organizations import loaders
from graphdir.api.organizations.connections import MEMBERSHIP_ORDER
from graphdir.api.people import loaders as people_loaders
from graphdir.api.relay import page_request
from graphdir.api.territories import loaders as territory_loaders
from graphdir.domain.common.errors import InvalidArgument

Start = Callable[[Context, str, dict[str, Any]], Awaitable[Any]]


def _commune(ctx: Context, graph_id: str, args: dict[str, Any]) -> Awaitable[Any]:
    return territory_loaders.commune_of(ctx, "Organization", graph_id)


def _member_of(ctx: Context, graph_id: str, args: dict[str, Any]) -> Awaitable[Any]:
    request = page_request(args.get("first"), args.get("after"), order=MEMBERSHIP_ORDER, arity=3)
    return loaders.member_of(ctx, graph_id, None, request)


def _members(ctx: Context, graph_id: str, args: dict[str, Any]) -> Awaitable[Any]:
    request = page_request(args.get("first"), args.get("after"), order=MEMBERSHIP_ORDER, arity=3)
    return loaders.members(ctx, graph_id, None, request)


def _conventions(ctx: Context, graph_id: str, args: dict[str, Any]) -> Awaitable[Any]:
    request = page_request(args.get("first"), args.get("after"), order=CONVENTION_ORDER, arity=2)
    return convention_loaders.of_organization(ctx, graph_id, request)


def _people(ctx: Context, graph_id: str, args: dict[str, Any]) -> Awaitable[Any]:
    return people_loaders.roles_in(ctx, graph_id, None)


STARTS: dict[str, Start] = {
    "commune": _commune, "memberOf": _member_of, "members": _members, "conventions": _conventions, "people": _people,
}


def start_relationships(info: Info[Context, None], graph_id: str) -> None:
    """Start the loads of the relationship fields selected under the field being resolved, `organization(...)`."""
    for name, args in _selected_fields(info):
        _start(info.context, name, args, [graph_id])


def start_relationships_of_nodes(info: Info[Context, None], under: str, graph_ids: list[str]) -> None:
    """The same for a list of organizations reached through the field `under` of the field being resolved (the
    `node` of search hits): the fields selected on Organization there (`... on Organization { commune }`)."""
    if not graph_ids:
        return
    for name, args in _selected_fields(info, under):
        _start(info.context, name, args, graph_ids)


def _start(ctx: Context, name: str, args: dict[str, Any], graph_ids: list[str]) -> None:
    start = STARTS.get(name)
    if start is None or args.get("on") is not None:
        return
    for graph_id in graph_ids:
        try:
            task = asyncio.ensure_future(start(ctx, graph_id, args))
        except InvalidArgument:
            return
        # Its resolver awaits the same DataLoader key, and sees any error there: nothing to report here.
        task.add_done_callback(lambda done: done.cancelled() or done.exception())


def _selected_fields(info: Info[Context, None], under: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each field selected on Organization under the one being resolved (or under its field `under`), fragments
    included, with its arguments coerced as graphql-core coerces them for the resolver (Strawberry's
    `selected_fields` gives literals unconverted)."""
    raw = info._raw_info  # graphql-core's resolve info: the field's nodes, the fragments, the variables
    organization = raw.schema.get_type("Organization")
    if not isinstance(organization, GraphQLObjectType):
        return
    # Strawberry's executor keeps the coerced variables as a plain dict.
    variables = VariableValues(sources={}, coerced=info.variable_values)
    nodes = list(raw.field_nodes)
    if under is not None:
        nodes = [node for parent in nodes if parent.selection_set is not None
                 for node in _fields_named(parent.selection_set, under, raw)]
    elif get_named_type(raw.return_type) is not organization:
        return
    for node in nodes:
        if node.selection_set is not None:
            yield from _walk(node.selection_set, organization, raw, variables)


def _fields_named(selections: SelectionSetNode, name: str, raw: GraphQLResolveInfo[Any]) -> Iterator[FieldNode]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value == name:
                yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields_named(selection.selection_set, name, raw)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in raw.fragments:
            yield from _fields_named(raw.fragments[selection.name.value].selection_set, name, raw)


def _applies(condition: NamedTypeNode | None, parent: GraphQLObjectType, raw: GraphQLResolveInfo[Any]) -> bool:
    """Whether a fragment with this type condition applies to `parent` (no condition, the type, or an abstract type
    it belongs to)."""
    if condition is None:
        return True
    named = raw.schema.get_type(condition.name.value)
    if named is parent:
        return True
    return isinstance(named, GraphQLInterfaceType | GraphQLUnionType) and raw.schema.is_sub_type(named, parent)


def _walk(selections: SelectionSetNode, parent: GraphQLObjectType, raw: GraphQLResolveInfo[Any],
          variables: VariableValues) -> Iterator[tuple[str, dict[str, Any]]]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            field = parent.fields.get(selection.name.value)
            if field is None:
                continue
            try:
                yield selection.name.value, get_argument_values(field, selection, variables)
            except GraphQLError:
                continue  # its resolver reports it
        elif isinstance(selection, InlineFragmentNode):
            if _applies(selection.type_condition, parent, raw):
                yield from _walk(selection.selection_set, parent, raw, variables)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in raw.fragments:
            fragment = raw.fragments[selection.name.value]
            if _applies(fragment.type_condition, parent, raw):
                yield from _walk(fragment.selection_set, parent, raw, variables)
