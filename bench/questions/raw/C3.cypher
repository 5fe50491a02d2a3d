// C3 floor: the 20 organizations nearest to an organization within $radius metres (point index), their distance,
// the territories (today) they share with it, and their number. The organization is compared as a node, so the count
// reads nothing of a candidate but its indexed location (as graphdir's does).
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[:LOCATED_IN]->(c:Commune)
WITH me, coalesce(me.location, c.location) AS origin,
     CASE WHEN c IS NULL THEN [] ELSE [c.id] + [(c)-[r:PART_OF]->(t:Territory) WHERE r.untilTo IS NULL | t.id] END
       AS mine
CALL (origin, me, mine) {
  MATCH (o:Organization)
  WHERE point.distance(o.location, origin) <= $radius AND o <> me
  WITH o, point.distance(o.location, origin) AS distance
  ORDER BY distance, o.sortName, o.id LIMIT 20
  OPTIONAL MATCH (o)-[:LOCATED_IN]->(oc:Commune)
  WITH o, distance, CASE WHEN oc IS NULL THEN [] ELSE [oc] + [(oc)-[r:PART_OF]->(t:Territory) WHERE r.untilTo IS NULL | t] END AS theirs
  RETURN collect({distanceKm: distance / 1000.0, approximate: coalesce(o.locationApproximate, false), id: o.id,
                  name: o.name, kind: o.kind, family: o.family,
                  shared: [t IN theirs WHERE t.id IN mine | t {.code, .level}]}) AS page
}
CALL (origin, me) {
  MATCH (o:Organization)
  WHERE point.distance(o.location, origin) <= $radius AND o <> me
  RETURN count(o) AS total
}
RETURN page, total
