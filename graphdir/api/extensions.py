"""The schema's safety net: limits, caches, error codes, masking and logging.

- Depth (10), alias (30) and token (5000) limits refuse oversized documents before execution; the errors carry
  `extensions.code = BAD_USER_INPUT`, `extensions.argument = "query"` and `extensions.limit`.
- Parsing and validation are cached per process, bounded by the size of the texts held
  (graphdir.api.document_cache).
- The domain's InvalidArgument (graphdir.domain.common.errors), wherever a resolver raises it, becomes the error
  "<argument>: <message>" with `code = BAD_USER_INPUT` and `argument` (a path such as `filter.territoryLevel`).
- Invalid argument values caught by validation or variable coercion (a bad Date, an unknown enum value) get
  `code = BAD_USER_INPUT` and the argument's path (`filter.on`); other validation errors GRAPHQL_VALIDATION_FAILED,
  syntax errors GRAPHQL_PARSE_FAILED.
- With GRAPHDIR_INTROSPECTION=false, `__schema` and `__type` are refused (INTROSPECTION_DISABLED).
- String arguments are bounded and error messages cut (graphdir.api.input_limits).
- A document of several operations needs `operationName` (the GraphQL spec's GetOperation): without it, a request
  error, nothing run.
- A request whose reads outlast its deadline (GRAPHDIR_REQUEST_TIMEOUT) gets `code = TIMEOUT` where it was cut.
- A request that cannot reach Neo4j gets `code = SERVICE_UNAVAILABLE` (and HTTP 503 with Retry-After, api/http.py).
- An unexpected exception in a resolver is logged with its trace (once per site and minute: graphdir.api.error_log)
  and reaches the client as "Unexpected error." (code INTERNAL_SERVER_ERROR); InvalidArgument, GraphQL errors and
  validation errors are not masked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError, NoSchemaIntrospectionCustomRule, validate
from graphql.language import (
    ArgumentNode,
    DocumentNode,
    ListValueNode,
    Node,
    ObjectValueNode,
    OperationDefinitionNode,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    visit,
)
from graphql.language.visitor import Visitor
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.types import ExecutionContext

from graphdir.api.cost import CostLimit
from graphdir.api.document_cache import CachedDocuments, documents
from graphdir.api.error_log import ErrorLog
from graphdir.api.input_limits import first_too_long, string_literals, truncated
from graphdir.db.driver import DatabaseUnavailable
from graphdir.db.reader import DeadlineExceeded
from graphdir.domain.common.errors import InvalidArgument

log = logging.getLogger("graphdir.api")
unexpected = ErrorLog(log)

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000

BAD_USER_INPUT = "BAD_USER_INPUT"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL = "INTERNAL_SERVER_ERROR"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
TIMEOUT = "TIMEOUT"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"

_LIMITS = (
    (re.compile(r"exceeds maximum operation depth"), "maxDepth"),
    (re.compile(r"aliases found\. Allowed"), "maxAliases"),
    (re.compile(r"more than \d+ tokens"), "maxTokens"),
)
# "Field 'x' argument 'code' of type …" (graphql-core 3.2) or "Argument 'Query.territory(code:)' of type …" (3.3).
_REQUIRED_ARGUMENT = re.compile(
    r"[Aa]rgument '(?:[A-Za-z_.]*\()?([A-Za-z_][A-Za-z0-9_]*)(?::\))?' of type .* is required")


# The database failures with a code of their own are expected too: they say what happened, not how.
_EXPECTED = (GraphQLError, InvalidArgument, DeadlineExceeded, DatabaseUnavailable)


def is_expected(error: GraphQLError) -> bool:
    """Errors the client caused or may see as they are: GraphQL errors of any kind, raised by graphql-core or
    Strawberry, and invalid arguments (InvalidArgument, raised by graphdir and by our scalars' parsers). Anything
    else (a driver failure, a bug) is unexpected."""
    original = error.original_error
    return original is None or isinstance(original, _EXPECTED)


class GraphdirMaskErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_expected(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(self.error_message, nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, extensions={"code": INTERNAL})


class OperationNameRequired(SchemaExtension):
    """Strawberry runs the first operation when several are sent without a name; the spec says that is an error."""

    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        document = context.graphql_document
        # operation_name falls back on the first operation's; only the private attribute says whether one was given.
        if document is None or getattr(context, "_provided_operation_name", None) is not None:
            return
        operations = sum(isinstance(node, OperationDefinitionNode) for node in document.definitions)
        if operations > 1:
            raise GraphQLError(f"the document has {operations} operations: operationName must name the one to run",
                               extensions={"code": BAD_USER_INPUT, "argument": "operationName"})


class StringLengthLimit(SchemaExtension):
    """A string argument over the limit, literal or in a variable, is refused before any resolver runs."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            literal_error, variable_paths = documents.derived(context.query, context.graphql_document,
                                                              "string-lengths", _literal_lengths)
            # A fresh error per request: a raised error carries its request's traceback.
            error = (GraphQLError(literal_error.message, extensions=literal_error.extensions) if literal_error
                     else first_too_long([], {}, context.variables or {}, variable_paths))
            if error is not None:
                raise error
        yield


def _literal_lengths(document: DocumentNode) -> tuple[GraphQLError | None, dict[str, str]]:
    """What a document alone says of string lengths: its first literal over the limit, and its variables' paths."""
    paths = _ArgumentPaths.of(document)
    return first_too_long(string_literals(document), paths.values, {}, {}), paths.variables


class IntrospectionSwitch(SchemaExtension):
    """With GRAPHDIR_INTROSPECTION=false (the request context says it), `__schema` and `__type` are refused with
    `code = INTROSPECTION_DISABLED`; `__typename` stays."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and not getattr(context.context, "introspection", True):
            errors = validate(context.schema._schema, context.graphql_document, [NoSchemaIntrospectionCustomRule])
            if errors:
                raise GraphQLError(errors[0].message, nodes=errors[0].nodes,
                                   extensions={"code": INTROSPECTION_DISABLED})
        yield


class ErrorCodes(SchemaExtension):
    """Gives every error without a code one, naming the argument when an argument's value is at fault."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        document = self.execution_context.graphql_document
        arguments = _ArgumentPaths.of(document) if document is not None else _ArgumentPaths()
        result.errors = [_with_code(error, arguments) for error in errors]


def _with_code(error: GraphQLError, arguments: _ArgumentPaths) -> GraphQLError:
    if error.extensions and "code" in error.extensions:
        return error
    original = error.original_error
    if isinstance(original, InvalidArgument) and original.argument is not None:
        return GraphQLError(f"{original.argument}: {original}", nodes=error.nodes, source=error.source,
                            positions=error.positions, path=error.path, original_error=original,
                            extensions={"code": BAD_USER_INPUT, "argument": original.argument})
    if isinstance(original, DeadlineExceeded | DatabaseUnavailable):
        code = TIMEOUT if isinstance(original, DeadlineExceeded) else SERVICE_UNAVAILABLE
        return GraphQLError(str(original), nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, original_error=original, extensions={"code": code})
    extensions: dict[str, Any] = {}
    if isinstance(error, GraphQLSyntaxError) or isinstance(error.original_error, GraphQLSyntaxError):
        extensions["code"] = PARSE_FAILED
    for pattern, limit in _LIMITS:
        if pattern.search(error.message):
            extensions = {"code": BAD_USER_INPUT, "argument": "query", "limit": limit}
    if not extensions and error.path is None:
        argument = arguments.argument_of(error)
        extensions = {"code": BAD_USER_INPUT, "argument": argument} if argument else {"code": VALIDATION_FAILED}
    if not extensions:
        return error
    return GraphQLError(error.message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=error.original_error, extensions=extensions)


class _ArgumentPaths:
    """Where each value node and variable of a document sits, as an argument path ("filter.on")."""

    def __init__(self) -> None:
        self.values: dict[int, str] = {}
        self.variables: dict[str, str] = {}

    @classmethod
    def of(cls, document: DocumentNode) -> _ArgumentPaths:
        paths = cls()
        visit(document, _Collector(paths))
        return paths

    def add(self, value: ValueNode, path: str) -> None:
        self.values[id(value)] = path
        if isinstance(value, VariableNode):
            self.variables.setdefault(value.name.value, path)
        elif isinstance(value, ObjectValueNode):
            for field in value.fields:
                self.add(field.value, f"{path}.{field.name.value}")
        elif isinstance(value, ListValueNode):
            for item in value.values:
                self.add(item, path)

    def argument_of(self, error: GraphQLError) -> str | None:
        for node in error.nodes or ():
            found = self._of_node(node)
            if found:
                return found
        match = _REQUIRED_ARGUMENT.search(error.message)
        return match.group(1) if match else None

    def _of_node(self, node: Node) -> str | None:
        if isinstance(node, ArgumentNode):
            return node.name.value
        if isinstance(node, VariableDefinitionNode):
            name = node.variable.name.value
            return self.variables.get(name, name)
        return self.values.get(id(node))


class _Collector(Visitor):
    def __init__(self, paths: _ArgumentPaths) -> None:
        super().__init__()
        self.paths = paths

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.paths.add(node.value, node.name.value)


class GraphdirSchema(strawberry.Schema):
    """Logs unexpected errors with their trace (once, before masking); expected ones at debug level. Errors raised
    before the operation's extensions could see them (a syntax error or the token limit, raised while parsing) get
    their code here."""

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        result = await super().execute(*args, **kwargs)
        if result.errors:
            result.errors = [truncated(_with_code(error, _ArgumentPaths())) for error in result.errors]
        return result

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if is_expected(error):
                log.debug("graphql error: %s", error.message)
            else:
                original = error.original_error
                assert original is not None
                unexpected.unexpected(original, "unexpected error in %s: %s",
                                      ".".join(map(str, error.path or [])) or "operation", original)


# The limiters' validation rules are classes made per limiter instance: made once here, so that the validation cache
# (keyed by document and rules) hits across requests.
_LIMIT_RULES = [*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
                *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules]


def schema_extensions() -> list[Any]:
    """Fresh extension instances per operation (Strawberry calls the factories)."""
    return [
        lambda: AddValidationRules(_LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        CachedDocuments,
        OperationNameRequired,
        StringLengthLimit,
        IntrospectionSwitch,
        CostLimit,
        GraphdirMaskErrors,
        ErrorCodes,
    ]
