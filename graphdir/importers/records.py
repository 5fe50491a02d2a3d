"""SIAE establishments as loader records (seeds/FORMAT.md): one Source for the file, one organization per SIRET.

Each record keeps the file and line it came from, so that the validating loader (graphdir.loader.load_records) reports
a refused value where an admin can find it in the CSV. An organization:

    id: siret-41071771400035          stable from the SIRET: re-importing updates in place
    slug: ainterim-air-41071771400035  the name's slug plus the SIRET (registers repeat names: "ASSOC TREMPLIN" x 6)
    name, kind, family, classifiedBy (the legal-form rule), legalForm (the label), siret, siren, address,
    insertionMeasures: [ACI, EI], commune (when placed), cited: [{source, excerpt: "x.csv line 12 (ACI), line 13 (EI)"}]

`siren` is left out when another organization already holds it: the graph keeps a SIREN unique to one organization
and, until establishments are modelled (issue 12), several SIRET of one SIREN are several organizations. Which one
keeps it is decided by `siren_holders` (see importers/run.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphdir.importers.siae import Establishment, SiaeFile
from graphdir.loader import Record
from graphdir.loader.reading import LineDict
from graphdir.text import slugify

# Where each edition an admin may meet is published (a Source keeps the dataset's address).
KNOWN_EDITIONS: Mapping[str, str] = {
    "2019-07": "https://github.com/gip-inclusion/les-emplois/blob/ffa3de1f/itou/siae/management/commands/data/"
               "2019_07_liste_siae.csv",
}


def source_id(edition: str) -> str:
    return f"src-siae-{edition}"


def organization_id(siret: str) -> str:
    return f"siret-{siret}"


def _line_dict(line: int, pairs: list[tuple[str, Any]]) -> LineDict:
    return LineDict([(key, value) for key, value in pairs if value is not None], line=line)


def source_record(siae: SiaeFile, url: str | None) -> Record:
    data = _line_dict(1, [
        ("id", source_id(siae.edition)),
        ("document", siae.path.name),
        ("title", f"Liste des structures de l'insertion par l'activité économique (SIAE), ASP, {siae.edition}"),
        ("url", url or KNOWN_EDITIONS.get(siae.edition)),
        ("publishedOn", siae.edition),
    ])
    return Record(str(siae.path), 1, "sources", 0, data)


def organization_record(siae: SiaeFile, item: Establishment, index: int, *, with_siren: bool) -> Record:
    line = item.line
    excerpt = ", ".join(f"line {number} ({measure})" for number, measure in item.rows)
    data = _line_dict(line, [
        ("id", organization_id(item.siret)),
        ("name", item.name),
        ("slug", f"{slugify(item.name)}-{item.siret}"),
        ("kind", item.classification.kind),
        ("family", item.classification.family),
        ("classifiedBy", item.classification.rule),
        ("legalForm", item.legal_form),
        ("siren", item.siren if with_siren else None),
        ("siret", item.siret),
        ("address", item.address or None),
        ("commune", item.placement.code),
        ("insertionMeasures", item.measures),
        ("cited", [_line_dict(line, [("source", source_id(siae.edition)),
                                     ("excerpt", f"{siae.path.name} {excerpt}")])]),
    ])
    return Record(str(siae.path), line, "organizations", index, data)
