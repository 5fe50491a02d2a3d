"""Cypher texts of events."""

from __future__ import annotations

from typing import Final

EVENT_MAP: Final = "{.id, .title, .kind, .startsAt, .endsAt, .dateInferred, .dateNote, .place}"

BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN id, e """
    + EVENT_MAP
    + " AS node"
)

# Organization.events: a page of the events each organization of $ids organised, latest first.
ORGANISED_BY: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
CALL (o) {
  MATCH (o)-[:ORGANISED]->(e:Event)
  WITH e, [coalesce(e.startsAt, ''), e.id] AS key
  WHERE $after IS NULL OR key < $after
  WITH e, key ORDER BY key DESC LIMIT $limit
  RETURN collect({node: e """
    + EVENT_MAP
    + """, key: key}) AS edges
}
RETURN id, edges, COUNT { (o)-[:ORGANISED]->() } AS total
"""
)

# Event.partOf, parts, follows, followedBy: the events linked to each event of $ids.
PART_OF: Final = (
    """
UNWIND $ids AS id
MATCH (:Event {id: id})-[:PART_OF]->(e:Event)
WITH id, e ORDER BY e.startsAt, e.id
RETURN id, collect(e """
    + EVENT_MAP
    + """) AS nodes
"""
)

PARTS: Final = (
    """
UNWIND $ids AS id
MATCH (:Event {id: id})<-[:PART_OF]-(e:Event)
WITH id, e ORDER BY e.startsAt, e.id
RETURN id, collect(e """
    + EVENT_MAP
    + """) AS nodes
"""
)

FOLLOWS: Final = (
    """
UNWIND $ids AS id
MATCH (:Event {id: id})-[:FOLLOWS]->(e:Event)
WITH id, e ORDER BY e.startsAt, e.id
RETURN id, collect(e """
    + EVENT_MAP
    + """) AS nodes
"""
)

FOLLOWED_BY: Final = (
    """
UNWIND $ids AS id
MATCH (:Event {id: id})<-[:FOLLOWS]-(e:Event)
WITH id, e ORDER BY e.startsAt, e.id
RETURN id, collect(e """
    + EVENT_MAP
    + """) AS nodes
"""
)

# The event each convention of $ids was signed during.
OF_CONVENTIONS: Final = (
    """
UNWIND $ids AS id
MATCH (:Convention {id: id})-[:SIGNED_DURING]->(e:Event)
RETURN id, e """
    + EVENT_MAP
    + " AS node"
)
