"""The explorer's page, GraphiQL's page and their bundled assets, all from this server.

`make setup` bundles web/ into DIST (not committed). Both pages load their scripts, styles, images and fonts from
/assets on this host only, and their policy says so: nothing inline, nothing from elsewhere, requests to this host;
the one exception is the explorer's map tiles, from the tile server a deployment configures (GRAPHDIR_TILE_URL).
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from graphdir.config import Settings

DIST = Path(__file__).resolve().parent / "dist"
# Bundles are rebuilt under the same names: a client checks again after an hour at most.
ASSET_MAX_AGE_S = 3600
_TILES_META = '<meta name="graphdir-tiles" content="">'
NOT_BUILT = "the web pages are not built: run `make setup` (it runs npm ci and the bundler in web/)"


def page_policy(image_origins: str = "") -> str:
    images = f"'self' data: {image_origins}".strip()
    return (f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; font-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def tile_origin(tile_url: str) -> str:
    """The origin of a tile URL template, for the policy ({s} subdomains become a wildcard)."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def read_page(name: str) -> str | None:
    path = DIST / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def graphiql_page() -> Response:
    page = read_page("graphiql.html")
    if page is None:
        return PlainTextResponse(NOT_BUILT, status_code=503)
    return HTMLResponse(page, headers={"content-security-policy": page_policy(), "cache-control": "no-cache"})


def explorer_page(settings: Settings) -> HTMLResponse | PlainTextResponse:
    page = read_page("explorer.html")
    if page is None:
        return PlainTextResponse(NOT_BUILT, status_code=503)
    # The tile settings travel in the page rather than in a request of their own: the map draws at once.
    tiles = html.escape(f"{settings.tile_url}\n{settings.tile_attribution}", quote=True)
    page = page.replace(_TILES_META, f'<meta name="graphdir-tiles" content="{tiles}">')
    origin = tile_origin(settings.tile_url) if settings.tile_url else ""
    return HTMLResponse(page, headers={"content-security-policy": page_policy(origin), "cache-control": "no-cache"})


class Assets(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["cache-control"] = f"public, max-age={ASSET_MAX_AGE_S}"
        return response


def page_routes(settings: Settings) -> list[BaseRoute]:
    async def explorer(request: Request) -> Response:
        return explorer_page(settings)

    return [Route("/", explorer, methods=["GET"]),
            Mount("/assets", Assets(directory=DIST / "assets", check_dir=False), name="assets")]
