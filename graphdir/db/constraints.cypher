// graphdir schema: constraints and indexes, applied idempotently by `graphdir schema apply`, and once by
// `graphdir serve` before its workers start.
// Every statement is CREATE … <name> IF NOT EXISTS, so running this file twice changes nothing.
// The model they back is described in schema/MODEL.md.

// Stable ids, one per label.
CREATE CONSTRAINT territory_id IF NOT EXISTS FOR (n:Territory) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT convention_id IF NOT EXISTS FOR (n:Convention) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT figure_id IF NOT EXISTS FOR (n:Figure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT establishment_id IF NOT EXISTS FOR (n:Establishment) REQUIRE n.id IS UNIQUE;

// INSEE codes are unique within a level (a département and a région may share "01").
CREATE CONSTRAINT region_code IF NOT EXISTS FOR (n:Region) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT departement_code IF NOT EXISTS FOR (n:Departement) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT epci_code IF NOT EXISTS FOR (n:Epci) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT commune_code IF NOT EXISTS FOR (n:Commune) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT pays_code IF NOT EXISTS FOR (n:Pays) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT collectivite_code IF NOT EXISTS FOR (n:Collectivite) REQUIRE n.code IS UNIQUE;

// Register identifiers: SIREN (9 digits), SIRET (14 digits), RNA (W + 9 digits).
CREATE CONSTRAINT organization_siren IF NOT EXISTS FOR (n:Organization) REQUIRE n.siren IS UNIQUE;
CREATE CONSTRAINT organization_siret IF NOT EXISTS FOR (n:Organization) REQUIRE n.siret IS UNIQUE;
CREATE CONSTRAINT organization_rna IF NOT EXISTS FOR (n:Organization) REQUIRE n.rna IS UNIQUE;
CREATE CONSTRAINT establishment_siret IF NOT EXISTS FOR (n:Establishment) REQUIRE n.siret IS UNIQUE;
CREATE CONSTRAINT organization_slug IF NOT EXISTS FOR (n:Organization) REQUIRE n.slug IS UNIQUE;

// Filters and keyset pagination order by name then id.
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX organization_family IF NOT EXISTS FOR (n:Organization) ON (n.family);
CREATE INDEX organization_sort IF NOT EXISTS FOR (n:Organization) ON (n.sortName, n.id);
// Containment as data (graphdir/domain/territories/inside_links.py): a territory's first page by name, per family's
// link type (INSIDE: no family), read in index order (graphdir/domain/organizations/territory_pages.py).
CREATE INDEX inside_name IF NOT EXISTS FOR ()-[r:INSIDE]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_association_name IF NOT EXISTS FOR ()-[r:INSIDE_ASSOCIATION]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_cooperative_name IF NOT EXISTS FOR ()-[r:INSIDE_COOPERATIVE]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_mutual_name IF NOT EXISTS FOR ()-[r:INSIDE_MUTUAL]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_foundation_name IF NOT EXISTS FOR ()-[r:INSIDE_FOUNDATION]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_ess_company_name IF NOT EXISTS FOR ()-[r:INSIDE_ESS_COMPANY]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX inside_mixed_name IF NOT EXISTS FOR ()-[r:INSIDE_MIXED]-() ON (r.territory, r.sortName, r.id);
CREATE INDEX territory_level IF NOT EXISTS FOR (n:Territory) ON (n.level, n.code);
CREATE INDEX convention_signed IF NOT EXISTS FOR (n:Convention) ON (n.signedOnFrom);

// Partners nearby: the planner answers point.withinBBox / point.distance from these.
CREATE POINT INDEX organization_location IF NOT EXISTS FOR (n:Organization) ON (n.location);
// An organization is found near each of its establishments (schema/MODEL.md, "Establishments").
CREATE POINT INDEX establishment_location IF NOT EXISTS FOR (n:Establishment) ON (n.location);
CREATE POINT INDEX territory_location IF NOT EXISTS FOR (n:Territory) ON (n.location);
// The commune nearest a point (partnersNear from a point) matches on :Commune.
CREATE POINT INDEX commune_location IF NOT EXISTS FOR (n:Commune) ON (n.location);

// French-aware search: searchText is folded by graphdir (case, accents, elisions) before the analyzer sees it.
CREATE FULLTEXT INDEX search_text IF NOT EXISTS
FOR (n:Organization|Person|Territory|Convention|Event)
ON EACH [n.searchText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'french', `fulltext.eventually_consistent`: false}};

// API tokens (graphdir token create): found by the hash of the token a request sends; names are what admins type.
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE;
CREATE CONSTRAINT api_token_name IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.name IS UNIQUE;

// History of the changes mutations make (graphdir.domain.history): the feed pages on seq, the order of commits.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (n:Change) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT change_sequence_id IF NOT EXISTS FOR (n:ChangeSequence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT idempotency_key_id IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.id IS UNIQUE;

// Tombstones of merged and deleted organizations (graphdir.domain.organizations.merging, .deletion): a merged id,
// slug, SIREN, SIRET or RNA id still finds the survivor (reads, exports, importers' identity resolution).
CREATE CONSTRAINT merged_organization_id IF NOT EXISTS FOR (n:MergedOrganization) REQUIRE n.id IS UNIQUE;
CREATE INDEX merged_organization_slug IF NOT EXISTS FOR (n:MergedOrganization) ON (n.slug);
CREATE INDEX merged_organization_siren IF NOT EXISTS FOR (n:MergedOrganization) ON (n.siren);
CREATE INDEX merged_organization_siret IF NOT EXISTS FOR (n:MergedOrganization) ON (n.siret);
CREATE INDEX merged_organization_rna IF NOT EXISTS FOR (n:MergedOrganization) ON (n.rna);
CREATE CONSTRAINT deleted_organization_id IF NOT EXISTS FOR (n:DeletedOrganization) REQUIRE n.id IS UNIQUE;
