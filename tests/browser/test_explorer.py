"""The explorer as a person uses it, in headless chromium: search, an organization's page, its network, the map.

Every step is asserted on what the page shows; no step may log a console error or request another host.
"""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import open_page

CRES = "Chambre régionale de l'Économie sociale d'Auvergne"
CONVENTION = "Convention entre le Pays Vichy-Auvergne et la CRES Auvergne"
EXCERPT = "Promouvoir et développer l'économie sociale et solidaire sur le Pays Vichy-Auvergne"
PHONE = {"width": 390, "height": 844}


async def test_search_organization_network_and_map(browser: Any, server: str, located: list[str]) -> None:
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/")
    await page.get_by_role("heading", name="Explorer l'économie sociale et solidaire").wait_for()

    # Search as you type, then choose the hit with the keyboard.
    await page.locator("#recherche").focus()
    await page.keyboard.type("cres", delay=40)
    hit = page.locator("#resultats a", has_text=CRES)
    await hit.wait_for()
    assert "recherche?q=cres" in page.url
    await hit.focus()
    await page.keyboard.press("Enter")

    # The organization's page, with its convention and the source's words.
    await page.get_by_role("heading", level=1, name=re.compile(re.escape(CRES))).wait_for()
    assert page.url.endswith("#/organisation/cres-auvergne")
    convention = page.locator("li.convention", has_text=CONVENTION)
    await convention.wait_for()
    assert "Pays Vichy-Auvergne" in await convention.inner_text()
    evidence = convention.locator("details.source", has_text=EXCERPT)
    excerpt = evidence.locator("blockquote")
    assert not await excerpt.is_visible()
    await evidence.locator("summary").focus()
    await page.keyboard.press("Enter")
    await excerpt.wait_for(state="visible")
    assert EXCERPT in await excerpt.inner_text()

    # Its network at depth 2 reaches the Pays Vichy-Auvergne through the convention; clicking recentres.
    await page.get_by_role("link", name="Voir son réseau").click()
    await page.locator(".nodes li").first.wait_for()
    await page.get_by_label("Profondeur").select_option("2")
    await page.get_by_role("button", name="Afficher").click()
    # The depth-2 map is drawn once a node at distance 2 is listed (the depth-1 list already holds the Pays).
    await page.locator(".nodes li", has_text="distance 2").first.wait_for()
    assert "profondeur=2" in page.url
    pays = page.locator(".nodes li", has=page.get_by_role("link", name="Pays Vichy-Auvergne", exact=True))
    await pays.wait_for()
    assert await page.locator("#graphe canvas").count() > 0
    summary = await page.locator(".summary").inner_text()
    nodes = int(re.match(r"(\d+) nœuds", summary).group(1))  # type: ignore[union-attr]
    assert nodes == await page.locator(".nodes li").count() and nodes >= 3
    await pays.get_by_role("link", name=re.compile("Recentrer")).click()
    await page.get_by_role("heading", level=1, name=re.compile("Réseau de Pays Vichy-Auvergne")).wait_for()

    # The map around Cusset: a marker for each located organization (clustered or not), nearest first in the list.
    await page.get_by_role("navigation", name="Vues").get_by_role("link", name="Carte").click()
    await page.locator(".leaflet-container").wait_for()
    listed = page.locator(".panel ol.facts li")
    await listed.first.wait_for()
    names = [await item.locator("a").first.inner_text() for item in await listed.all()]
    assert set(located) <= set(names)
    assert f"{len(names)} organisation" in await page.locator(".summary").inner_text()
    pins = await page.locator(".leaflet-marker-icon.pin.org").count()
    clustered = sum(int(text) for text in await page.locator(".marker-cluster span").all_inner_texts())
    assert pins + clustered == len(names)
    assert await page.locator(".leaflet-marker-icon.pin.origin").count() == 1
    assert "fond neutre" in await page.locator(".leaflet-control-attribution").inner_text()
    watch.check()


async def test_the_explorer_reads_at_phone_width(browser: Any, server: str) -> None:
    page, watch = await open_page(browser, server, PHONE)
    await page.goto(f"{server}/#/organisation/cres-auvergne")
    await page.get_by_role("heading", level=1, name=re.compile(re.escape(CRES))).wait_for()
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # A shared URL reloads the same view.
    await page.reload()
    await page.locator("li.convention", has_text=CONVENTION).wait_for()
    watch.check()


async def test_graphiql_is_served_from_this_host(browser: Any, server: str) -> None:
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/graphql")
    await page.locator(".graphiql-container").wait_for()
    await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
    assert "Loading" not in await page.locator("#graphiql").inner_text()
    assert any(url.endswith("/assets/graphiql.js") for url in watch.requests)
    watch.check()
