"""Records of the facts domain: sources and citations, figures, statements (from the maps of facts/cypher.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: str
    document: str | None
    title: str | None
    url: str | None
    published_on: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> SourceRecord:
        """From SOURCE_MAP."""
        return SourceRecord(id=row["id"], document=row.get("document"), title=row.get("title"), url=row.get("url"),
                            published_on=row.get("publishedOn"))

    @staticmethod
    def maybe(row: dict[str, Any] | None) -> SourceRecord | None:
        return SourceRecord.of(row) if row else None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source citing a node, with the words of it that do."""

    source: SourceRecord
    excerpt: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> Citation:
        """From a row {source, excerpt}."""
        return Citation(source=SourceRecord.of(row["source"]), excerpt=row.get("excerpt"))


@dataclass(frozen=True, slots=True)
class Link:
    """What the graph states of a relationship (a membership, a partnership, a role): its dates, the source stating
    it and the words that do, whether it was inferred and how."""

    since: str | None
    until: str | None
    source: SourceRecord | None
    excerpt: str | None
    inferred: bool
    note: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> Link:
        return Link(since=row.get("since"), until=row.get("until"), source=SourceRecord.maybe(row.get("source")),
                    excerpt=row.get("excerpt"), inferred=bool(row.get("inferred")), note=row.get("note"))


@dataclass(frozen=True, slots=True)
class FigureRecord:
    id: str
    measure: str
    value: float
    unit: str | None
    year: str | None
    year_inferred: bool
    year_note: str | None
    scope: str | None
    approximate: bool
    territory_id: str | None
    publisher_id: str | None
    version: int = 1

    @staticmethod
    def of(row: dict[str, Any]) -> FigureRecord:
        """From a row {figure: FIGURE_MAP, territoryId, publisherId}."""
        figure = row["figure"]
        return FigureRecord(
            id=figure["id"], measure=figure["measure"], value=figure["value"], unit=figure.get("unit"),
            year=figure.get("year"), year_inferred=bool(figure.get("yearInferred")), year_note=figure.get("yearNote"),
            scope=figure.get("scope"), approximate=bool(figure.get("approximate")), territory_id=row.get("territoryId"),
            publisher_id=row.get("publisherId"), version=figure.get("version") or 1)


@dataclass(frozen=True, slots=True)
class StatementRecord:
    id: str
    kind: str
    position: int | None
    text: str
    adopted_on: str | None
    organization_id: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> StatementRecord:
        """From STATEMENT_MAP with organizationId."""
        return StatementRecord(id=row["id"], kind=row["kind"], position=row.get("position"), text=row["text"],
                               adopted_on=row.get("adoptedOn"), organization_id=row.get("organizationId"))
