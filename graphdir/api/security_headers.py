"""Security headers for an API whose only page is GraphiQL.

Every response gets `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY` and,
unless it set its own, the Content-Security-Policy API_POLICY: JSON is never a document to run or frame. The GraphiQL
page sets the looser policy `graphiql_policy` makes for it.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
_EXTERNAL = re.compile(r"""(?:src|href)="(https://[^/"]+)/""")
_SAME_ORIGIN = re.compile(r"""(?:src|href)="/(?!/)""")


def graphiql_policy(html: str) -> str:
    """The policy that lets this GraphiQL page run and nothing more: its inline scripts by their hashes, its scripts
    and styles from the origins it names (Strawberry's page loads them from a CDN; 'self' once it names paths of this
    server), requests to this server only. Both policies of graphdir are made in this module, and only here."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _INLINE_SCRIPT.findall(html))
    origins = " ".join((["'self'"] if _SAME_ORIGIN.search(html) else []) + sorted(set(_EXTERNAL.findall(html))))
    return (f"default-src 'none'; script-src {hashes} {origins}; style-src 'unsafe-inline' {origins}; "
            f"font-src data: {origins}; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'none'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", API_POLICY)
            await send(message)

        await self.app(scope, receive, with_headers)
