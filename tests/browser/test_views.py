"""The explorer's other views in headless chromium: a territory's drill-down and its network, the path between two
actors with the evidence of each edge, keyboard use of the search results, and every view at 375 px.

As in the journey test, no step may log a console error or request another host.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.browser.conftest import open_page

CRES = "T3JnYW5pemF0aW9uOmNyZXMtYXV2ZXJnbmU="
SEMET_EXCERPT = "Pascale Semet"
NARROW = {"width": 375, "height": 812}


async def test_a_region_drills_down_to_a_commune_with_counts(browser: Any, server: str, located: list[str]) -> None:
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/#/territoire/84?niveau=REGION")
    await page.get_by_role("heading", level=1, name=re.compile("Auvergne-Rhône-Alpes")).wait_for()
    steps = [("Allier", "Département"), ("CA Vichy Communauté", "EPCI"), ("Cusset", "Commune")]
    for name, level in steps:
        child = page.locator(".panel li", has=page.get_by_role("link", name=name, exact=True))
        # Each child is listed with the count of organizations inside it: the located ones are all in Cusset.
        count = int((await child.inner_text()).rsplit("—", 1)[1])
        assert count >= len(located), (name, count)
        await child.get_by_role("link", name=name, exact=True).click()
        await page.get_by_role("heading", level=1, name=re.compile(f"^{re.escape(name)} {level}")).wait_for()
        assert re.search(r"#/territoire/\w+\?niveau=", page.url)
    crumbs = await page.get_by_role("navigation", name="Territoires englobants").inner_text()
    assert all(part in crumbs for part in ("Auvergne-Rhône-Alpes", "Allier", "CA Vichy Communauté"))
    listed = [await item.inner_text() for item in await page.locator(".panel ul.facts li").all()]
    assert all(any(name in text for text in listed) for name in located)
    # The commune's network: the organizations inside it, with a download of the same network.
    await page.get_by_role("link", name="Réseau dans ce territoire").click()
    await page.get_by_role("heading", level=1, name=re.compile("Réseau dans Cusset")).wait_for()
    summary = await page.locator(".summary").inner_text()
    assert re.match(rf"{len(located)} organisations sur {len(located)} dans le territoire", summary), summary
    download = await page.get_by_role("link", name="Télécharger GEXF").get_attribute("href")
    assert download.startswith("/export/territory-network.gexf?code=03095&level=COMMUNE")
    async with httpx.AsyncClient() as client:
        exported = await client.get(server + download)
    assert exported.status_code == 200 and all(name.encode() in exported.content for name in located)
    watch.check()


async def test_the_path_between_two_chosen_actors_shows_each_edge_with_its_evidence(browser: Any,
                                                                                   server: str) -> None:
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/#/organisation/cres-auvergne")
    await page.get_by_role("link", name="Chemin vers un autre acteur").click()
    await page.get_by_text("Choisissez l'arrivée du chemin.").wait_for()
    # The other end is chosen by a search, with the keyboard.
    await page.get_by_label("Arrivée du chemin").fill("Pascale Semet")
    await page.locator("#choix-a a", has_text="Pascale Semet").wait_for()
    await page.get_by_label("Arrivée du chemin").press("ArrowDown")
    await page.keyboard.press("Enter")
    await page.get_by_text(re.compile(r"^2 relations")).wait_for()
    assert f"de={CRES}" in page.url.replace("%3D", "=")
    ends = await page.locator("ol.nodes li").all_inner_texts()
    assert ends[0].startswith("Chambre régionale") and ends[-1] == "Pascale Semet"
    edges = page.locator("ul.edges li")
    assert await edges.count() == 2
    for edge in await edges.all():
        evidence = edge.locator("details.source")
        await evidence.locator("summary").click()
        quote = await evidence.locator("blockquote").inner_text()
        assert quote, await edge.inner_text()
    assert SEMET_EXCERPT in " ".join(await page.locator("ul.edges blockquote").all_inner_texts())
    # A shared URL gives the same path on reload.
    await page.reload()
    await page.get_by_text(re.compile(r"^2 relations")).wait_for()
    watch.check()


async def test_search_results_are_reached_and_followed_with_the_keyboard(browser: Any, server: str) -> None:
    page, watch = await open_page(browser, server)
    await page.goto(f"{server}/")
    await page.locator("#recherche").focus()
    await page.keyboard.type("auvergne", delay=30)
    links = page.locator("#resultats a")
    await links.nth(2).wait_for()
    focused = "document.activeElement.textContent"
    await page.keyboard.press("ArrowDown")
    first = await page.evaluate(focused)
    assert first == await links.nth(0).inner_text()
    await page.keyboard.press("ArrowDown")
    assert await page.evaluate(focused) == await links.nth(1).inner_text()
    await page.keyboard.press("ArrowUp")
    assert await page.evaluate(focused) == first
    await page.keyboard.press("ArrowUp")
    assert await page.evaluate("document.activeElement.id") == "recherche"
    # Filtering by an organization's kind keeps only those, through the API's own filter.
    await page.get_by_label("Type d'organisation").select_option("FEDERATION")
    await page.wait_for_url(re.compile("categorie=FEDERATION"))
    await page.locator("#resultats li", has_text="Fédérations coopératives").wait_for()
    details = await page.locator("#resultats li span.muted").all_inner_texts()
    assert details and all(text.strip().startswith("Fédération") for text in details)
    await page.locator("#recherche").focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await page.get_by_role("heading", level=1, name=re.compile("^Fédérations")).wait_for()
    assert "#/organisation/federations-" in page.url
    watch.check()


async def test_every_view_fits_a_375_px_screen(browser: Any, server: str) -> None:
    page, watch = await open_page(browser, server, NARROW)
    # Each view by its URL: its title, and what shows it has rendered. Hash changes keep the document, so each view
    # is waited for by its own title, not by the previous view's elements.
    views = {
        "/#/": ("Explorer l'économie sociale", "#contenu p"),
        "/#/recherche?q=cres": ("Résultats pour « cres »", "#resultats li"),
        "/#/organisation/cres-auvergne": ("Chambre régionale", "li.convention"),
        f"/#/reseau?centre={CRES}&profondeur=2": ("Réseau de Chambre", ".nodes li"),
        "/#/reseau-territoire/83?niveau=REGION": ("Réseau dans Auvergne", ".nodes li"),
        f"/#/chemin?de={CRES}&a=UGVyc29uOnBhc2NhbGUtc2VtZXQ=": ("Chemin entre deux acteurs", "ul.edges li"),
        "/#/carte?commune=03095&rayon=20": ("Carte des voisins", ".leaflet-container"),
        "/#/territoire/03?niveau=DEPARTMENT": ("Allier", ".leaflet-container"),
    }
    for path, (title, ready) in views.items():
        await page.goto(server + path)
        await page.get_by_role("heading", level=1, name=re.compile(f"^{re.escape(title)}")).wait_for()
        await page.locator(ready).first.wait_for()
        await page.wait_for_timeout(300)  # the drawing and the map settle
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], (path, width)
    watch.check()
