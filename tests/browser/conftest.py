"""Browser tests: Debian's chromium driven by Playwright, against `graphdir serve` on loopback over the test database.

They skip where /usr/bin/chromium is absent: `make test` installs it when run as root (as CI is), elsewhere
`apt-get install chromium` enables them. Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import delete_prefixed, load, source
from tests.served import served

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PREFIX = "test-api-browser-"
# Located organizations around Cusset's town hall: the seeds locate none.
LOCATED = [("Régie de quartier de Cusset (test)", 46.1340, 3.4570), ("Coopérative du Sichon (test)", 46.1500, 3.4800),
           ("Mutuelle de la Montagne bourbonnaise (test)", 46.1000, 3.5200)]

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed: `apt-get install chromium` (which `make test` runs as root) "
                "enables the browser tests", allow_module_level=True)


@pytest.fixture
def server(seeded: AsyncDriver, settings: Settings) -> Iterator[str]:
    """`graphdir serve` on a loopback port over the seeded test database, with map tiles off."""
    with served(settings, GRAPHDIR_TILE_URL="off") as base:
        yield base


@pytest.fixture
async def located(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[list[str]]:
    """Three organizations located near Cusset (commune 03095); yields their names."""
    src = source(PREFIX)
    organizations = [{"id": f"{PREFIX}{index}", "name": name, "kind": "ENTERPRISE", "family": "COOPERATIVE",
                      "commune": "03095", "location": {"latitude": lat, "longitude": lon},
                      "cited": [{"source": src["id"], "excerpt": name}]}
                     for index, (name, lat, lon) in enumerate(LOCATED)]
    await delete_prefixed(seeded, settings, PREFIX)
    await load(seeded, settings, tmp_path, "browser", {"sources": [src], "organizations": organizations})
    yield [name for name, _, _ in LOCATED]
    await delete_prefixed(seeded, settings, PREFIX)


@dataclass
class Watch:
    """What a page did that the tests forbid: console errors, uncaught exceptions, requests to another host."""

    host: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        self.requests.append(request.url)
        if parts.scheme not in {"data", "blob"} and parts.netloc != self.host:
            self.foreign.append(request.url)

    def check(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests to other hosts: {self.foreign}"


TIMEOUT_MS = 30_000


async def open_page(browser: Any, server: str, viewport: dict[str, int] | None = None) -> tuple[Any, Watch]:
    """A page of `browser` at that size (desktop by default), watched."""
    page = await browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    watch = Watch(urlsplit(server).netloc)
    watch.attach(page)
    return page, watch


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        await chromium.close()
