"""SIAE establishments as loader records (seeds/FORMAT.md): one Source for the file, one organization per SIREN (the
legal unit) and one establishment per SIRET, each keeping the file and line it came from, so that the validating
loader (graphdir.loader.load_records) reports a refused value where an admin can find it in the CSV.

    organization  id: siren-410717714   slug: ainterim-air-410717714 (registers repeat names: "ASSOC TREMPLIN" x 6)
                  name, kind, family, classifiedBy (the legal-form rule), legalForm (the label), siren,
                  insertionMeasures (of all its establishments), cited: [{source, excerpt: "x.csv line 12 (ACI)…"}]
    establishment siret, organization, name, address, commune (when placed), cited

The name and legal form of a SIREN are those of its first establishment in the file. Identity resolution
(graphdir.importers.identity) then finds the organization if the graph holds it already.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def organization_id(siren: str) -> str:
    """The id of an imported legal unit (schema/MODEL.md, "Identity")."""
    return f"siren-{siren}"


def line_dict(line: int, pairs: Iterable[tuple[str, Any]]) -> LineDict:
    return LineDict([(key, value) for key, value in pairs if value is not None], line=line)


def source_record(siae: SiaeFile, url: str | None) -> Record:
    data = line_dict(1, [
        ("id", source_id(siae.edition)),
        ("document", siae.path.name),
        ("title", f"Liste des structures de l'insertion par l'activité économique (SIAE), ASP, {siae.edition}"),
        ("url", url or KNOWN_EDITIONS.get(siae.edition)),
        ("publishedOn", siae.edition),
    ])
    return Record(str(siae.path), 1, "sources", 0, data)


def _excerpt(siae: SiaeFile, items: Iterable[Establishment]) -> str:
    lines = ", ".join(f"line {number} ({measure})" for item in items for number, measure in item.rows)
    return f"{siae.path.name} {lines}"


def organization_record(siae: SiaeFile, siren: str, items: list[Establishment], index: int) -> Record:
    first = items[0]
    data = line_dict(first.line, [
        ("id", organization_id(siren)),
        ("name", first.name),
        ("slug", f"{slugify(first.name)}-{siren}"),
        ("kind", first.classification.kind),
        ("family", first.classification.family),
        ("classifiedBy", first.classification.rule),
        ("legalForm", first.legal_form),
        ("siren", siren),
        ("insertionMeasures", sorted({measure for item in items for measure in item.measures})),
        ("cited", [line_dict(first.line, [("source", source_id(siae.edition)), ("excerpt", _excerpt(siae, items))])]),
    ])
    return Record(str(siae.path), first.line, "organizations", index, data)


def establishment_record(siae: SiaeFile, item: Establishment, index: int, unit_name: str) -> Record:
    """`unit_name`: its organization's; an establishment keeps a name only when it has one of its own."""
    data = line_dict(item.line, [
        ("siret", item.siret),
        ("organization", organization_id(item.siren)),
        ("name", item.name if item.name != unit_name else None),
        ("address", item.address or None),
        ("commune", item.placement.code),
        ("cited", [line_dict(item.line, [("source", source_id(siae.edition)),
                                         ("excerpt", _excerpt(siae, [item]))])]),
    ])
    return Record(str(siae.path), item.line, "establishments", index, data)
