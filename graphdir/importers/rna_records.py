"""RNA associations as loader records (seeds/FORMAT.md): one Source per format and edition, one organization each.

    id: siren-<SIREN> when the row carries a SIRET (its first 9 digits), else rna-<RNA id> (issue 12's identity
        model: identity resolution, graphdir/importers/identity.py, matches them to what the graph holds)
    slug: <name's slug>-<rna id>    (registers repeat names)
    name, kind ENTERPRISE, family ASSOCIATION, classifiedBy "rna:association", legalForm, rna, siren, siret,
    description (the object), address, commune (when placed), foundedOn, ceased / ceasedOn, website,
    cited: [{source, excerpt: "rna_waldec_20241201.csv line 12"}]
"""

from __future__ import annotations

from typing import Any

from graphdir.importers.rna import WALDEC, Association
from graphdir.loader import Record
from graphdir.loader.reading import LineDict
from graphdir.text import slugify

CLASSIFIED_BY = "rna:association"  # listed in the register of associations: an association, whatever else it does
TITLES = {WALDEC: "Répertoire national des associations (RNA), fichier waldec",
          "import": "Répertoire national des associations (RNA), fichier import (associations antérieures à 2009)"}
DATASET_URL = "https://www.data.gouv.fr/fr/datasets/repertoire-national-des-associations/"


def source_id(kind: str, edition: str) -> str:
    return f"src-rna-{kind}-{edition}"


def organization_id(item: Association) -> str:
    return f"siren-{item.siren}" if item.siren else f"rna-{item.rna.lower()}"


def _line_dict(line: int, pairs: list[tuple[str, Any]]) -> LineDict:
    return LineDict([(key, value) for key, value in pairs if value not in (None, "", False)], line=line)


def source_record(kind: str, edition: str, files: list[str], url: str | None) -> Record:
    data = _line_dict(1, [
        ("id", source_id(kind, edition)),
        ("document", ", ".join(sorted({name.rsplit("/", 1)[-1] for name in files}))[:500]),
        ("title", f"{TITLES[kind]}, {edition}"),
        ("url", url or DATASET_URL),
        ("publishedOn", edition),
    ])
    return Record(files[0], 1, "sources", 0, data)


def organization_record(item: Association, index: int) -> Record:
    file_name = item.file.rsplit("/", 1)[-1]
    data = _line_dict(item.line, [
        ("id", organization_id(item)),
        ("name", item.name),
        ("slug", f"{slugify(item.name)[:80].strip('-') or 'association'}-{item.rna.lower()}"),
        ("kind", "ENTERPRISE"),
        ("family", "ASSOCIATION"),
        ("classifiedBy", CLASSIFIED_BY),
        ("legalForm", item.legal_form),
        ("rna", item.rna),
        ("siren", item.siren),
        ("siret", item.siret),
        ("description", item.object),
        ("address", item.address),
        ("commune", item.placement.code),
        ("foundedOn", item.founded_on),
        ("ceased", item.ceased),
        ("ceasedOn", item.ceased_on),
        ("website", item.website),
        ("cited", [_line_dict(item.line, [("source", source_id(item.format, item.edition)),
                                          ("excerpt", f"{file_name} line {item.line}")])]),
    ])
    return Record(item.file, item.line, "organizations", index, data)
