"""Strawberry served over HTTP per the GraphQL-over-HTTP specification, with a typed per-request context.

What Strawberry's ASGI view does is kept (POST with JSON, GET for queries, GraphiQL on GET with Accept: text/html,
its page bundled in graphdir.web rather than Strawberry's);
these gaps are filled here:

- Content negotiation on Accept: `application/graphql-response+json` when the client lists it (or sends no Accept),
  `application/json` when it asks for that or only for a wildcard, 406 when it accepts neither.
- With `application/graphql-response+json`, a request error (parse, validation or variable coercion: nothing executed)
  is answered 400 without a `data` entry; with `application/json` it is answered 200, as the spec says.
- A mutation (or subscription) over GET is 405 with `Allow: POST` (Strawberry answers 400).
- A POST body that is not `application/json` is 415; a body that is not a JSON object (or malformed JSON), a non-string
  `operationName`, is 400 (Strawberry crashes on a JSON scalar body).
- A JSON body (or GET `variables`/`extensions`) that is not UTF-8, or nests arrays and objects deeper than
  MAX_JSON_DEPTH (64) levels, is 400.
- A body over MAX_BODY_BYTES (1 MiB) is 413, from its Content-Length or as soon as that much has streamed in
  (graphdir.api.body_limit).
- HEAD (and any method but GET and POST) is 405 with `Allow: GET, POST`.
- A request that could not reach Neo4j (an error with code SERVICE_UNAVAILABLE) is 503 with `Retry-After`; one past
  its address's rate limit (RATE_LIMITED) is 429 with `Retry-After`.
- Errors raised before execution are GraphQL-shaped JSON (`{"errors": [{"message": …}]}`), not plain text; so is an
  unexpected failure of the view itself (500, logged, its cause not shown).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graphdir.api.auth import principal_of
from graphdir.api.body_limit import BodyTooLarge, check_declared, counting
from graphdir.api.context import Context
from graphdir.api.error_log import ErrorLog
from graphdir.api.extensions import SERVICE_UNAVAILABLE
from graphdir.api.rate_limit import RATE_LIMITED, CostRateLimit
from graphdir.api.schema import schema as graphdir_schema
from graphdir.config import Settings
from graphdir.web.pages import graphiql_page

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
_MEDIA_ATTRIBUTE = "graphdir_media_type"
# No GraphQL input of this API nests near this deep; deeper JSON only costs recursion.
MAX_JSON_DEPTH = 64

unexpected = ErrorLog(logging.getLogger("graphdir.api.http"))

# A client's X-Request-Id is kept (cut to this length) as the request's id in the history; else one is made.
REQUEST_ID_CHARS = 100
# What a client told the database is unavailable should wait before retrying: a restart takes a few seconds.
RETRY_AFTER_S = 5


class MethodNotAllowed(HTTPException):
    def __init__(self, reason: str, allow: str) -> None:
        super().__init__(405, reason)
        self.allow = allow


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header, or None when neither JSON type is acceptable.

    No Accept header means application/graphql-response+json (the spec's default since 2025). An explicit type beats
    a wildcard at equal quality; two explicit ones at equal quality favour graphql-response+json; a bare wildcard
    (`*/*`, as curl and most libraries send) gets application/json, which every client understands.
    """
    if accept is None or not accept.strip():
        return GRAPHQL_RESPONSE_JSON
    scores: dict[str, tuple[float, int]] = {GRAPHQL_RESPONSE_JSON: (0.0, -1), JSON: (0.0, -1)}
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        quality = _quality(params)
        for candidate in scores:
            specificity = _specificity(media, candidate)
            if specificity > scores[candidate][1]:
                scores[candidate] = (quality, specificity)
    def rank(item: tuple[str, tuple[float, int]]) -> tuple[float, int, bool]:
        candidate, (quality, specificity) = item
        preferred = GRAPHQL_RESPONSE_JSON if specificity == 2 else JSON
        return quality, specificity, candidate == preferred

    best = max(scores.items(), key=rank)
    media_type, (quality, _) = best
    return media_type if quality > 0 else None


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def _specificity(media: str, candidate: str) -> int:
    if media == candidate:
        return 2
    if media == "application/*":
        return 1
    if media == "*/*":
        return 0
    return -1


def json_depth(value: object) -> int:
    """How deep arrays and objects nest in a decoded JSON value (a scalar: 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def is_request_error(result: ExecutionResult) -> bool:
    """True when nothing was executed: every error is a document or variables error (no path) and no data."""
    return result.data is None and bool(result.errors) and all(error.path is None for error in result.errors or [])


class GraphdirGraphQL(GraphQL[Context, None]):
    def __init__(self, driver: Callable[[], AsyncDriver], settings: Settings) -> None:
        super().__init__(graphdir_schema, graphql_ide="graphiql" if settings.graphiql else None)
        self._driver = driver
        self._database = settings.neo4j_database
        self._introspection = settings.introspection
        self._max_cost = settings.max_cost
        self._timeout = settings.request_timeout
        self._rate_limit = CostRateLimit(settings.rate_limit) if settings.rate_limit else None

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket | None) -> Context:
        principal = principal_of(request)
        # A token's requests share its budget wherever they come from; anonymous ones are counted per address.
        client = f"token:{principal.id}" if principal else request.client.host if request.client else ""
        request_id = request.headers.get("x-request-id", "")[:REQUEST_ID_CHARS] or uuid.uuid4().hex
        return Context(driver=self._driver(), database=self._database, request=request, response=response,
                       introspection=self._introspection, max_cost=self._max_cost, timeout=self._timeout,
                       rate_limit=self._rate_limit, client=client, principal=principal, request_id=request_id)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Strawberry's own page loads React and GraphiQL from a CDN; this one is bundled and served from here.
        return graphiql_page()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=counting(receive))
        media = negotiate(request.headers.get("accept"))
        response: Response
        if media is None and not self._wants_ide(request):
            response = _error_response(406, f"acceptable response types: {GRAPHQL_RESPONSE_JSON}, {JSON}", JSON)
        else:
            try:
                check_declared(scope)
                response = await self.run(request)
            except BodyTooLarge as exc:
                response = _error_response(413, str(exc), media or JSON)
                # The rest of the body is not read: the connection cannot serve another request.
                response.headers["Connection"] = "close"
            except HTTPException as exc:
                response = _error_response(exc.status_code, exc.reason, media or JSON)
                if exc.status_code == 405:
                    response.headers["Allow"] = exc.allow if isinstance(exc, MethodNotAllowed) else "GET, POST"
            except Exception as exc:
                unexpected.unexpected(exc, "unexpected error serving %s %s", request.method, request.url.path)
                response = _error_response(500, "Unexpected error.", media or JSON)
        await response(scope, receive, send)

    def _wants_ide(self, request: Request) -> bool:
        return (self.graphql_ide is not None and request.method == "GET" and "query" not in request.query_params
                and "text/html" in request.headers.get("accept", ""))

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        setattr(sub_response, _MEDIA_ATTRIBUTE, negotiate(request.headers.get("accept")) or JSON)
        return sub_response

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type != JSON:
                raise HTTPException(415, f"a POST body must be {JSON}")
            body = self.parse_json(await request.get_body())
            if not isinstance(body, dict | list):
                raise HTTPException(400, "the request body must be a JSON object")
            name = body.get("operationName") if isinstance(body, dict) else None
            if name is not None and not isinstance(name, str):
                raise HTTPException(400, "operationName must be a string or null")
        return await super().parse_http_body(request)

    def decode_json(self, data: str | bytes) -> object:
        try:
            value = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
        except UnicodeDecodeError as exc:
            raise HTTPException(400, "the request body is not UTF-8") from exc
        except RecursionError as exc:
            raise HTTPException(400, f"JSON nests deeper than {MAX_JSON_DEPTH} levels") from exc
        if json_depth(value) > MAX_JSON_DEPTH:
            raise HTTPException(400, f"JSON nests deeper than {MAX_JSON_DEPTH} levels")
        return value

    async def execute_single(self, request: Request, request_adapter: AsyncHTTPRequestAdapter,  # noqa: PLR0913
                             sub_response: Response, context: Context, root_value: None,
                             request_data: GraphQLRequestData) -> ExecutionResult:
        if request_adapter.method != "GET":
            return await super().execute_single(request, request_adapter, sub_response, context, root_value,
                                                request_data)
        # Strawberry lets subscriptions through GET (for its multipart transport, which graphdir does not serve).
        try:
            return await self.schema.execute(request_data.query, root_value=root_value,
                                             variable_values=request_data.variables, context_value=context,
                                             operation_name=request_data.operation_name,
                                             allowed_operation_types={OperationType.QUERY},
                                             operation_extensions=request_data.extensions)
        except InvalidOperationTypeError as exc:
            raise MethodNotAllowed("only queries can be sent with GET: use POST", "POST") from exc
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason()) from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "No GraphQL query found in the request") from exc

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if is_request_error(result):
            response.pop("data", None)
        return response

    def create_response(self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
                        sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        media = getattr(sub_response, _MEDIA_ATTRIBUTE, JSON)
        response.headers["content-type"] = f"{media}; charset=utf-8"
        if media == GRAPHQL_RESPONSE_JSON and isinstance(response_data, dict) and "data" not in response_data:
            response.status_code = 400
        if _has_code(response_data, SERVICE_UNAVAILABLE):
            response.status_code = 503
            response.headers["Retry-After"] = str(RETRY_AFTER_S)
        if limited := _has_code(response_data, RATE_LIMITED):
            response.status_code = 429
            response.headers["Retry-After"] = str(limited["retryAfter"])
        return response


def _has_code(response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], code: str) -> dict[str, Any] | None:
    """The extensions of the first error with that code, if any."""
    responses = response_data if isinstance(response_data, list) else [response_data]
    errors: list[Any] = [error for response in responses for error in response.get("errors") or []]
    return next((error["extensions"] for error in errors if (error.get("extensions") or {}).get("code") == code),
                None)


def _error_response(status: int, message: str, media: str) -> Response:
    return JSONResponse({"errors": [{"message": message}]}, status_code=status,
                        media_type=f"{media}; charset=utf-8")


def make_graphql_app(driver: Callable[[], AsyncDriver], settings: Settings) -> Any:
    return GraphdirGraphQL(driver, settings)
