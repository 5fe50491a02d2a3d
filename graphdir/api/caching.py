"""HTTP caching where it is free: a GET query to /graphql and every export answer an ETag (a hash of the body) and
Cache-Control; a request whose If-None-Match holds that ETag gets 304 with no body.

The body is hashed once made, so the work is done either way: what the client saves is the transfer. The data
changes only when a load runs, so a minute of freshness costs little staleness.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = "public, max-age=60"
_CACHED_PREFIXES = ("/export/",)


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


def cacheable(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    if path.startswith(_CACHED_PREFIXES):
        return True
    # GraphiQL's page (a GET without a query) is not a query answer.
    return path == "/graphql" and b"query=" in scope.get("query_string", b"")


class ConditionalGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            await self._finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, buffered)

    @staticmethod
    async def _finish(scope: Scope, start: Message, body: bytes, send: Send) -> None:
        if start["status"] != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        headers = MutableHeaders(scope=start)
        etag = headers.get("etag") or etag_of(body)
        headers["etag"] = etag
        headers.setdefault("cache-control", CACHE_CONTROL)
        if scope["path"] == "/graphql":  # the media type is negotiated on Accept (graphdir.api.http)
            headers.add_vary_header("Accept")
        if matches(Headers(scope=scope).get("if-none-match"), etag):
            kept = {name: headers[name] for name in ("etag", "cache-control", "vary") if name in headers}
            not_modified: Message = {"type": "http.response.start", "status": 304,
                                     "headers": [(k.encode(), v.encode()) for k, v in kept.items()]}
            await send(not_modified)
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
