"""Records of partners nearby: the origin asked and as resolved, hits with their distance and shared territories,
suggestions with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j.spatial import WGS84Point

from graphdir.domain.common.paging import Page
from graphdir.domain.organizations.records import OrganizationRecord
from graphdir.domain.sites.records import SiteRecord

# A near list's total is counted up to this many (the count reads one more, to tell that the list holds more): an
# exact count of a city's 20 km reads every organization there, 100,000 at France scale.
COUNT_CAP = 1000


@dataclass(frozen=True, slots=True)
class Origin:
    """Exactly one of a commune code, a point or an organization id."""

    commune_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    organization_id: str | None = None


@dataclass(frozen=True, slots=True)
class TerritoryRef:
    id: str
    code: str
    name: str
    level: str


@dataclass(frozen=True, slots=True)
class NearHit:
    organization_id: str
    distance_km: float
    approximate: bool
    shared_territories: list[TerritoryRef]
    organization: OrganizationRecord
    site: SiteRecord | None = None  # the establishment it was found at (None: at its own location)


@dataclass(frozen=True, slots=True)
class ResolvedOrigin:
    point: WGS84Point
    commune: str | None
    territory_ids: list[str]
    exclude: list[str]


@dataclass(frozen=True, slots=True)
class NearPage:
    """A keyset page of hits (keys: distance in metres, sortName, id; the total when asked) and the resolved origin,
    which `count` takes."""

    page: Page[NearHit]
    origin: ResolvedOrigin


@dataclass(frozen=True, slots=True)
class Suggestion:
    organization_id: str
    distance_km: float
    score: float
    approximate: bool
    reasons: list[str] = field(default_factory=list)
