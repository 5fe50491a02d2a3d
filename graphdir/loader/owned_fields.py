"""The seed-format fields that a node's owned relationships (and its location) stand for: planning read backwards.

An edit through the API reads a convention, a person or a figure back as the record a load would hold
(graphdir.domain.editing.nodes), and a load keeps what the API set in those fields (graphdir.loader.api_edits): both
read the relationships planning says the node owns (OWNED) with `owned_rows` and turn them into fields with
`decode`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphdir.loader.planning import OWNED
from graphdir.vocabulary import TerritoryLevel

# An owned relationship as read: (type, outgoing, id at the other end, its properties).
OwnedRow = tuple[str, bool, str, dict[str, Any]]
_COMMUNE_PREFIX = TerritoryLevel.COMMUNE.territory_id("")


def owned_rows(section: str, node: str = "n") -> str:
    """A Cypher expression: the list of the owned relationships of `node`, each [type, outgoing, other id, props]."""
    out = sorted({o.type for o in OWNED[section] if o.outgoing})
    inc = sorted({o.type for o in OWNED[section] if not o.outgoing})
    return (f"[({node})-[r]->(m) WHERE type(r) IN {out!r} | [type(r), true, m.id, properties(r)]]"
            f" + [({node})<-[r]-(m) WHERE type(r) IN {inc!r} | [type(r), false, m.id, properties(r)]]")


def own_location(props: Mapping[str, Any]) -> dict[str, Any] | None:
    """A node's point as the seed format's `location`; None when it has none of its own (its commune's centre)."""
    point = props.get("location")
    if point is None or props.get("locationMethod") == "commune":
        return None
    location = {"latitude": point.latitude, "longitude": point.longitude,
                "approximate": bool(props.get("locationApproximate"))}
    if props.get("locationMethod") is not None:
        location["method"] = props["locationMethod"]
    return location


def _present(props: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {key: props[key] for key in keys if props.get(key) is not None}


def decode(section: str, owned: Sequence[OwnedRow]) -> dict[str, Any]:
    """The fields of a `people`, `conventions` or `figures` record that its owned relationships hold (lists in a
    stable order: by the id at the other end)."""
    data: dict[str, Any] = {}
    for rel_type, _, other, props in sorted(owned, key=lambda rel: (rel[0], rel[2])):
        if rel_type == "CITED_IN" and section == "figures":
            data.update({"source": other, **_present(props, ("excerpt",))})
        elif rel_type == "CITED_IN":
            data.setdefault("cited", []).append({"source": other, "excerpt": props.get("excerpt")})
        elif rel_type == "PARTY_TO":
            data.setdefault("parties", []).append({"organization": other,
                                                   **_present(props, ("role", "source", "excerpt"))})
        elif rel_type == "SIGNED_IN":
            data["commune"] = other.removeprefix(_COMMUNE_PREFIX)
        elif rel_type == "SIGNED_DURING":
            data["event"] = other
        elif rel_type == "PUBLISHED":
            data["publisher"] = other
        elif rel_type == "FOR_TERRITORY":
            data["territory"] = other
    return data
