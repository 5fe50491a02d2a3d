"""An export's query-string arguments, read as the GraphQL fields read theirs (same names, defaults and limits):
InvalidArgument names the faulty one."""

from __future__ import annotations

import datetime as dt
import math

from starlette.datastructures import QueryParams

from graphdir.api.ids import decode
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.network.relations import NODE_TYPES, Relation
from graphdir.domain.partners.records import Origin
from graphdir.vocabulary import NodeType, OrganizationFamily, OrganizationKind, TerritoryLevel

_NODE_TYPES = set(NODE_TYPES)


def text(params: QueryParams, name: str) -> str | None:
    value = params.get(name)
    return value if value not in (None, "") else None


def required(params: QueryParams, name: str) -> str:
    value = text(params, name)
    if value is None:
        raise InvalidArgument(name, "is required")
    return value


def integer(params: QueryParams, name: str, default: int) -> int:
    found = optional_integer(params, name)
    return default if found is None else found


def optional_integer(params: QueryParams, name: str) -> int | None:
    value = text(params, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise InvalidArgument(name, f"must be an integer, got {value!r}") from exc


def number(params: QueryParams, name: str) -> float | None:
    value = text(params, name)
    if value is None:
        return None
    try:
        parsed = float(value)
    except ValueError as exc:
        raise InvalidArgument(name, f"must be a number, got {value!r}") from exc
    if not math.isfinite(parsed):
        raise InvalidArgument(name, f"must be a finite number, got {value!r}")
    return parsed


def day(params: QueryParams, name: str) -> dt.date | None:
    value = text(params, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidArgument(name, f"must be a date (YYYY-MM-DD), got {value!r}") from exc


def names(params: QueryParams, name: str, allowed: set[str]) -> list[str] | None:
    """A comma-separated list of enum names (GraphQL's spelling); absent or empty: None."""
    value = text(params, name)
    if value is None:
        return None
    items = [item.strip() for item in value.split(",") if item.strip()]
    for item in items:
        if item not in allowed:
            raise InvalidArgument(name, f"{item!r} is not one of {', '.join(sorted(allowed))}")
    return items


def relations(params: QueryParams) -> list[Relation] | None:
    found = names(params, "relationTypes", {relation.value for relation in Relation})
    return [Relation(item) for item in found] if found else None


def node_id(params: QueryParams, name: str) -> tuple[str, str]:
    return decode(required(params, name), name, _NODE_TYPES)


def origin(params: QueryParams) -> Origin:
    """partnersNear's `near`: communeCode, latitude and longitude (a point), or organizationId."""
    organization = text(params, "organizationId")
    organization_id = decode(organization, "organizationId", {NodeType.ORGANIZATION.value})[1] if organization else None
    return Origin(commune_code=text(params, "communeCode"), latitude=number(params, "latitude"),
                  longitude=number(params, "longitude"), organization_id=organization_id)


def level(params: QueryParams, name: str) -> str | None:
    """A TerritoryLevel by its GraphQL name (DEPARTMENT), as its graph value (DEPARTEMENT)."""
    found = names(params, name, {member.name for member in TerritoryLevel})
    if found and len(found) > 1:
        raise InvalidArgument(name, "give one level")
    return TerritoryLevel[found[0]].value if found else None


def kinds(params: QueryParams) -> list[str] | None:
    return names(params, "kinds", {member.value for member in OrganizationKind})


def families(params: QueryParams) -> list[str] | None:
    return names(params, "families", {member.value for member in OrganizationFamily})
