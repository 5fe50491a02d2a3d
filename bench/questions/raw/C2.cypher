// C2 floor: the first page (by name) of the organizations of a family inside the région, and their number, from the
// INSIDE links (graphdir/domain/territories/inside_links.py: each organization linked to every territory it is inside,
// by a type of its family, INSIDE_<FAMILY>, carrying its sortName), in one statement. The page is one ordered seek of
// the type's index on (territory, sortName, id), stopping after 21 links; the total is the région's degree for the
// type, which Neo4j keeps. $families holds one family (bench/questions.py): the type is chosen by a CASE of seeks.
MATCH (scope:Region {code: $region})
WITH scope, $families[0] AS family
CALL (scope, family) {
  CALL (family) {
    WITH family WHERE family = 'ASSOCIATION'
    MATCH (o)-[inside:INSIDE_ASSOCIATION]->() USING INDEX inside:INSIDE_ASSOCIATION(territory, sortName, id)
    WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
    WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
    RETURN o
    UNION ALL
    WITH family WHERE family = 'COOPERATIVE'
    MATCH (o)-[inside:INSIDE_COOPERATIVE]->() USING INDEX inside:INSIDE_COOPERATIVE(territory, sortName, id)
    WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
    WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
    RETURN o
    UNION ALL
    WITH family WHERE family = 'MUTUAL'
    MATCH (o)-[inside:INSIDE_MUTUAL]->() USING INDEX inside:INSIDE_MUTUAL(territory, sortName, id)
    WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
    WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
    RETURN o
    UNION ALL
    WITH family WHERE family = 'FOUNDATION'
    MATCH (o)-[inside:INSIDE_FOUNDATION]->() USING INDEX inside:INSIDE_FOUNDATION(territory, sortName, id)
    WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
    WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
    RETURN o
    UNION ALL
    WITH family WHERE family = 'ESS_COMPANY'
    MATCH (o)-[inside:INSIDE_ESS_COMPANY]->() USING INDEX inside:INSIDE_ESS_COMPANY(territory, sortName, id)
    WHERE inside.territory = 'region:' + $region AND inside.sortName >= '' AND inside.id IS NOT NULL
    WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT 21
    RETURN o
  }
  RETURN collect(o {.id, .name, .kind, .family,
                    commune: [(o)-[:LOCATED_IN]->(c:Commune) | c {.code, .name}][0]}) AS page
}
RETURN page, CASE family
  WHEN 'ASSOCIATION' THEN COUNT { (scope)<-[:INSIDE_ASSOCIATION]-() }
  WHEN 'COOPERATIVE' THEN COUNT { (scope)<-[:INSIDE_COOPERATIVE]-() }
  WHEN 'MUTUAL' THEN COUNT { (scope)<-[:INSIDE_MUTUAL]-() }
  WHEN 'FOUNDATION' THEN COUNT { (scope)<-[:INSIDE_FOUNDATION]-() }
  ELSE COUNT { (scope)<-[:INSIDE_ESS_COMPANY]-() } END AS total
