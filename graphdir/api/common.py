"""Types every domain uses: points on the map and sources; partial dates from records."""

from __future__ import annotations

import strawberry

from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate, PartialDateTime
from graphdir.domain.common.records import Location
from graphdir.domain.facts.records import Citation, SourceRecord


def partial(value: str | None) -> PartialDate | None:
    """A record's partial date as the PartialDate scalar."""
    return None if value is None else PartialDate(value)


def partial_time(value: str | None) -> PartialDateTime | None:
    return None if value is None else PartialDateTime(value)


@strawberry.type(description="A WGS-84 point.")
class GeoPoint:
    latitude: float = strawberry.field(description="Latitude in degrees.")
    longitude: float = strawberry.field(description="Longitude in degrees.")
    approximate: bool = strawberry.field(
        description="True when the point stands in for the real place (a commune's centre, a mean of neighbours)."
    )

    @classmethod
    def of(cls, location: Location | None) -> GeoPoint | None:
        if location is None:
            return None
        return cls(latitude=location.latitude, longitude=location.longitude, approximate=location.approximate)


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
    def from_record(cls, record: SourceRecord, excerpt: str | None = None) -> Source:
        return cls(id=strawberry.ID(encode("Source", record.id)), document=record.document, title=record.title,
                   url=record.url, published_on=partial(record.published_on), excerpt=excerpt)

    @classmethod
    def maybe(cls, record: SourceRecord | None, excerpt: str | None = None) -> Source | None:
        return cls.from_record(record, excerpt) if record is not None else None

    @classmethod
    def citations(cls, citations: list[Citation]) -> list[Source]:
        """The sources of citations, each with its excerpt."""
        return [cls.from_record(citation.source, citation.excerpt) for citation in citations]
