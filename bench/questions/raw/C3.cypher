// C3 floor: the 20 organizations nearest to an organization within $radius metres (point index), their distance,
// the territories (today) they share with it, and their number counted up to 1,000 (graphdir's partnersNear counts
// no further: graphdir/domain/partners/records.py COUNT_CAP). The page is looked for in growing discs (1/64, 1/16, 1/4
// of the radius, then all of it), the first holding 20 hits: it holds the nearest 20 of the whole disc. The
// organization is compared as a node, so the count reads nothing of a candidate but its indexed location.
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[:LOCATED_IN]->(c:Commune)
WITH me, coalesce(me.location, c.location) AS origin,
     CASE WHEN c IS NULL THEN [] ELSE [c.id] + [(c)-[r:PART_OF]->(t:Territory) WHERE r.untilTo IS NULL | t.id] END
       AS mine
CALL (origin, me, mine) {
  UNWIND [$radius / 64, $radius / 16, $radius / 4, $radius] AS reach
  CALL (origin, me, reach) {
    MATCH (o:Organization)
    WHERE point.distance(o.location, origin) <= reach AND o <> me
    WITH o, point.distance(o.location, origin) AS distance
    ORDER BY distance, o.sortName, o.id LIMIT 20
    RETURN collect([o, distance]) AS nearest
  }
  WITH reach, nearest WHERE size(nearest) >= 20 OR reach >= $radius
  WITH nearest LIMIT 1
  UNWIND nearest AS hit
  WITH hit[0] AS o, hit[1] AS distance
  OPTIONAL MATCH (o)-[:LOCATED_IN]->(oc:Commune)
  WITH o, distance, CASE WHEN oc IS NULL THEN [] ELSE [oc] + [(oc)-[r:PART_OF]->(t:Territory) WHERE r.untilTo IS NULL | t] END AS theirs
  RETURN collect({distanceKm: distance / 1000.0, approximate: coalesce(o.locationApproximate, false), id: o.id,
                  name: o.name, kind: o.kind, family: o.family,
                  shared: [t IN theirs WHERE t.id IN mine | t {.code, .level}]}) AS page
}
CALL (origin, me) {
  MATCH (o:Organization)
  WHERE point.distance(o.location, origin) <= $radius AND o <> me
  WITH o LIMIT 1001
  RETURN count(o) AS counted
}
RETURN page, CASE WHEN counted > 1000 THEN 1000 ELSE counted END AS total
