"""An organization page's first two relationship levels, started with the organization itself (and a search's, with
its hits' nodes).

`organization(id)` knows the id before reading anything, and so does every relationship field of its selection
(commune, memberOf, members, conventions, people): their DataLoader loads are started at once, with the keys their
resolvers will use (each loader's `key`, from the same field arguments), so the Reader sends them with the
organization's own read as one statement (one round trip for the two levels instead of two). The resolvers then find
their loads already made: a DataLoader caches each key.

The second level (the fields selected on the nodes a first-level field reaches: a federation's own `memberOf`, the
commune's `parents`, a convention's `parties`) cannot be started with ids, which the first level's rows hold: each
is registered to follow its first-level batch (`Loader.follow`), which the Reader sends in the same statement, on the
ids of the nodes that batch reaches; its values are primed into its loader before the first level's resolvers run.
A whole page is then one round trip. Deeper levels load as usual, a round trip each.

The selection is read from Strawberry's `info.selected_fields` (fragments and inline fragments included when their type
condition applies to Organization). Only fields without an `on` argument are started (the resolvers turn it into the
key's date themselves); a field whose arguments are wrong is left to its resolver, which reports the error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition, StrawberryOptional
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection
from strawberry.types.union import StrawberryUnion

from graphdir.api.context import Context
from graphdir.api.conventions.loaders import OfOrganization, Parties
from graphdir.api.dataloaders import Follow, Loader
from graphdir.api.organizations.loaders import MemberOf, Members
from graphdir.api.people.loaders import RolesIn
from graphdir.api.territories.loaders import CommuneOf, Parents
from graphdir.domain.common.errors import InvalidArgument

ORGANIZATION = "Organization"


@dataclass(frozen=True)
class Start:
    """The load a relationship field makes: its loader, with `fixed` arguments of the key besides the field's; the
    nodes it reaches (`reaches`: their type) directly or, `through_edges`, as a connection's `edges { node }`."""

    loader: type[Loader[Any, Any]]
    fixed: dict[str, Any] = field(default_factory=dict)
    reaches: str | None = None
    through_edges: bool = False

    def key(self, arguments: dict[str, Any]) -> Any:
        return self.loader.key(**self.fixed, **arguments)

    def __call__(self, ctx: Context, graph_id: str, key: Any) -> asyncio.Future[Any]:
        return asyncio.ensure_future(self.loader.of(ctx).load(graph_id, key))


# The relationship fields started (or followed), by the type they are selected on.
STARTS: dict[str, dict[str, Start]] = {
    ORGANIZATION: {
        "commune": Start(CommuneOf, {"label": ORGANIZATION}, reaches="Territory"),
        "memberOf": Start(MemberOf, reaches=ORGANIZATION, through_edges=True),
        "members": Start(Members, reaches=ORGANIZATION, through_edges=True),
        "conventions": Start(OfOrganization, reaches="Convention", through_edges=True),
        "people": Start(RolesIn),
    },
    "Territory": {"parents": Start(Parents)},
    "Convention": {"parties": Start(Parties), "commune": Start(CommuneOf, {"label": "Convention"})},
}


def start_relationships(info: Info[Context, None], graph_id: str) -> None:
    """Start the loads of the relationship fields selected under the field being resolved, `organization(...)`."""
    for resolved in info.selected_fields:
        _start_all(info, resolved.selections, [graph_id])


def start_relationships_of_nodes(info: Info[Context, None], under: str, graph_ids: list[str]) -> None:
    """The same for a list of organizations reached through the field `under` of the field being resolved (the
    `node` of search hits): the fields selected on Organization there (`... on Organization { commune }`)."""
    if not graph_ids:
        return
    for resolved in info.selected_fields:
        for node in _fields_named(resolved.selections, under):
            _start_all(info, node.selections, graph_ids)


def _start_all(info: Info[Context, None], selections: Iterable[Selection], graph_ids: list[str]) -> None:
    for selected, start, key in _loads(info, selections, ORGANIZATION):
        for graph_id in graph_ids:
            task = start(info.context, graph_id, key)
            # Its resolver awaits the same DataLoader key, and sees any error there: nothing to report here.
            task.add_done_callback(lambda done: done.cancelled() or done.exception())
        if start.reaches is None:
            continue
        nodes = _fields_named(selected.selections, "edges") if start.through_edges else iter([selected])
        loader = start.loader.of(info.context)
        for holder in nodes:
            node_selections = (_node_selections(holder.selections) if start.through_edges else holder.selections)
            for _, follow, follow_key in _loads(info, node_selections, start.reaches):
                loader.follow(key, Follow(follow.loader.of(info.context), follow_key))


def _node_selections(edge_selections: Iterable[Selection]) -> list[Selection]:
    return [selection for node in _fields_named(edge_selections, "node") for selection in node.selections]


def _loads(info: Info[Context, None], selections: Iterable[Selection], type_name: str
           ) -> Iterator[tuple[SelectedField, Start, Any]]:
    """The relationship fields selected on `type_name` that can be started, with their load's key."""
    starts = STARTS[type_name]
    for selected in _fields_on(info, selections, type_name):
        start = starts.get(selected.name)
        if start is None:
            continue
        arguments = _arguments(info, selected, type_name)
        if arguments is None or arguments.get("on") is not None:
            continue
        try:
            key = start.key(arguments)
        except InvalidArgument:
            continue
        yield selected, start, key


def _fields_named(selections: Iterable[Selection], name: str) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                yield selection
        else:
            yield from _fields_named(selection.selections, name)


def _fields_on(info: Info[Context, None], selections: Iterable[Selection], type_name: str
               ) -> Iterator[SelectedField]:
    """The fields selected on a `type_name`: directly, or in fragments whose type condition applies to it."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment) and _applies(info, selection.type_condition,
                                                                                 type_name):
            yield from _fields_on(info, selection.selections, type_name)


def _applies(info: Info[Context, None], condition: str | None, type_name: str) -> bool:
    """Whether a fragment with this type condition applies to `type_name`: no condition, the type itself, an
    interface it implements or a union holding it."""
    if condition is None or condition == type_name:
        return True
    definition = info.schema.get_type_by_name(type_name)
    if not isinstance(definition, StrawberryObjectDefinition):
        return False
    if any(interface.name == condition for interface in definition.interfaces):
        return True
    named = info.schema.get_type_by_name(condition)
    return isinstance(named, StrawberryUnion) and any(
        getattr(member, "__strawberry_definition__", None) is definition for member in named.types)


def _arguments(info: Info[Context, None], selected: SelectedField, type_name: str) -> dict[str, Any] | None:
    """The field's arguments under their python names, as its resolver gets them; None when one cannot be read here
    (its resolver reports it). Strawberry hands variables coerced, but literals as their source text: an Int literal
    is made an int here."""
    names = _argument_names(info, type_name, selected.name)
    arguments: dict[str, Any] = {}
    for name, value in selected.arguments.items():
        if name not in names:
            return None
        python_name, is_int = names[name]
        if is_int and isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                return None
        arguments[python_name] = value
    return arguments


# The schema does not change: each started field's arguments are looked up once per process.
_ARGUMENTS: dict[tuple[str, str], dict[str, tuple[str, bool]]] = {}


def _argument_names(info: Info[Context, None], type_name: str, field_name: str) -> dict[str, tuple[str, bool]]:
    """GraphQL name -> (python name, whether an Int) of the arguments of the field `field_name` of `type_name`."""
    names = _ARGUMENTS.get((type_name, field_name))
    if names is None:
        definition = info.schema.get_field_for_type(field_name=field_name, type_name=type_name)
        converter = info.schema.config.name_converter
        names = _ARGUMENTS[type_name, field_name] = {
            converter.get_graphql_name(argument): (argument.python_name, _is_int(argument.type))
            for argument in (definition.arguments if definition is not None else [])
        }
    return names


def _is_int(kind: Any) -> bool:
    return (kind.of_type if isinstance(kind, StrawberryOptional) else kind) is int
