"""Cypher texts of people, their roles (HOLDS_ROLE) and their talks (SPOKE_AT)."""

from __future__ import annotations

from typing import Final

from graphdir.domain.common.validity import EARLIEST, held_on_if_given
from graphdir.domain.events.cypher import EVENT_MAP
from graphdir.domain.facts.cypher import SOURCE_OF_R
from graphdir.domain.organizations.cypher import ORGANIZATION_MAP

PERSON_MAP: Final = "{.id, .name, version: coalesce(p.version, 1)}"

BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN id, p """
    + PERSON_MAP
    + " AS node"
)

_ROLE: Final = (
    "{person: p "
    + PERSON_MAP
    + ", organization: o "
    + ORGANIZATION_MAP
    + """, title: r.title, portfolio: r.portfolio, since: r.since, until: r.until,
     excerpt: r.excerpt, inferred: coalesce(r.inferred, false), note: r.note, version: coalesce(r.version, 1),
     source: """
    + SOURCE_OF_R
    + "}"
)

# The roles held in each organization of $ids (or by each person of $ids), on $on (null: at any time); the people of
# an organization come in the order of their roles' start, then by name.
ROLES_IN_ORGANIZATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Organization {id: id})
WHERE """ + held_on_if_given("r", "$on") + """
WITH id, p, r, o ORDER BY coalesce(r.sinceFrom, """ + EARLIEST + """), p.name, r.title
RETURN id, collect("""
    + _ROLE
    + """) AS roles
"""
)

ROLES_OF_PEOPLE: Final = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[r:HOLDS_ROLE]->(o:Organization)
WHERE """ + held_on_if_given("r", "$on") + """
WITH id, p, r, o ORDER BY coalesce(r.sinceFrom, """ + EARLIEST + """), o.name, r.title
RETURN id, collect("""
    + _ROLE
    + """) AS roles
"""
)

_TALK: Final = (
    "{person: p "
    + PERSON_MAP
    + ", event: e "
    + EVENT_MAP
    + ", title: r.title, excerpt: r.excerpt, source: "
    + SOURCE_OF_R
    + "}"
)

SPEAKERS_OF_EVENTS: Final = (
    """
UNWIND $ids AS id
MATCH (p:Person)-[r:SPOKE_AT]->(e:Event {id: id})
WITH id, p, r, e ORDER BY p.name
RETURN id, collect("""
    + _TALK
    + """) AS talks
"""
)

TALKS_OF_PEOPLE: Final = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[r:SPOKE_AT]->(e:Event)
WITH id, p, r, e ORDER BY e.startsAt, e.id
RETURN id, collect("""
    + _TALK
    + """) AS talks
"""
)
