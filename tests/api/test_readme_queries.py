"""Every GraphQL query README.md shows answers on the seeds, without an error: the public contract it promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import run

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_queries() -> list[str]:
    """The top-level operations of the README's ```graphql blocks (comments dropped), and its inline `{ … }` ones."""
    readme = README.read_text(encoding="utf-8")
    queries = re.findall(r"`(\{ [^`]+ \})`", readme)
    for block in re.findall(r"```graphql\n(.*?)```", readme, flags=re.S):
        text = "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("#"))
        depth, start = 0, None
        for index, char in enumerate(text):
            if char == "{":
                if depth == 0:
                    start = index
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0 and start is not None:
                    queries.append(text[start:index + 1])
    return queries


def test_the_readme_shows_queries() -> None:
    assert len(readme_queries()) >= 5


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: " ".join(q.split())[:60])
async def test_each_readme_query_answers(seeded: AsyncDriver, settings: Settings, query: str) -> None:
    data = (await run(seeded, settings, query)).ok
    assert all(value is not None for value in data.values()), data
