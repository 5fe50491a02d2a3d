"""CORS: browsers on the origins a deployment names may call the API; no one else gets CORS headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import ConfigError, Settings
from tests.api.helpers import app_client

ALLOWED = "https://app.example.org"
PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}


@pytest.fixture
async def cors_client(driver: AsyncDriver, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, cors_origins=(ALLOWED, "http://localhost:3000"))) as http:
        yield http


async def test_preflight_from_an_allowed_origin_is_answered(cors_client: httpx.AsyncClient) -> None:
    response = await cors_client.options("/graphql", headers={"origin": ALLOWED, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in response.headers


async def test_request_from_an_allowed_origin_gets_allow_origin(cors_client: httpx.AsyncClient) -> None:
    response = await cors_client.post("/graphql", json={"query": "{ __typename }"}, headers={"origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED


async def test_other_origins_get_no_allow_origin(cors_client: httpx.AsyncClient) -> None:
    preflight = await cors_client.options("/graphql", headers={"origin": "http://evil.example", **PREFLIGHT})
    assert "access-control-allow-origin" not in preflight.headers
    response = await cors_client.post("/graphql", json={"query": "{ __typename }"},
                                      headers={"origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers


async def test_no_cors_headers_by_default(client: httpx.AsyncClient) -> None:
    preflight = await client.options("/graphql", headers={"origin": ALLOWED, **PREFLIGHT})
    assert not any(name.startswith("access-control-") for name in preflight.headers)
    response = await client.post("/graphql", json={"query": "{ __typename }"}, headers={"origin": ALLOWED})
    assert not any(name.startswith("access-control-") for name in response.headers)


async def test_credentials_only_when_configured(driver: AsyncDriver, settings: Settings) -> None:
    async with app_client(replace(settings, cors_origins=(ALLOWED,), cors_credentials=True)) as http:
        response = await http.options("/graphql", headers={"origin": ALLOWED, **PREFLIGHT})
        assert response.headers["access-control-allow-credentials"] == "true"
        assert response.headers["access-control-allow-origin"] == ALLOWED


def test_origins_are_read_and_checked(settings: Settings) -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD": "x"}
    assert Settings.from_env(env).cors_origins == ()
    read = Settings.from_env({**env, "GRAPHDIR_CORS_ORIGINS": " https://A.example.org , http://localhost:3000,"})
    assert read.cors_origins == ("https://a.example.org", "http://localhost:3000")
    assert read.cors_credentials is False
    for bad in ("app.example.org", "ftp://a.example.org", "https://a.example.org/path", "https://a.example.org:x",
                "*", "https://user@a.example.org"):
        with pytest.raises(ConfigError, match="GRAPHDIR_CORS_ORIGINS"):
            Settings.from_env({**env, "GRAPHDIR_CORS_ORIGINS": bad})
    with pytest.raises(ConfigError, match="GRAPHDIR_CORS_CREDENTIALS"):
        Settings.from_env({**env, "GRAPHDIR_CORS_ORIGINS": ALLOWED, "GRAPHDIR_CORS_CREDENTIALS": "maybe"})
