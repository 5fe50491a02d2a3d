"""`graphdir import <source> FILE`: open registers into the graph, through the validating loader.

Modules, in the order an import goes through them:

    csvfile      a delimited file streamed row by row, columns by name; ImportFileError for a file unreadable whole
    places       (postal code, commune name) -> one commune of the COG, or why not
    legal_forms  kind and ESS family from a legal-form label, with the rule
    siae         the SIAE list's rows -> one placed establishment per SIRET
    records      establishments -> loader records (seeds/FORMAT.md) with their file and line
    run          read, build, load (graphdir.loader.load_records); what an import decides
    summary      the figures and row details
    progress     rows, rows/s, time left while reading
    command      `graphdir import` itself
"""
