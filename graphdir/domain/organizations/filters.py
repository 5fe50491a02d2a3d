"""Organization criteria to a Cypher WHERE fragment: a reusable building block (Query.organizations, partnersNear…).

`where(criteria)` returns a conjunction of fixed fragments over the variable `o` (an :Organization) and the parameters
they use, all prefixed `f_` so they never collide with the caller's own. Nothing of the criteria is formatted into text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from graphdir.domain.common.validity import all_held_on_if_given, held_on_if_given
from graphdir.domain.territories.cypher import ORGANIZATION_IN_TERRITORY
from graphdir.text import fold

KINDS: Final = "o.kind IN $f_kinds"
FAMILIES: Final = "o.family IN $f_families"
IDS: Final = "o.id IN $f_ids"
TEXT: Final = "all(word IN $f_words WHERE o.searchText CONTAINS word)"
MEMBER_OF: Final = """EXISTS {
    MATCH (o)-[r:MEMBER_OF]->(:Organization {id: $f_memberOf})
    WHERE """ + held_on_if_given("r", "$f_on") + """
  }"""
MEMBER_OF_TRANSITIVE: Final = """EXISTS {
    MATCH (o)-[rs:MEMBER_OF*1..12]->(:Organization {id: $f_memberOf})
    WHERE """ + all_held_on_if_given("rs", "$f_on") + """
  }"""
TERRITORY: Final = ORGANIZATION_IN_TERRITORY
ANY: Final = "true"


@dataclass(frozen=True, slots=True)
class OrganizationCriteria:
    """What organizations to keep; every field left None keeps all.

    territory_id: a territory graph id (`region:84`), resolved from a code by TerritoryService.resolve; keeps the
    organizations located in or covering it or any territory inside it. member_of: an organization graph id; with
    `transitive`, members of members at any depth. text: words that must all occur in the folded name, acronym or
    description. on: the day memberships, coverage and territorial links must hold (None: at any time).
    """

    kinds: tuple[str, ...] | None = None
    families: tuple[str, ...] | None = None
    territory_id: str | None = None
    member_of: str | None = None
    transitive: bool = False
    text: str | None = None
    ids: tuple[str, ...] | None = None
    on: dt.date | None = None


def where(criteria: OrganizationCriteria, *, skip: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]]:
    """(fragment, params) keeping the organizations `o` that meet `criteria`.

    `skip` names criteria ("territory", "memberOf") the caller applies itself by walking down from the territory or
    the body (organizations/cypher.py MATCH_IN_TERRITORY, MATCH_MEMBERS…) instead of testing each organization;
    their parameters are still set.
    """
    fragments: list[str] = []
    params: dict[str, Any] = {"f_on": criteria.on}
    if criteria.kinds is not None:
        fragments.append(KINDS)
        params["f_kinds"] = list(criteria.kinds)
    if criteria.families is not None:
        fragments.append(FAMILIES)
        params["f_families"] = list(criteria.families)
    if criteria.ids is not None:
        fragments.append(IDS)
        params["f_ids"] = list(criteria.ids)
    if criteria.member_of is not None:
        if "memberOf" not in skip:
            fragments.append(MEMBER_OF_TRANSITIVE if criteria.transitive else MEMBER_OF)
        params["f_memberOf"] = criteria.member_of
    if criteria.territory_id is not None:
        if "territory" not in skip:
            fragments.append(TERRITORY)
        params["f_territory"] = criteria.territory_id
    if criteria.text is not None:
        words = fold(criteria.text).split()
        if words:
            fragments.append(TEXT)
            params["f_words"] = words
    return ("\n  AND ".join(fragments) if fragments else ANY), params
