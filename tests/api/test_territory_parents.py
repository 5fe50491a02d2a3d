"""Territory.parents lists a territory's direct parents smallest level first."""

from __future__ import annotations

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import run

SMALLEST_FIRST = ["EPCI", "PAYS", "DEPARTMENT", "REGION"]


async def test_parents_come_smallest_level_first(seeded: AsyncDriver, settings: Settings) -> None:
    result = (await run(seeded, settings, """{ territory(code: "03095") {
      now: parents { code level } then: parents(on: "2012-01-20") { code level } } }""")).ok["territory"]
    assert result["now"] == [{"code": "200071363", "level": "EPCI"}, {"code": "03", "level": "DEPARTMENT"},
                             {"code": "84", "level": "REGION"}]
    levels = [parent["level"] for parent in result["then"]]
    assert levels == sorted(levels, key=SMALLEST_FIRST.index) and "REGION" in levels
