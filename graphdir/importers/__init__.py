"""`graphdir import <source> FILE...`: open registers into the graph, through the validating loader.

Modules, in the order an import goes through them:

    csvfile         a delimited file streamed row by row, columns by name; ImportFileError for a file unreadable whole
    places          (postal code, commune name) -> one commune of the COG, or why not
    legal_forms     kind and ESS family from a legal-form label (SIAE) or code (SIRENE), with the rule
    siae            the SIAE list's rows -> one placed establishment per SIRET
    records         SIAE establishments -> loader records (seeds/FORMAT.md): one organization per SIREN, its sites
    sirene          SIRENE's StockUniteLegale / StockEtablissement streamed: the ESS units and their establishments
    coordinates     Lambert-93 (and the overseas UTM zones) to WGS-84, by pyproj
    sirene_records  SIRENE units and establishments -> loader records; `import_sirene`
    identity        identity resolution, one step of every import: match by SIREN, SIRET, RNA id; merge, enrich
    identity_reads  the graph reads identity resolution makes
    run             `write_import` (identity, then graphdir.loader.load_records) and `import_siae`
    summary      the figures and row details
    progress     rows, rows/s, time left while reading
    command      `graphdir import` itself
"""
