// C2 floor: the first page (by name) of the organizations of $families located in or covering the région or a
// territory inside it, and their number: graphdir's meaning of territoryCode (schema/MODEL.md, "Inside a territory":
// the région itself or one PART_OF hop), in one statement. The walk goes down from the région and the family is
// tested after DISTINCT: with the family test in the MATCH, the planner starts from the family index and checks every
// organization's way up to the région (50 million db hits at 10k).
MATCH (scope:Region {code: $region})
CALL (scope) {
  CALL (scope) {
    RETURN scope AS inside
    UNION
    MATCH (scope)<-[:PART_OF]-(inside:Territory)
    RETURN inside
  }
  MATCH (inside)<-[:LOCATED_IN|COVERS]-(o:Organization)
  WITH DISTINCT o
  WHERE o.family IN $families
  RETURN collect(o) AS found
}
WITH found, size(found) AS total
CALL (found) {
  UNWIND found AS o
  WITH o ORDER BY o.sortName, o.id LIMIT 21
  RETURN collect(o {.id, .name, .kind, .family,
                    commune: [(o)-[:LOCATED_IN]->(c:Commune) | c {.code, .name}][0]}) AS page
}
RETURN page, total
