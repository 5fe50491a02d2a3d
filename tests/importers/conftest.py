"""The graph the import tests write into: the seeds, and afterwards nothing an import left (its organizations, their
establishments, its sources), nor what a curated test file added."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings

CLEAN_UP = """
MATCH (n)
WHERE n:Establishment
   OR n:Organization AND (n.id STARTS WITH 'siren-' OR n.id STARTS WITH 'rna-' OR n.id STARTS WITH 'test-import-'
                          OR n.describedBy IS NOT NULL)
   OR n:Source AND (n.id STARTS WITH 'src-siae-' OR n.id STARTS WITH 'src-sirene-' OR n.id STARTS WITH 'src-ess-'
                    OR n.id STARTS WITH 'src-rna-')
   OR n:Change AND n.actorId STARTS WITH 'import-'
DETACH DELETE n
"""


@pytest.fixture
async def graph(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    await seeded.execute_query(CLEAN_UP, database_=settings.neo4j_database)
    yield seeded
    await seeded.execute_query(CLEAN_UP, database_=settings.neo4j_database)
