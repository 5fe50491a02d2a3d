// C1 floor: the organization page in one statement (same fields and page sizes as C1.graphql).
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Commune)
RETURN o {.id, .name, .kind, .family, .description,
          latitude: o.location.latitude, longitude: o.location.longitude, approximate: o.locationApproximate} AS organization,
       CASE WHEN c IS NULL THEN null ELSE c {.code, .name,
         parents: [(c)-[r:PART_OF]->(p:Territory) WHERE r.untilTo IS NULL OR r.untilTo >= date() | p {.code, .name, .level}]}
       END AS commune,
       COUNT { (o)-[:MEMBER_OF]->(:Organization) } AS memberOfCount,
       COLLECT {
         MATCH (o)-[m:MEMBER_OF]->(f:Organization)
         WITH m, f ORDER BY f.sortName, f.id LIMIT 10
         RETURN {since: m.since, id: f.id, name: f.name, kind: f.kind,
                 memberOf: COLLECT {
                   MATCH (f)-[:MEMBER_OF]->(g:Organization)
                   WITH g ORDER BY g.sortName, g.id LIMIT 5
                   RETURN g {.id, .name, .kind}
                 }}
       } AS memberOf,
       COUNT { (o)-[:PARTY_TO]->(:Convention) } AS conventionCount,
       COLLECT {
         MATCH (o)-[:PARTY_TO]->(v:Convention)
         WITH v ORDER BY v.signedOnFrom DESC, v.id LIMIT 10
         RETURN v {.id, .title, .signedOn,
                   parties: [(p:Organization)-[pt:PARTY_TO]->(v) | {role: pt.role, id: p.id, name: p.name}]}
       } AS conventions,
       [(person:Person)-[h:HOLDS_ROLE]->(o) | {title: h.title, id: person.id, name: person.name}] AS people
