"""Generated requests over the whole schema: hypothesis-graphql's queries, valid and invalid, with some of their
arguments sent as variables.

The scalars are drawn from what reaches past the first checks as well as from noise: ids and slugs of the seeds,
territory codes, dates of every precision, cursors of real and crafted shapes, boundary integers. A request is a
query text and its variables (a JSON object), as a client would POST them.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import graphql
from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLSchema,
    NameNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    parse,
    parse_type,
    print_ast,
    value_from_ast_untyped,
    visit,
)
from hypothesis import strategies as st
from hypothesis_graphql import Mode, queries

from graphdir.api.ids import encode
from graphdir.api.schema import schema as graphdir_schema


@dataclass(frozen=True)
class Request:
    query: str
    variables: dict[str, Any]

    def body(self) -> dict[str, Any]:
        return {"query": self.query, "variables": self.variables} if self.variables else {"query": self.query}


SEED_IDS = ("cres-auvergne", "cress-paca", "pays-vichy-auvergne", "conseil-regional-auvergne", "cpca",
            "gerard-courtadon", "convention-pays-vichy-auvergne-cres-2012", "seminaire-cres-auvergne-cusset-2012",
            "src-cres-auvergne-2012", "cres-auvergne-mission-1", "paca-ess-share-of-employees",
            "region:83", "region:84", "commune:03095", "departement:03")
NODE_TYPES = ("Organization", "Territory", "Person", "Convention", "Event", "Source", "Figure", "Statement", "Nope")
CODES = ("03095", "03", "84", "83", "93", "200071082", "2A", "2B004", "75056", "75101", "971", "99999", "")
DATES = ("2012", "2012-01", "2012-01-20", "2012-01-20T14:00", "1999-12-31", "2016-01-01", "2012-02-30", "0000",
         "9999-12-31", "20120120", "2012-13", "-1", "")


def _cursor(value: object) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


def _nested(depth: int) -> object:
    value: object = 0
    for _ in range(depth):
        value = [value]
    return value


CURSORS = (_cursor([1, "x"]), _cursor(["a", 2**63]), _cursor(_nested(500)), _cursor({"k": None}), _cursor(-1),
           base64.b64encode(b"\xff\xfe").decode(), "not base64!", "YQ==", "")
NOISE = ("é" * 1001, "a b " * 300, "l'économie sociale", "%_\\*", "\x00", "'\"}{)(", "MATCH (n) DETACH DELETE n")


def _often(plausible: st.SearchStrategy[Any], noise: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Four in five values from `plausible` (they get past the first checks), the rest noise."""
    return st.one_of(plausible, plausible, plausible, plausible, noise)


_global_ids = st.builds(encode, st.sampled_from(NODE_TYPES[:-1]), st.sampled_from(SEED_IDS))
_strings = _often(st.sampled_from(SEED_IDS + CODES + DATES[:4]) | _global_ids,
                  st.text(max_size=40) | st.sampled_from(NOISE + CURSORS)
                  | st.builds(encode, st.sampled_from(NODE_TYPES), st.text(max_size=20)))
_ids = _often(_global_ids, _strings)
_ints = _often(st.integers(0, 25), st.integers(-2, 102) | st.sampled_from((2**31 - 1, -(2**31), 1000, 10**6)))


def _string_node(value: str) -> graphql.ValueNode:
    return graphql.StringValueNode(value=value)


def _int_node(value: int) -> graphql.ValueNode:
    return graphql.IntValueNode(value=str(value))


def _dates(valid: tuple[str, ...], max_size: int) -> st.SearchStrategy[graphql.ValueNode]:
    return _often(st.sampled_from(valid), st.sampled_from(DATES) | st.text(max_size=max_size)).map(_string_node)


CUSTOM_SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    "String": _strings.map(_string_node),
    "ID": _ids.map(_string_node),
    "Int": _ints.map(_int_node),
    "Float": _often(st.floats(0, 200), st.floats(-1e3, 1e6) | st.sampled_from((0.0, 1e300))).map(
        lambda number: graphql.FloatValueNode(value=repr(number))),
    "Date": _dates(("2012-01-20", "1999-12-31", "2016-01-01", "2026-06-30"), 12),
    "PartialDate": _dates(("2012", "2012-01", "2012-01-20", "2016"), 12),
    "PartialDateTime": _dates(("2012", "2012-01", "2012-01-20", "2012-01-20T14:00"), 16),
}


class _ArgumentsToVariables(Visitor):
    """Replaces the chosen top-level argument values by variables of the argument's type, collecting their values."""

    def __init__(self, type_info: TypeInfo, chosen: list[bool]) -> None:
        super().__init__()
        self.type_info = type_info
        self.chosen = chosen
        self.definitions: list[VariableDefinitionNode] = []
        self.values: dict[str, Any] = {}

    def enter_argument(self, node: ArgumentNode, *_: Any) -> ArgumentNode | None:
        argument = self.type_info.get_argument()
        if argument is None or isinstance(node.value, VariableNode) or not self._take():
            return None
        name = f"v{len(self.definitions)}"
        self.definitions.append(VariableDefinitionNode(variable=VariableNode(name=NameNode(value=name)),
                                                       type=parse_type(str(argument.type)), directives=()))
        self.values[name] = value_from_ast_untyped(node.value)
        return ArgumentNode(name=node.name, value=VariableNode(name=NameNode(value=name)), loc=node.loc)

    def _take(self) -> bool:
        return bool(self.chosen.pop()) if self.chosen else False


def with_variables(schema: GraphQLSchema, query: str, chosen: list[bool]) -> Request:
    """`query` with the arguments `chosen` says (in document order, True: as a variable) sent as variables."""
    document = parse(query)
    type_info = TypeInfo(schema)
    moved = _ArgumentsToVariables(type_info, list(reversed(chosen)))
    edited: DocumentNode = visit(document, TypeInfoVisitor(type_info, moved))
    if not moved.definitions:
        return Request(query, {})
    definitions = [_with_definitions(node, moved.definitions) if isinstance(node, OperationDefinitionNode) else node
                   for node in edited.definitions]
    return Request(print_ast(DocumentNode(definitions=tuple(definitions))), moved.values)


def _with_definitions(node: OperationDefinitionNode, added: list[VariableDefinitionNode]) -> OperationDefinitionNode:
    return OperationDefinitionNode(operation=node.operation, name=node.name, directives=node.directives,
                                   selection_set=node.selection_set,
                                   variable_definitions=(*(node.variable_definitions or ()), *added))


def requests(mode: Mode = Mode.POSITIVE) -> st.SearchStrategy[Request]:
    """Requests of the whole Query type; Mode.NEGATIVE makes each document break the schema once."""
    schema = graphdir_schema._schema
    documents = queries(schema, custom_scalars=CUSTOM_SCALARS, mode=mode)
    return st.builds(lambda query, chosen: with_variables(schema, query, chosen), documents,
                     st.lists(st.booleans(), max_size=12))


def any_requests() -> st.SearchStrategy[Request]:
    """Mostly valid documents (they reach the resolvers and Neo4j), some invalid ones."""
    return st.one_of(requests(Mode.POSITIVE), requests(Mode.POSITIVE), requests(Mode.POSITIVE),
                     requests(Mode.NEGATIVE))
