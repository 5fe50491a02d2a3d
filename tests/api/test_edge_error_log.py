"""An unexpected error is logged once per site and minute, never shown to the client."""

from __future__ import annotations

import logging

import httpx
import pytest

from graphdir.api import error_log
from graphdir.api.extensions import log as api_log
from graphdir.domain.system.service import SystemService

QUERY = {"query": "{ databaseServer { version } }"}


@pytest.fixture
def failing_service(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(SystemService, "database_server", broken)


async def test_a_flood_of_one_error_logs_one_trace(client: httpx.AsyncClient, failing_service: None,
                                                   caplog: pytest.LogCaptureFixture,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(error_log.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(api_log, "disabled", False)
    with caplog.at_level(logging.ERROR, logger="graphdir"):
        for _ in range(50):
            response = await client.post("/graphql", json=QUERY)
            (error,) = response.json()["errors"]
            assert error["message"] == "Unexpected error." and error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
            assert "internal detail" not in response.text
        traces = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert len(traces) == 1 and traces[0].exc_info is not None
        now[0] += error_log.WINDOW_S + 1
        await client.post("/graphql", json=QUERY)
    traces = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(traces) == 2
    assert "49 more" in traces[1].getMessage()


def test_distinct_sites_are_logged_apart(caplog: pytest.LogCaptureFixture) -> None:
    log = error_log.ErrorLog(logging.getLogger("graphdir.test"), clock=lambda: 0.0)

    def fail(kind: type[Exception]) -> Exception:
        try:
            raise kind("x")
        except Exception as exc:  # noqa: BLE001 - the error logged
            return exc

    with caplog.at_level(logging.ERROR, logger="graphdir.test"):
        for _ in range(3):
            log.unexpected(fail(RuntimeError), "a")
            log.unexpected(fail(KeyError), "b")
    assert [r.getMessage() for r in caplog.records] == ["a", "b"]
