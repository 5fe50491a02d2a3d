"""An ASGI wrapper that cancels a request's handling when its client goes away.

uvicorn does not cancel a request's task when the connection is lost: it only answers `http.disconnect` to the next
`receive()`, which a handler that is busy executing a query never calls. Here, once the request's body has been read
(by the handler itself, so that the body limit still cuts a long body as it streams in), a watcher task does every
further `receive()`, passes the messages on to the handler, and cancels the handler when the client disconnects before
the response is complete: the handler's reads are cancelled with it (the Neo4j connection of a cancelled read is
closed, which ends its statement). A GET has no body to read: the watcher starts at once.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class CancelOnDisconnect:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages: asyncio.Queue[Message] = asyncio.Queue()
        answered = False
        client_left = False

        async def send_and_note(message: Message) -> None:
            nonlocal answered
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered = True

        body_read = asyncio.Event()
        if scope.get("method") in ("GET", "HEAD"):
            body_read.set()

        async def handler_receive() -> Message:
            if body_read.is_set():
                return await messages.get()
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_read.set()
            return message

        async def handle() -> None:
            await self.app(scope, handler_receive, send_and_note)

        handler = asyncio.create_task(handle())

        async def watch() -> None:
            nonlocal client_left
            await body_read.wait()
            while True:
                message = await receive()
                messages.put_nowait(message)
                if message["type"] == "http.disconnect":
                    if not answered and not handler.done():
                        client_left = True
                        handler.cancel()
                    return

        watcher = asyncio.create_task(watch())
        try:
            await handler
        except asyncio.CancelledError:
            if not client_left:
                raise
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
