"""Cypher texts of establishments. `site` is an :Establishment; SITE_MAP is what every query returns for one."""

from __future__ import annotations

from typing import Final

from graphdir.domain.territories.cypher import TERRITORY_MAP, inside

SITE_MAP: Final = """{
  .siret, .name, .headOffice, .address, .createdOn, .ceasedOn, ceased: coalesce(site.ceased, false),
  latitude: site.location.latitude, longitude: site.location.longitude, approximate: site.locationApproximate,
  commune: [(site)-[:LOCATED_IN]->(t:Commune) | t """ + TERRITORY_MAP + """][0]
}"""

# The sites of organizations $ids, head office first then by SIRET, at most $limit each; with $territory (a graph id),
# only those inside it (the one rule of "inside", graphdir.domain.territories.cypher).
SITES_OF: Final = """
UNWIND $ids AS id
MATCH (:Organization {id: id})-[:HAS_SITE]->(site:Establishment)
WHERE $territory IS NULL OR EXISTS { MATCH (site)-[:LOCATED_IN]->(place:Territory) WHERE """ + inside(
    "place", "$territory", "null") + """ }
WITH id, site ORDER BY coalesce(site.headOffice, false) DESC, site.siret
WITH id, collect(site """ + SITE_MAP + """) AS sites
RETURN id, sites[..$limit] AS sites
"""
