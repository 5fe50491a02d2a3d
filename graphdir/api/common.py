"""Types every domain uses: points on the map and sources."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry

from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate


def graph_value(member: Enum) -> str:
    """The graph value of a GraphQL enum member (its Python value)."""
    return cast(str, member.value)


@strawberry.type(description="A WGS-84 point.")
class GeoPoint:
    latitude: float = strawberry.field(description="Latitude in degrees.")
    longitude: float = strawberry.field(description="Longitude in degrees.")
    approximate: bool = strawberry.field(
        description="True when the point stands in for the real place (a commune's centre, a mean of neighbours)."
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> GeoPoint | None:
        if row.get("latitude") is None or row.get("longitude") is None:
            return None
        return cls(latitude=row["latitude"], longitude=row["longitude"],
                   approximate=bool(row.get("approximate")))


@strawberry.type(description="A document that states facts of the directory; `excerpt` quotes the words stating one.")
class Source(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Source:<graph id>".')
    document: str | None = strawberry.field(description="The file or data set the source is (e.g. 000_aa2f….txt).")
    title: str | None = strawberry.field(description="Title of the document.")
    url: str | None = strawberry.field(description="Where the document can be read.")
    published_on: PartialDate | None = strawberry.field(description="When the document was published, if known.")
    excerpt: str | None = strawberry.field(
        description="The words of the document that state the fact this source is given for (null when the source "
        "is fetched on its own)."
    )

    @classmethod
    def from_row(cls, row: dict[str, Any], excerpt: str | None = None) -> Source:
        return cls(id=strawberry.ID(encode("Source", row["id"])), document=row.get("document"),
                   title=row.get("title"), url=row.get("url"), published_on=row.get("publishedOn"), excerpt=excerpt)

    @classmethod
    def maybe(cls, row: dict[str, Any] | None, excerpt: str | None = None) -> Source | None:
        return cls.from_row(row, excerpt) if row else None

    @classmethod
    def citations(cls, rows: list[dict[str, Any]]) -> list[Source]:
        """Sources from citation rows {source, excerpt}."""
        return [cls.from_row(row["source"], row.get("excerpt")) for row in rows]
