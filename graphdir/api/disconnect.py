"""An ASGI wrapper that cancels a request's handling when its client goes away.

uvicorn does not cancel a request's task when the connection is lost: it only answers `http.disconnect` to the next
`receive()`, which a handler that is busy executing a query never calls. Here a watcher task does every `receive()`,
passes the messages on to the handler, and cancels the handler when the client disconnects before the response is
complete: the handler's reads are cancelled with it (the Neo4j connection of a cancelled read is closed, which ends
its statement).
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

        async def handle() -> None:
            await self.app(scope, messages.get, send_and_note)

        handler = asyncio.create_task(handle())

        async def watch() -> None:
            nonlocal client_left
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
