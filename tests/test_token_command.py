"""`graphdir token create|list|revoke`: the secret printed once, never listed; bad arguments one line, exit 2."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.test_cli import assert_one_line_error, run


@pytest.fixture
async def no_test_tokens(driver: AsyncDriver, settings: Settings) -> AsyncIterator[None]:
    query = "MATCH (t:ApiToken) WHERE t.name STARTS WITH 'test-cli-' DELETE t"
    await driver.execute_query(query, database_=settings.neo4j_database)
    yield
    await driver.execute_query(query, database_=settings.neo4j_database)


def test_create_list_revoke(no_test_tokens: None) -> None:
    created = run(["token", "create", "--name", "test-cli-token", "--role", "editor", "--territory", "region:84"])
    assert created.returncode == 0, created.stderr
    line, secret = created.stdout.splitlines()
    assert "name='test-cli-token' role=editor territories=region:84" in line
    assert secret.startswith("gdt_")
    assert "shown once" in created.stderr
    listed = run(["token", "list"])
    assert "test-cli-token" in listed.stdout and secret not in listed.stdout
    assert hashlib.sha256(secret.encode()).hexdigest() not in listed.stdout
    revoked = run(["token", "revoke", "test-cli-token"])
    assert revoked.returncode == 0 and " revoked " in revoked.stdout
    assert run(["token", "revoke", "test-cli-none"]).returncode == 1
    assert_one_line_error(run(["token", "create", "--name", "test-cli-x", "--role", "reader", "--territory",
                               "region:84"]), "--territory")
    again = run(["token", "create", "--name", "test-cli-token", "--role", "admin"])
    assert again.returncode == 2 and "already named" in again.stderr
