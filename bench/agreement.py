"""Do the three columns answer the same? A digest per question and column, compared on a few draws before measuring.

Digests keep what must agree whatever the form: ids and counts. Search is compared loosely: graphdir re-ranks a pool of
40 Lucene candidates by name and the peer takes Lucene's first 10, so the check is that their hits are among the
floor's 40 candidates. A digest that cannot be computed (an answer of an unexpected shape) is reported as such.
"""

from __future__ import annotations

import base64
from typing import Any


def graph_id(global_id: str) -> str:
    """`Organization:syn-org-0000001` from graphdir's global id (Relay base64)."""
    padded = global_id + "=" * (-len(global_id) % 4)
    return base64.b64decode(padded).decode().split(":", 1)[1]


def _data(answer: Any) -> Any:
    if not isinstance(answer, dict) or answer.get("errors"):
        raise ValueError(f"errors: {answer.get('errors') if isinstance(answer, dict) else answer!r}"[:300])
    return answer["data"]


def digest(key: str, column: str, answer: Any) -> Any:
    if column == "raw":
        return _raw(key, answer)
    data = _data(answer)
    if column == "graphdir":
        return _graphdir(key, data)
    return _peer(key, data)


def _raw(key: str, rows: list[dict[str, Any]]) -> Any:
    if key == "C1":
        if not rows:
            return None
        row = rows[0]
        return {"id": row["organization"]["id"], "memberOf": row["memberOfCount"],
                "federations": sorted(f["id"] for f in row["memberOf"]), "conventions": row["conventionCount"],
                "people": len(row["people"])}
    if key in ("C2", "C3"):
        row = rows[0] if rows else {"page": [], "total": 0}
        page = row["page"][:20]
        return {"total": row["total"], "page": [p["id"] for p in page]}
    if key == "C4":
        return {"pool": [r["id"] for r in rows]}
    if key == "C5":
        row = rows[0]
        return {"nodes": sorted(n["id"] for n in row["nodes"]), "truncated": row["truncated"],
                "edges": len(row["edges"])}
    if key == "C6":
        return {"length": rows[0]["length"] if rows else None}
    raise ValueError(key)


def _graphdir(key: str, data: dict[str, Any]) -> Any:
    if key == "C1":
        org = data["organization"]
        if org is None:
            return None
        return {"id": graph_id(org["id"]), "memberOf": org["memberOf"]["totalCount"],
                "federations": sorted(graph_id(e["node"]["id"]) for e in org["memberOf"]["edges"]),
                "conventions": org["conventions"]["totalCount"], "people": len(org["people"])}
    if key == "C2":
        conn = data["organizations"]
        return {"total": conn["totalCount"], "page": [graph_id(e["node"]["id"]) for e in conn["edges"]]}
    if key == "C3":
        conn = data["partnersNear"]
        return {"total": conn["totalCount"], "page": [graph_id(e["node"]["id"]) for e in conn["edges"]]}
    if key == "C4":
        return {"hits": [graph_id(h["node"]["id"]) for h in data["search"]]}
    if key == "C5":
        net = data["network"]
        return {"nodes": sorted(graph_id(n["id"]) for n in net["nodes"]), "truncated": net["truncated"],
                "edges": len(net["edges"])}
    if key == "C6":
        path = data["path"]
        return {"length": path["length"] if path else None}
    raise ValueError(key)


def _peer(key: str, data: dict[str, Any]) -> Any:
    if key == "C1":
        orgs = data["organizations"]
        if not orgs:
            return None
        org = orgs[0]
        return {"id": org["id"], "memberOf": org["memberOfConnection"]["totalCount"],
                "federations": sorted(e["node"]["id"] for e in org["memberOfConnection"]["edges"]),
                "conventions": org["conventionsConnection"]["totalCount"],
                "people": len(org["peopleConnection"]["edges"])}
    if key == "C2":
        conn = data["organizationsConnection"]
        return {"total": conn["totalCount"], "page": [e["node"]["id"] for e in conn["edges"]]}
    if key == "C3":
        org = data["organizations"][0]
        return {"total": org["nearCount"], "page": [o["id"] for o in org["near"]]}
    if key == "C4":
        return {"hits": [h["id"] for h in data["search"]]}
    raise ValueError(key)


def agree(key: str, floor: Any, other: Any) -> bool:
    if key == "C4":
        return set(other["hits"]) <= set(floor["pool"])
    return bool(floor == other)
