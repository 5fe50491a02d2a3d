"""`graphdir import <source> FILE...`: open registers into the graph, through the validating loader.

Modules, in the order an import goes through them:

    errors          ImportFileError: a file (or mapping) unreadable as a whole; nothing written
    sources         a plain or zipped text file's lines, streamed, in the encoding its source declares
    csvfile         a delimited file row by row, columns by name
    places          (postal code, commune name) -> one commune of the COG, or why not
    commune_codes   an INSEE commune code -> one commune of the COG (arrondissements; else postal code and name)
    legal_forms     kind and ESS family from a legal-form label (SIAE) or code (SIRENE), with the rule
    identity        identity resolution, one step of every import: match by SIREN, SIRET, RNA id; merge, enrich
    identity_reads  the graph reads identity resolution makes
    loading         what every import does around its reading: placements counted, identity, load, report file
    batches         an import written in batches as it is read (SIRENE, RNA, spreadsheets): memory bounded
    siae            the SIAE list's rows -> one placed establishment per SIRET
    records         SIAE establishments -> loader records (seeds/FORMAT.md): one organization per SIREN, its sites
    siae_import     the SIAE import
    sirene          SIRENE's StockUniteLegale / StockEtablissement streamed: the ESS units and their establishments
    coordinates     Lambert-93 (and the overseas UTM zones) to WGS-84, by pyproj
    sirene_records  SIRENE units and establishments -> loader records; `import_sirene`
    rna             the RNA's rows (waldec and import formats) -> associations
    rna_records     associations -> loader records
    rna_import      the RNA import
    mapping         the mapping file of a spreadsheet import
    sheet           a spreadsheet's rows (CSV or XLSX)
    sheet_import    the spreadsheet import: organizations, MEMBER_OF the mapping's organization
    ess_france      ESS France's list of ESS enterprises: rows -> one enterprise per SIREN, placed, its family
    ess_france_import  the ESS France import
    summary         the figures and row details
    progress        rows, rows/s, time left while reading
    command         `graphdir import` itself
"""
