"""A client that goes away cancels the handling of its request."""

from __future__ import annotations

import asyncio

from starlette.types import Message, Receive, Scope, Send

from graphdir.api.disconnect import CancelOnDisconnect

SCOPE: Scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}


def client_leaving_after(seconds: float) -> Receive:
    sent: list[str] = []

    async def receive() -> Message:
        if not sent:
            sent.append("body")
            return {"type": "http.request", "body": b"{}", "more_body": False}
        await asyncio.sleep(seconds)
        return {"type": "http.disconnect"}

    return receive


async def no_send(message: Message) -> None:
    pass


async def test_a_busy_handler_is_cancelled_when_its_client_disconnects() -> None:
    events: list[str] = []

    async def busy(scope: Scope, receive: Receive, send: Send) -> None:
        assert (await receive())["body"] == b"{}"
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            events.append("cancelled")
            raise

    async with asyncio.timeout(2):
        await CancelOnDisconnect(busy)(SCOPE, client_leaving_after(0.1), no_send)
    assert events == ["cancelled"]


async def test_a_handler_that_answered_is_not_cancelled_by_the_disconnect_that_follows() -> None:
    events: list[str] = []

    async def quick(scope: Scope, receive: Receive, send: Send) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        await asyncio.sleep(0.3)  # clean-up after the answer, past the client's leaving
        events.append("finished")

    await CancelOnDisconnect(quick)(SCOPE, client_leaving_after(0.05), no_send)
    assert events == ["finished"]
