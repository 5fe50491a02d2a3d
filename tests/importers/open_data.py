"""The real open data in ../shared/open-data (never copied into the repository): where it is, or why a test skips."""

from __future__ import annotations

from pathlib import Path

import pytest

OPEN_DATA = Path(__file__).resolve().parents[3] / "shared" / "open-data"
SIAE_2019_07 = OPEN_DATA / "siae-2019-07.csv"


def real_file(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent: the real open data lives beside the clone (../shared/open-data), not in it")
    return path
