"""Keyset pagination: walking every page returns each row once, also when rows are inserted between two requests."""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import decode_cursor, encode_cursor
from tests.api.helpers import delete_prefixed, gid, graph_id, load, run, source

PREFIX = "test-api-page-"
ORIGINALS = 30
COMMUNES = ("03095", "03310", "63113")  # Cusset, Vichy, Clermont-Ferrand: in Auvergne-Rhône-Alpes today


def organization(index: str) -> dict[str, Any]:
    return {"id": f"{PREFIX}{index}", "name": f"Test API Page {index}", "kind": "ENTERPRISE",
            "family": "ASSOCIATION", "commune": COMMUNES[len(index) % len(COMMUNES)]}


@pytest.fixture
async def region_organizations(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[list[str]]:
    await delete_prefixed(seeded, settings, PREFIX)
    originals = [organization(f"{index:02d}") for index in range(ORIGINALS)]
    hub = {"id": f"{PREFIX}hub", "name": "Test API Page Hub", "kind": "NETWORK", "family": "MIXED"}
    await load(seeded, settings, tmp_path, "originals", {
        "sources": [source(PREFIX)], "organizations": [*originals, hub],
        "relations": [{"type": "MEMBER_OF", "from": o["id"], "to": hub["id"], "source": f"{PREFIX}src",
                       "excerpt": "test"} for o in originals],
    })
    yield [o["id"] for o in originals]
    await delete_prefixed(seeded, settings, PREFIX)


ROOT_PAGE = """
query($after: String) {
  organizations(filter: {territoryCode: "84", territoryLevel: REGION}, first: 7, after: $after) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""

TERRITORY_PAGE = """
query($after: String) {
  territory(code: "84", level: REGION) {
    organizations(first: 7, after: $after) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""

MEMBERS_PAGE = """
query($id: ID!, $after: String) {
  organization(id: $id) {
    members(first: 7, after: $after) {
      totalCount edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


async def walk(driver: AsyncDriver, settings: Settings, tmp_path: Path, query: str, pick: Any,
               insert_between: bool, **variables: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Every page of `query`, inserting organizations after the 1st and 2nd pages when asked."""
    seen: list[str] = []
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        connection = pick((await run(driver, settings, query, after=after, **variables)).ok)
        pages.append(connection)
        assert len(connection["edges"]) <= 7
        seen += [graph_id(edge["node"]["id"]) for edge in connection["edges"]]
        if insert_between and len(pages) in (1, 2):
            # One sorting before the cursor (already walked past), one after it (still to come).
            batch = [organization(f"0{len(pages)}a"), organization(f"99-{len(pages)}")]
            await load(driver, settings, tmp_path, f"inserted-{len(pages)}", {"organizations": batch})
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
        assert after == connection["edges"][-1]["cursor"]
    return seen, pages


def assert_each_once(seen: list[str], originals: list[str]) -> None:
    counts = Counter(seen)
    assert [key for key, count in counts.items() if count > 1] == []
    assert all(counts[key] == 1 for key in originals)


async def test_walking_a_region_seven_by_seven_returns_each_organization_once(
    region_organizations: list[str], seeded: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    seen, pages = await walk(seeded, settings, tmp_path, ROOT_PAGE, lambda d: d["organizations"], False)
    assert_each_once(seen, region_organizations)
    assert len(pages) >= 5
    assert pages[0]["pageInfo"]["hasPreviousPage"] is False
    assert all(page["pageInfo"]["hasPreviousPage"] for page in pages[1:])


async def test_rows_inserted_between_pages_neither_repeat_nor_skip_any(
    region_organizations: list[str], seeded: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    seen, _ = await walk(seeded, settings, tmp_path, ROOT_PAGE, lambda d: d["organizations"], True)
    assert_each_once(seen, region_organizations)
    # Inserted after the walk had passed their place: not seen. Inserted ahead of it: seen once.
    assert f"{PREFIX}01a" not in seen and f"{PREFIX}02a" not in seen
    assert seen.count(f"{PREFIX}99-1") == 1 and seen.count(f"{PREFIX}99-2") == 1


async def test_a_territory_s_organizations_page_the_same_way(
    region_organizations: list[str], seeded: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    seen, _ = await walk(seeded, settings, tmp_path, TERRITORY_PAGE, lambda d: d["territory"]["organizations"], True)
    assert_each_once(seen, region_organizations)


async def test_nested_connections_page_with_their_own_cursors(
    region_organizations: list[str], seeded: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    hub = gid("Organization", f"{PREFIX}hub")
    seen, pages = await walk(seeded, settings, tmp_path, MEMBERS_PAGE, lambda d: d["organization"]["members"], False,
                             id=hub)
    assert sorted(seen) == sorted(region_organizations)
    assert {page["totalCount"] for page in pages} == {ORIGINALS}
    assert len(pages) == 5


async def test_a_cursor_only_fits_its_own_list(region_organizations: list[str], seeded: AsyncDriver,
                                              settings: Settings) -> None:
    page = (await run(seeded, settings, ROOT_PAGE)).ok["organizations"]
    cursor = page["pageInfo"]["endCursor"]
    result = await run(seeded, settings, MEMBERS_PAGE, id=gid("Organization", f"{PREFIX}hub"), after=cursor)
    assert result.error()["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}
    by_date = await run(seeded, settings, "query($c: String) { organizations(orderBy: FOUNDED_ON, after: $c) { "
                        "totalCount } }", c=cursor)
    assert by_date.error()["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


def test_one_cursor_codec_carries_distances_and_refuses_what_no_list_made() -> None:
    key = (2356.244326255734, "test association de cusset", "test-partners-cusset")
    assert decode_cursor(encode_cursor("partner:NEAR", key), "partner:NEAR", 3) == key
    with pytest.raises(InvalidArgument):
        decode_cursor(encode_cursor("partner:NEAR", key), "org:NAME", 3)
    for distance in ("NaN", "Infinity", "true"):
        forged = f'["partner:NEAR",{distance},"a","b"]'
        cursor = base64.urlsafe_b64encode(forged.encode()).decode()
        with pytest.raises(InvalidArgument):
            decode_cursor(cursor, "partner:NEAR", 3)
