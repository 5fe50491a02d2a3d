"""The explorer's and GraphiQL's pages: served from this host, under a policy that allows nothing from elsewhere."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from graphdir.config import ConfigError, Settings
from graphdir.web.pages import page_policy, tile_origin
from tests.api.helpers import app_client

BASE = {"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD": "x"}


async def test_the_explorer_page_loads_its_bundle_from_here(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text and 'src="/assets/explorer.js"' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self'" in policy and "'unsafe-inline'" not in policy
    # The default tiles are OpenStreetMap's: their origin is the only other one, for images only.
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in policy
    assert "OpenStreetMap" in page.text
    for asset in ("/assets/explorer.js", "/assets/explorer.css"):
        response = await client.get(asset)
        assert response.status_code == 200 and "max-age" in response.headers["cache-control"]
    assert (await client.get("/assets/nothing.js")).status_code == 404


async def test_without_tiles_the_policy_names_no_other_host(settings: Settings) -> None:
    async with app_client(replace(settings, tile_url="")) as http:
        page = await http.get("/")
    assert page.headers["content-security-policy"] == page_policy()
    assert "https://" not in page.headers["content-security-policy"]


def test_tile_setting() -> None:
    assert Settings.from_env(BASE).tile_url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert Settings.from_env({**BASE, "GRAPHDIR_TILE_URL": "off"}).tile_url == ""
    custom = Settings.from_env({**BASE, "GRAPHDIR_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"})
    assert tile_origin(custom.tile_url) == "https://*.tiles.example.org"
    for bad in ("tiles.example.org", "https://tiles.example.org/tile.png", "ftp://x/{z}/{x}/{y}"):
        with pytest.raises(ConfigError, match="GRAPHDIR_TILE_URL"):
            Settings.from_env({**BASE, "GRAPHDIR_TILE_URL": bad})
