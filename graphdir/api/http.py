"""Strawberry served over HTTP per the GraphQL-over-HTTP specification, with a typed per-request context.

What Strawberry's ASGI view does is kept (POST with JSON, GET for queries, GraphiQL on GET with Accept: text/html);
these gaps are filled here:

- Content negotiation on Accept: `application/graphql-response+json` when the client lists it (or sends no Accept),
  `application/json` when it asks for that or only for a wildcard, 406 when it accepts neither.
- With `application/graphql-response+json`, a request error (parse, validation or variable coercion: nothing executed)
  is answered 400 without a `data` entry; with `application/json` it is answered 200, as the spec says.
- A mutation (or subscription) over GET is 405 with `Allow: POST` (Strawberry answers 400).
- A POST body that is not `application/json` is 415; a body that is not a JSON object (or malformed JSON), a non-string
  `operationName`, is 400 (Strawberry crashes on a JSON scalar body).
- A request that could not reach Neo4j (an error with code SERVICE_UNAVAILABLE) is 503 with `Retry-After`; one past
  its address's rate limit (RATE_LIMITED) is 429 with `Retry-After`.
- Errors raised before execution are GraphQL-shaped JSON (`{"errors": [{"message": …}]}`), not plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graphdir.api.context import Context
from graphdir.api.extensions import SERVICE_UNAVAILABLE
from graphdir.api.rate_limit import RATE_LIMITED, CostRateLimit
from graphdir.api.schema import schema as graphdir_schema
from graphdir.config import Settings

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
_MEDIA_ATTRIBUTE = "graphdir_media_type"
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


def is_request_error(result: ExecutionResult) -> bool:
    """True when nothing was executed: every error is a document or variables error (no path) and no data."""
    return result.data is None and bool(result.errors) and all(error.path is None for error in result.errors or [])


class GraphdirGraphQL(GraphQL[Context, None]):
    def __init__(self, driver: Callable[[], AsyncDriver], settings: Settings) -> None:
        super().__init__(graphdir_schema, graphql_ide="graphiql" if settings.graphiql else None)
        self._driver = driver
        self._database = settings.neo4j_database
        self._max_cost = settings.max_cost
        self._timeout = settings.request_timeout
        self._rate_limit = CostRateLimit(settings.rate_limit) if settings.rate_limit else None

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket | None) -> Context:
        return Context(driver=self._driver(), database=self._database, request=request, response=response,
                       max_cost=self._max_cost, timeout=self._timeout, rate_limit=self._rate_limit,
                       client=request.client.host if request.client else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media = negotiate(request.headers.get("accept"))
        response: Response
        if media is None and not self._wants_ide(request):
            response = _error_response(406, f"acceptable response types: {GRAPHQL_RESPONSE_JSON}, {JSON}", JSON)
        else:
            try:
                response = await self.run(request)
            except HTTPException as exc:
                response = _error_response(exc.status_code, exc.reason, media or JSON)
                if isinstance(exc, MethodNotAllowed):
                    response.headers["Allow"] = exc.allow
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

    async def execute_single(self, request: Request, request_adapter: AsyncHTTPRequestAdapter,  # noqa: PLR0913
                             sub_response: Response, context: Context, root_value: None,
                             request_data: GraphQLRequestData) -> ExecutionResult:
        try:
            return await super().execute_single(request, request_adapter, sub_response, context, root_value,
                                                request_data)
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(exc.__cause__, InvalidOperationTypeError):
                raise MethodNotAllowed("only queries can be sent with GET: use POST", "POST") from exc
            raise

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
