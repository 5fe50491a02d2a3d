"""Helpers for the founding-document tests: the curated YAML, the source documents, verbatim comparison.

The YAML files are seeds/founding/*.yaml; the documents they cite are copied, unchanged, in seeds/founding/documents/
(the originals are in shared/sources/ beside the repository; tests/seeds/test_founding_yaml.py checks the copies).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
FOUNDING_DIR = REPO / "seeds" / "founding"
TERRITORIES_DIR = REPO / "seeds" / "territories"
SOURCES_DIR = Path(__file__).resolve().parents[2] / "seeds" / "founding" / "documents"
SHARED_SOURCES_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "sources"

AUVERGNE_DOC = "000_aa2f730318502228.txt"
PACA_DOC = "002_a9554c46d04d2755.txt"
SRC_AUVERGNE = "src-cres-auvergne-2012"
SRC_PACA = "src-cress-paca"
FOUNDING_SOURCES = {SRC_AUVERGNE: AUVERGNE_DOC, SRC_PACA: PACA_DOC}

# Sections whose records are nodes that cite their sources in a `cited` list, and those that carry source + excerpt.
CITED_SECTIONS = ("organizations", "people", "conventions", "events")
SOURCED_SECTIONS = ("roles", "relations", "statements", "figures")

_MARKDOWN_BOLD = re.compile(r"\*\*")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")


def normalise(text: str) -> str:
    """Whitespace collapsed (any Unicode space), markdown bold markers dropped."""
    return " ".join(_MARKDOWN_BOLD.sub("", text).split())


def normalise_text(text: str) -> str:
    """As `normalise`, and the documents' superscript markup ("1^{er}") read as plain text ("1er").

    For stored texts (statement texts, objectives), which drop the markup; excerpts are compared with `normalise` only.
    """
    return normalise(_SUPERSCRIPT.sub(r"\1", text))


@cache
def document(name: str) -> str:
    return (SOURCES_DIR / name).read_text(encoding="utf-8")


def is_verbatim(excerpt: str, document_name: str) -> bool:
    return bool(normalise(excerpt)) and normalise(excerpt) in normalise(document(document_name))


def is_verbatim_text(text: str, document_name: str) -> bool:
    return bool(normalise_text(text)) and normalise_text(text) in normalise_text(document(document_name))


@cache
def founding_files() -> dict[str, dict[str, list[dict[str, Any]]]]:
    """File name -> parsed YAML mapping, for every seeds/founding/*.yaml."""
    files = {}
    for path in sorted(FOUNDING_DIR.glob("*.y*ml")):
        with path.open(encoding="utf-8") as handle:
            files[path.name] = yaml.safe_load(handle)
    return files


def records(section: str) -> list[dict[str, Any]]:
    return [rec for data in founding_files().values() for rec in data.get(section) or []]


def by_id(section: str) -> dict[str, dict[str, Any]]:
    return {rec["id"]: rec for rec in records(section)}


def source_documents() -> dict[str, str]:
    """Source id -> document file name, as the YAML declares them."""
    return {rec["id"]: rec["document"] for rec in records("sources")}


@dataclass(frozen=True)
class Citation:
    where: str  # e.g. "organizations[cres-auvergne]"
    source: str | None
    excerpt: str | None


def _label(section: str, rec: dict[str, Any]) -> str:
    if "id" in rec:
        key = rec["id"]
    elif section == "territories":
        key = f"{str(rec.get('level', '')).lower()}:{rec.get('code')}"
    elif section == "roles":
        key = f"{rec.get('person')}->{rec.get('organization')}"
    else:
        key = f"{rec.get('type')} {rec.get('from')}->{rec.get('to')}"
    return f"{section}[{key}]"


def citations() -> Iterator[Citation]:
    """Every (source, excerpt) pair the founding YAML states, wherever it sits."""
    for rec in records("territories"):
        yield Citation(_label("territories", rec), rec.get("source"), rec.get("excerpt"))
    for section in CITED_SECTIONS:
        for rec in records(section):
            for cite in rec.get("cited") or []:
                yield Citation(_label(section, rec), cite.get("source"), cite.get("excerpt"))
    for section in SOURCED_SECTIONS:
        for rec in records(section):
            yield Citation(_label(section, rec), rec.get("source"), rec.get("excerpt"))


def fact_ids() -> dict[str, set[str]]:
    """Node label -> ids of the fact nodes the founding YAML defines (the nodes that must cite a source)."""
    return {
        "Organization": set(by_id("organizations")),
        "Person": set(by_id("people")),
        "Convention": set(by_id("conventions")),
        "Event": set(by_id("events")),
        "Statement": set(by_id("statements")),
        "Figure": set(by_id("figures")),
    }


def statement_texts(organization: str, kind: str) -> list[str]:
    recs = [r for r in records("statements") if r["organization"] == organization and r["kind"] == kind]
    return [r["text"] for r in sorted(recs, key=lambda r: r["position"])]


async def query(driver: Any, database: str, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a read query, as plain dicts."""
    result, _, _ = await driver.execute_query(cypher, params, database_=database)
    return [row.data() for row in result]
