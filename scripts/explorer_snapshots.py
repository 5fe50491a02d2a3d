#!/usr/bin/env python3
"""Screenshots of the explorer's views and the weight and first-render time of its page, in Debian's chromium.

    python scripts/explorer_snapshots.py http://127.0.0.1:8000            # measure, and write docs/screenshots/*.png
    python scripts/explorer_snapshots.py http://127.0.0.1:8000 --no-shots # measure only

The server should serve the seeds (`make run`, or `graphdir serve` over a seeded instance); for shots that do not
depend on a tile server, serve it with GRAPHDIR_TILE_URL=off. Measures: the bytes of every response the first visit
of `/#/organisation/cres-auvergne` loads (page, scripts, styles, GraphQL answers), with a cold cache; the browser's
first contentful paint; and the time until the organization's name is shown (the first render with data). Each is the
median of --runs visits. It also checks that the explorer and GraphiQL asked no other host than the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CRES = "T3JnYW5pemF0aW9uOmNyZXMtYXV2ZXJnbmU="
SEMET = "UGVyc29uOnBhc2NhbGUtc2VtZXQ="
VIEWS = [
    ("search", "/#/recherche?q=cres", "#resultats li", {"width": 1200, "height": 760}),
    ("organization", "/#/organisation/cres-auvergne", "li.convention", {"width": 1200, "height": 900}),
    ("network", f"/#/reseau?centre={CRES}&profondeur=2", "#graphe canvas", {"width": 1200, "height": 1000}),
    ("map", "/#/territoire/03?niveau=DEPARTMENT", ".leaflet-container", {"width": 1200, "height": 900}),
    ("near", "/#/carte?commune=03095&rayon=20", ".leaflet-container", {"width": 1200, "height": 900}),
    ("territory-network", "/#/reseau-territoire/83?niveau=REGION", "#graphe canvas", {"width": 1200, "height": 1000}),
    ("path", f"/#/chemin?de={CRES}&a={SEMET}", "ul.edges li", {"width": 1200, "height": 1000}),
    ("phone", "/#/organisation/cres-auvergne", "li.convention", {"width": 375, "height": 812}),
]


async def visit(browser: Any, base: str) -> tuple[int, float, float, list[str]]:
    context = await browser.new_context()  # a cold cache each time
    page = await context.new_page()
    sizes: list[int] = []
    hosts: list[str] = []

    async def on_response(response: Any) -> None:
        body = await response.body()
        sizes.append(len(body) + sum(len(k) + len(v) + 4 for k, v in (await response.all_headers()).items()))

    page.on("response", lambda response: asyncio.ensure_future(on_response(response)))
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    await page.goto(f"{base}/#/organisation/cres-auvergne")
    await page.locator("h1").filter(has_text="Chambre régionale").wait_for(timeout=60_000)
    shown = await page.evaluate("performance.now()")
    await page.wait_for_load_state("networkidle")
    paint = await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
    await context.close()
    return sum(sizes), float(paint), float(shown), hosts


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the server's base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-shots", action="store_true")
    options = parser.parse_args()
    base = options.base.rstrip("/")
    own = urlsplit(base).netloc
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        runs = [await visit(browser, base) for _ in range(options.runs)]
        foreign = {host for *_, hosts in runs for host in hosts if host and host != own}
        weight = statistics.median(r[0] for r in runs)
        print(f"page weight (cold cache, all responses): {weight / 1024:.0f} KiB")
        print(f"first contentful paint: {statistics.median(r[1] for r in runs):.0f} ms")
        print(f"organization shown: {statistics.median(r[2] for r in runs):.0f} ms (median of {options.runs})")
        page = await browser.new_page()
        graphiql_hosts: list[str] = []
        page.on("request", lambda request: graphiql_hosts.append(urlsplit(request.url).netloc))
        await page.goto(f"{base}/graphql")
        await page.locator(".graphiql-container").wait_for()
        foreign |= {host for host in graphiql_hosts if host and host != own}
        print("other hosts asked: " + (", ".join(sorted(foreign)) or "none"))
        if not options.no_shots:
            SHOTS.mkdir(parents=True, exist_ok=True)
            for name, path, ready, viewport in VIEWS:
                shot = await browser.new_page(viewport=viewport)
                await shot.goto(base + path)
                await shot.locator(ready).first.wait_for(timeout=60_000)
                if name == "path":  # the evidence of each edge, shown
                    await shot.evaluate("document.querySelectorAll('details.source').forEach((d) => d.open = true)")
                await shot.wait_for_timeout(1500)  # the layout and the map settle
                await shot.screenshot(path=str(SHOTS / f"{name}.png"))
                await shot.close()
                print(f"wrote {SHOTS / f'{name}.png'}")
        await browser.close()
    return 1 if foreign else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
