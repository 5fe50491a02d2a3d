"""`graphdir import sheet FILE --mapping MAPPING.yaml`: a member list (CSV or XLSX) into organizations.

    summary = await import_sheet(driver, database, Path("members.xlsx"), Path("members.mapping.yaml"), dry_run=True)

The mapping (mapping.py) is read and checked against the sheet's header, and its `member_of` against the graph,
before any row: a wrong mapping is one ImportFileError naming the mapping file, the key and the column, nothing
written. The sheet is then read whole once without keeping anything (Sheet.check_rest: a file unreadable as a whole
writes nothing), and streamed: written in batches as it is read (batches.py), an organization and its MEMBER_OF in the
same batch; what is kept per row is its organization id and line (repeated organizations). Each row (sheet.py)
becomes one organization record (the identifiers the row gives: identity resolution matches them later), MEMBER_OF
the mapping's organization when it names one, with the file as Source:

    id: siren-<SIREN> (the SIREN, or the SIRET's first 9 digits), else rna-<RNA id>, else sheet-<name>-<postal code>
    kind and family (the family column through `families`, else the legal form as legal_forms.py classifies
    labels, else the mapping's family; kind the mapping's unless the legal form gives it: the rule in classifiedBy),
    siren, siret, rna, address, website, commune (the commune code, else postal code and name: commune_codes.py,
    places.py), cited "<file> line N"

A row is rejected (reported with its line, the import goes on) without a name, with a family no rule gives, with a
SIRET and a SIREN that disagree, or repeating an organization of an earlier row. A SIRET, SIREN or RNA id of the
wrong shape, a website that is not an http(s) address, are left out and reported. A SIREN or SIRET stored as a number
loses its leading zeros: 7 or 8 digits (12 or 13 for a SIRET) are padded back.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.batches import BATCH, Batches
from graphdir.importers.commune_codes import place_by_code
from graphdir.importers.csvfile import CsvRow
from graphdir.importers.errors import ImportFileError
from graphdir.importers.legal_forms import classify_label
from graphdir.importers.loading import count_placement, require_communes
from graphdir.importers.mapping import Mapping
from graphdir.importers.places import PlaceIndex, Placement, Unplaced
from graphdir.importers.sheet import open_sheet
from graphdir.importers.summary import Detail, ImportSummary
from graphdir.loader import Record
from graphdir.loader.reading import LineDict
from graphdir.loader.specs import RNA, URL
from graphdir.text import slugify


async def import_sheet(driver: AsyncDriver, database: str, path: Path, mapping_path: Path, *, dry_run: bool = False,
                       progress: bool = False, places: PlaceIndex | None = None, encoding: str | None = None,
                       report: Path | None = None, batch: int = BATCH) -> ImportSummary:
    started = time.monotonic()
    mapping = Mapping.read(mapping_path)
    await require_communes(driver, database, path)
    if mapping.member_of is not None:
        await _require_organization(driver, database, mapping)
    with open_sheet(path, mapping, encoding=encoding) as sheet:
        mapping.check_header(sheet.header, sheet.name)
        sheet.check_rest()
    places = places or await PlaceIndex.from_graph(driver, database)
    with open_sheet(path, mapping, encoding=encoding) as sheet:
        summary = ImportSummary(file=sheet.name, items="organizations")
        rows = _Rows(mapping, path, places, summary)
        writer = Batches(driver, database, summary, dataset="spreadsheet", files=[str(path)], dry_run=dry_run,
                         first=[rows.source()], batch=batch)
        for row in sheet.rows():
            summary.rows += 1
            await writer.add(*rows.take(row, sheet.name))
        await writer.flush()
    summary.organizations = len(rows.seen)
    summary.facts.append(f"without SIREN, SIRET or RNA id (kept under a name id): {rows.unidentified}")
    if mapping.member_of is not None:
        summary.facts.append(f"members of {mapping.member_of}: {len(rows.seen)}")
    await writer.finish(report)
    summary.seconds = time.monotonic() - started
    return summary


async def _require_organization(driver: AsyncDriver, database: str, mapping: Mapping) -> None:
    records, _, _ = await driver.execute_query("MATCH (o:Organization {id: $id}) RETURN count(o) > 0 AS found",
                                               id=mapping.member_of, database_=database, routing_="r")
    if not records[0]["found"]:
        raise ImportFileError(str(mapping.path), 0, f"key member_of: no organization {mapping.member_of!r} in the "
                              "graph (an organization id, such as cress-paca)")


def _digits(text: str, width: int) -> str | None:
    text = re.sub(r"[\s.]", "", text)
    if text.isdigit() and width - 2 <= len(text) <= width:
        return text.zfill(width)
    return None


class _Rows:
    def __init__(self, mapping: Mapping, path: Path, places: PlaceIndex, summary: ImportSummary) -> None:
        self.mapping, self.path, self.places, self.summary = mapping, path, places, summary
        self.source_id = f"src-sheet-{slugify(path.stem) or 'sheet'}"
        self.seen: dict[str, int] = {}  # organization id -> its row's line
        self.unidentified = 0

    def source(self) -> Record:
        pairs = [("id", self.source_id), ("document", self.path.name), ("title", self.mapping.dataset),
                 ("url", self.mapping.url), ("publishedOn", self.mapping.edition)]
        return Record(str(self.mapping.path), 1, "sources", 0, LineDict([(k, v) for k, v in pairs if v], line=1))

    def take(self, row: CsvRow, file: str) -> list[Record]:
        """The row's organization (and its MEMBER_OF), or nothing when it is rejected."""
        def note(what: str, reason: str, detail: str) -> list[Record]:
            self.summary.details.append(Detail(file, row.line, what, reason, detail))
            return []

        def get(key: str) -> str:
            return self.mapping.value(row.values, key)

        if row.problem:
            return note("rejected", "malformed row", row.problem)
        name = get("name")
        if not name:
            return note("rejected", "no name", f"{self.mapping.columns['name']} is empty")
        classified = self._classify(get("family"), get("legal_form"))
        if isinstance(classified, str):
            return note("rejected", "family not classified", classified)
        kind, family, rule = classified
        siret, siren, rna = self._identifiers(get, note)
        if siret and siren and not siret.startswith(siren):
            return note("rejected", "SIRET and SIREN disagree", f"SIRET {siret} does not start with SIREN {siren}")
        siren = siren or (siret[:9] if siret else None)
        placement = self._place(get("commune_code"), get("postal_code"), get("commune"))
        if siren:
            org_id = f"siren-{siren}"
        elif rna:
            org_id = f"rna-{rna.lower()}"
        else:
            self.unidentified += 1
            org_id = f"sheet-{slugify(name)[:80].strip('-')}-{placement.code or get('postal_code') or 'x'}"
        if org_id in self.seen:
            return note("rejected", "repeated organization", f"{org_id} is already at line {self.seen[org_id]}")
        self.seen[org_id] = row.line
        count_placement(self.summary, file, row.line, placement)
        excerpt = f"{self.path.name} line {row.line}"
        website = get("website")
        if website and website.lower().startswith("www."):
            website = "http://" + website
        if website and not URL.fullmatch(website):
            note("left out", "invalid website", f"{website!r} is not an http(s) address")
            website = ""
        pairs = [("id", org_id), ("name", name), ("slug", f"{slugify(name)[:80].strip('-')}-{org_id.split('-')[-1]}"),
                 ("kind", kind), ("family", family), ("classifiedBy", rule),
                 ("legalForm", get("legal_form")), ("siren", siren), ("siret", siret), ("rna", rna),
                 ("address", get("address")), ("website", website), ("commune", placement.code),
                 ("cited", [LineDict([("source", self.source_id), ("excerpt", excerpt)], line=row.line)])]
        index = len(self.seen) - 1
        records = [Record(file, row.line, "organizations", index,
                          LineDict([(k, v) for k, v in pairs if v], line=row.line))]
        if self.mapping.member_of is not None:
            relation = [("type", "MEMBER_OF"), ("from", org_id), ("to", self.mapping.member_of),
                        ("role", self.mapping.role), ("source", self.source_id), ("excerpt", excerpt)]
            records.append(Record(file, row.line, "relations", index,
                                  LineDict([(k, v) for k, v in relation if v], line=row.line)))
        return records

    def _classify(self, family_value: str, legal_form: str) -> tuple[str, str | None, str] | str:
        """(kind, family, rule), or why there is none."""
        mapping, name = self.mapping, self.mapping.path.name
        if "family" in mapping.columns:
            folded = {key.casefold(): value for key, value in mapping.families.items()}
            family = folded.get(family_value.casefold())
            if family is not None:
                return mapping.kind, family, f"sheet:{name}:families:{family_value}"
            if not (legal_form or mapping.family):
                return f"{mapping.columns['family']} {family_value!r} is not in the mapping's families"
        if legal_form:
            classification = classify_label(legal_form)
            if classification is not None:
                return classification.kind, classification.family, classification.rule
        if mapping.family is not None:
            return mapping.kind, mapping.family, f"sheet:{name}:family"
        return f"no family: {legal_form!r} matches no legal-form rule and the mapping gives no family"

    @staticmethod
    def _identifiers(get: Callable[[str], str], note: Callable[[str, str, str], object]
                     ) -> tuple[str | None, str | None, str | None]:
        found: list[str | None] = []
        for key, width in (("siret", 14), ("siren", 9)):
            text = get(key)
            value = _digits(text, width) if text else None
            if text and value is None:
                note("left out", f"invalid {key.upper()}", f"{key.upper()} {text!r} is not {width} digits")
            found.append(value)
        rna = get("rna").upper().replace(" ", "")
        if rna and not RNA.fullmatch(rna):
            note("left out", "invalid RNA id", f"RNA id {rna!r} is not W + 9 digits")
            rna = ""
        return found[0], found[1], rna or None

    def _place(self, code: str, postal_code: str, name: str) -> Placement:
        if code:
            return place_by_code(self.places, code, postal_code=postal_code, name=name)
        if postal_code or name:
            return self.places.resolve(postal_code, name)
        return Placement(None, reason=Unplaced.NO_PLACE, detail="no commune code, postal code or commune name")
