"""Fixtures of the API tests. They read the seeded graph (fixture `seeded`) and write only `test-api-…` ids."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import delete_prefixed, load, source

HUB = "test-api-rt-hub"
ROUND_TRIP_ORGANIZATIONS = 100


@pytest.fixture
async def hundred_organizations(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    """100 organizations members of a hub, each with one member of its own, whose person holds a role there.

    Yields the hub's graph id.
    """
    prefix = "test-api-rt-"
    src = source(prefix)
    sections: dict[str, list[dict[str, object]]] = {
        "sources": [src],
        "organizations": [{"id": HUB, "name": "Test API RT Hub", "kind": "NETWORK", "family": "MIXED",
                           "commune": "03095"}],
        "people": [], "roles": [], "relations": [],
    }
    for index in range(ROUND_TRIP_ORGANIZATIONS):
        org, child, person = f"{prefix}org-{index:03d}", f"{prefix}child-{index:03d}", f"{prefix}person-{index:03d}"
        sections["organizations"] += [
            {"id": org, "name": f"Test API RT Org {index:03d}", "kind": "FEDERATION", "family": "ASSOCIATION",
             "commune": "03095"},
            {"id": child, "name": f"Test API RT Child {index:03d}", "kind": "ENTERPRISE", "family": "COOPERATIVE",
             "commune": "03095"},
        ]
        sections["people"].append({"id": person, "name": f"Test RT Person {index:03d}"})
        sections["roles"].append({"person": person, "organization": child, "title": "Président", "since": "2010",
                                  "source": src["id"], "excerpt": "test"})
        sections["relations"] += [
            {"type": "MEMBER_OF", "from": org, "to": HUB, "since": "2011", "source": src["id"], "excerpt": "test"},
            {"type": "MEMBER_OF", "from": child, "to": org, "role": "adhérent", "source": src["id"],
             "excerpt": "test"},
        ]
    await delete_prefixed(seeded, settings, prefix)
    await load(seeded, settings, tmp_path, "round-trips", sections)
    yield HUB
    await delete_prefixed(seeded, settings, prefix)
