"""The cost of a query, computed from its selection before anything runs, and the limit it must stay within.

As GitHub's and Shopify's APIs count: every field costs 1, and a field returning many things multiplies the cost of
its selection by how many it may return, at most:
- a field taking `first` (or `last`): that argument's value, or its default (20) when absent or null, at most 100;
- a connection's `edges` is already counted by its connection (multiplier 1);
- `nodes(ids)`: the number of ids; a network's (or territory network's) `nodes` and `edges`: its `limit` (default
  200); a path's: its `maxLength` + 1 (default 6);
- a territory's `parents`: 5 (a commune's EPCI, pays, département, région, and a spare);
- any other list of objects: 10 (none of them is paged; they are small in the data: a ceiling guess).
Lists of scalars cost 1, as a scalar. Introspection fields (`__schema`, `__type`, `__typename`) cost 1 and are not
walked: they read the schema, not the graph. Every fragment of a selection is counted, as if all applied.

A query over the limit (GRAPHDIR_MAX_COST) is refused before execution with `extensions.code = QUERY_TOO_COSTLY`,
`extensions.cost` and `extensions.limit`; a query within it reports `extensions.cost` in the response, and is charged
to its address's rate limit when there is one (graphdir.api.rate_limit).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from graphdir.api.rate_limit import CostRateLimit, rate_limited
from graphdir.config import DEFAULT_MAX_COST
from graphdir.domain.common.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

TOO_COSTLY = "QUERY_TOO_COSTLY"
DEFAULT_LIST = 10
PARENTS = 5
NETWORK_LIMIT = 200
PATH_LENGTH = 6
_INTROSPECTION = {"__schema", "__type", "__typename"}


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
               variables: Mapping[str, Any] | None) -> int:
    """The cost of the operation `operation_name` (or of the document's only one); 0 when there is none such."""
    operations = [definition for definition in document.definitions if isinstance(definition, OperationDefinitionNode)
                  and (operation_name is None or (definition.name and definition.name.value == operation_name))]
    if not operations:
        return 0
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    defaults = {definition.variable.name.value: definition.default_value
                for definition in operation.variable_definitions or ()}
    walk = _Walk(schema, document, dict(variables or {}), defaults)
    return walk.selection(operation.selection_set, root, {})


class _Walk:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any],
                 defaults: Mapping[str, ValueNode | None]) -> None:
        self.schema = schema
        self.fragments = {definition.name.value: definition for definition in document.definitions
                          if isinstance(definition, FragmentDefinitionNode)}
        self.variables = variables
        self.defaults = defaults

    def selection(self, selection_set: SelectionSetNode, parent: GraphQLNamedType, parent_args: dict[str, Any]) -> int:
        return sum(self.field(field, owner, parent_args) for field, owner in self._fields(selection_set, parent))

    def _fields(self, selection_set: SelectionSetNode, parent: GraphQLNamedType
                ) -> Iterator[tuple[FieldNode, GraphQLNamedType]]:
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                yield node, parent
            elif isinstance(node, InlineFragmentNode):
                yield from self._fields(node.selection_set, self._type_of(node.type_condition, parent))
            elif isinstance(node, FragmentSpreadNode) and node.name.value in self.fragments:
                fragment = self.fragments[node.name.value]
                yield from self._fields(fragment.selection_set, self._type_of(fragment.type_condition, parent))

    def _type_of(self, condition: Any, parent: GraphQLNamedType) -> GraphQLNamedType:
        if condition is None:
            return parent
        schema_type = self.schema.get_type(condition.name.value)
        return schema_type if schema_type is not None else parent

    def field(self, node: FieldNode, parent: GraphQLNamedType, parent_args: dict[str, Any]) -> int:
        name = node.name.value
        if name in _INTROSPECTION or node.selection_set is None:
            return 1
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(name)
        if definition is None:
            return 1
        args = {argument.name.value: self._value(argument.value) for argument in node.arguments or ()}
        child = get_named_type(definition.type)
        if not is_composite_type(child):
            return 1
        many = self._multiplier(parent.name, name, definition, args, parent_args)
        return 1 + many * self.selection(node.selection_set, child, args)

    def _multiplier(self, parent: str, name: str, definition: GraphQLField, args: dict[str, Any],
                    parent_args: dict[str, Any]) -> int:
        if "first" in definition.args or "last" in definition.args:
            asked = args.get("first") if args.get("first") is not None else args.get("last")
            return min(asked, MAX_PAGE_SIZE) if isinstance(asked, int) and asked >= 0 else DEFAULT_PAGE_SIZE
        if not isinstance(get_nullable_type(definition.type), GraphQLList):
            return 1
        if parent.endswith("Connection") and name == "edges":
            return 1
        if parent == "Query" and name == "nodes":
            ids = args.get("ids")
            return len(ids) if isinstance(ids, list) else MAX_PAGE_SIZE
        if parent in ("Network", "TerritoryNetwork"):
            limit = parent_args.get("limit")
            return limit if isinstance(limit, int) and limit > 0 else NETWORK_LIMIT
        if parent == "Path":
            length = parent_args.get("maxLength")
            return (length if isinstance(length, int) and length > 0 else PATH_LENGTH) + 1
        if parent == "Territory" and name == "parents":
            return PARENTS
        return DEFAULT_LIST

    def _value(self, value: ValueNode) -> Any:
        if isinstance(value, VariableNode):
            name = value.name.value
            if name in self.variables:
                return self.variables[name]
            default = self.defaults.get(name)
            return self._value(default) if default is not None else None
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, ListValueNode):
            return [self._value(item) for item in value.values]
        if isinstance(value, NullValueNode):
            return None
        return value


def too_costly(cost: int, limit: int) -> GraphQLError:
    return GraphQLError(f"the query costs {cost}, over the limit of {limit} (each field costs 1, multiplied by the "
                        f"`first` of the lists it is in: ask for fewer items or fewer fields)",
                        extensions={"code": TOO_COSTLY, "cost": cost, "limit": limit})


class CostLimit(SchemaExtension):
    """Refuses, before execution, an operation costing more than the context's `max_cost` (DEFAULT_MAX_COST without
    one); reports the cost of the others in the response's `extensions.cost`. The cost is also left on the context
    (`cost`) for the rate limit to charge."""

    cost: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            self.cost = query_cost(context.schema._schema, document, context.operation_name, context.variables)
            limit = getattr(context.context, "max_cost", DEFAULT_MAX_COST)
            if hasattr(context.context, "cost"):
                context.context.cost = self.cost
            rate: CostRateLimit | None = getattr(context.context, "rate_limit", None)
            if limit and self.cost > limit:
                context.result = GraphQLExecutionResult(data=None, errors=[too_costly(self.cost, limit)])
            elif rate is not None and (wait := rate.charge(context.context.client, self.cost)):
                context.result = GraphQLExecutionResult(data=None, errors=[rate_limited(wait, rate.per_minute)])
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.cost} if self.cost is not None else {}

