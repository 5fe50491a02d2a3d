// C2 floor: the first page (by name) of the organizations of a family inside the région, and their number, from the
// INSIDE links (graphdir/domain/territories/inside_links.py: each organization linked to every territory it is inside,
// by a type of its family, INSIDE_<FAMILY>, carrying its sortName), in one statement. The page is one ordered seek of
// the type's index on (territory, sortName, id), stopping after 21 links; the total is the région's degree for the
// type, which Neo4j keeps. $families holds one family (bench/questions.py), whose type the harness writes in place of
// INSIDE_<FAMILY> (bench/columns.py), as graphdir writes it (graphdir/domain/organizations/territory_pages.py): a
// UNION of one guarded seek per family read every other family's links of the région too (14,552 at 100k for
// Île-de-France's associations), the guard being planned after the seek.
MATCH (scope:Region {code: $region})
CALL (scope) {
  MATCH (o)-[inside:INSIDE_<FAMILY>]->() USING INDEX inside:INSIDE_<FAMILY>(territory, sortName, id)
  WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
  WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
  RETURN collect(o {.id, .name, .kind, .family,
                    commune: [(o)-[:LOCATED_IN]->(c:Commune) | c {.code, .name}][0]}) AS page
}
RETURN page, COUNT { (scope)<-[:INSIDE_<FAMILY>]-() } AS total
