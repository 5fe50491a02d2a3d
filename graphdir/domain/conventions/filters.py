"""Convention criteria to a Cypher WHERE fragment over `c`, from the fixed fragments of conventions/cypher.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graphdir.domain.conventions import cypher


@dataclass(frozen=True, slots=True)
class ConventionCriteria:
    """party_id: an organization graph id; territory_id: a territory graph id (signed in it, or a party located in or
    covering it); signed_from / signed_to: bounds on the signing date; in_force_on: a day the convention applied."""

    party_id: str | None = None
    territory_id: str | None = None
    signed_from: dt.date | None = None
    signed_to: dt.date | None = None
    in_force_on: dt.date | None = None


def where(criteria: ConventionCriteria, *, skip: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]]:
    """(fragment, params) keeping the conventions `c` that meet `criteria`; `skip` names criteria ("territory") the
    caller applies by walking down to the candidates (cypher.MATCH_IN_TERRITORY); their parameters are still set."""
    fragments: list[str] = []
    params: dict[str, Any] = {"f_on": None}
    if criteria.party_id is not None:
        fragments.append(cypher.PARTY)
        params["f_party"] = criteria.party_id
    if criteria.territory_id is not None:
        if "territory" not in skip:
            fragments.append(cypher.TERRITORY)
        params["f_territory"] = criteria.territory_id
    if criteria.signed_from is not None:
        fragments.append(cypher.SIGNED_FROM)
        params["f_signedFrom"] = criteria.signed_from
    if criteria.signed_to is not None:
        fragments.append(cypher.SIGNED_TO)
        params["f_signedTo"] = criteria.signed_to
    if criteria.in_force_on is not None:
        fragments.append(cypher.IN_FORCE_ON)
        params["f_inForceOn"] = criteria.in_force_on
    return ("\n  AND ".join(fragments) if fragments else cypher.ANY), params
