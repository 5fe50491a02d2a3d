"""The RNA (répertoire national des associations) as data.gouv.fr publishes it: rows to associations.

    rna = read_rna([Path("rna_waldec_20241201.zip")], places, encoding="auto")
    rna.associations["W632007046"] -> Association(name, object, address, placement, founded_on, ceased_on, ...)

    editions = check_rna(paths, edition=None, encoding="auto")     # the pre-pass: every file readable, or raises
    for item in stream_rna(paths, places, into=RnaFiles()): ...    # one association at a time (the importer)

Two formats, told apart by their header (columns read by name, unknown ones ignored, `;`-separated):
- **waldec** (associations created or updated since 2009): the RNA id is `id` (W + 9 characters);
- **import** (the historical register taken over in 2009): `id` is the prefecture's old number (751P00085568); the
  RNA id is the W-number the row carries in `observation`. A row without one is rejected.

Decided here (a value the row does not give is left out, never guessed):
- `0001-01-01` is the register's "unknown date": no date;
- `position` D (dissolved) marks the association ceased, with `date_disso` as its end date when known; S (deleted from
  the register) is skipped; any other position (A, and the import format's R) is an association not dissolved;
- a SIRET that is not 14 digits, a website that is not an http(s) address (a bare `www.` one gets `http://`) are left
  out and reported, the association is imported;
- the commune is `adrs_codeinsee` through the COG (commune_codes.py), else postal code and name; unplaced is reported
  and imported without a commune;
- an RNA id (or a SIRET) seen twice keeps the first row and rejects the later one, naming it. Streamed, that is the
  one thing kept per association: its RNA id with its file and line, its SIRET with its RNA id (`Seen`, about 150
  bytes per association, ~300 MB for the two million rows of a whole waldec dump).

Real dumps are latin-1 (cp1252): the default encoding is `auto` (sources.py), which reads them and re-encoded UTF-8
copies alike, and refuses a file mixing the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.importers.commune_codes import place_by_code
from graphdir.importers.csvfile import CsvRow, CsvTable, ImportFileError
from graphdir.importers.places import PlaceIndex, Placement
from graphdir.importers.sources import TextSource
from graphdir.importers.summary import Detail
from graphdir.loader.specs import RNA as _RNA
from graphdir.loader.specs import URL

WALDEC, IMPORT = "waldec", "import"
REQUIRED = {WALDEC: ("id", "siret", "titre", "date_creat", "date_disso", "position", "adrs_codeinsee"),
            IMPORT: ("id", "siret", "titre", "date_creat", "position", "adrs_codeinsee", "observation")}
UNKNOWN_DATE = "0001-01-01"
_SIRET = re.compile(r"[0-9]{14}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EDITION = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})-?(0[1-9]|1[0-2])-?([0-3][0-9])(?![0-9])")
_NO_VALUE = {"", "_", "0"}


@dataclass
class Association:
    rna: str
    file: str
    line: int
    format: str
    edition: str
    name: str
    object: str
    address: str
    placement: Placement
    siret: str | None = None
    founded_on: str | None = None
    ceased: bool = False
    ceased_on: str | None = None
    website: str | None = None
    legal_form: str | None = None

    @property
    def siren(self) -> str | None:
        return self.siret[:9] if self.siret else None


@dataclass
class RnaFiles:
    rows: int = 0
    associations: dict[str, Association] = field(default_factory=dict)  # read_rna's; streamed, stays empty
    editions: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (format, edition) -> file names
    details: list[Detail] = field(default_factory=list)  # rejected, skipped, left-out values
    kept: int = 0
    seen: Seen = field(default_factory=lambda: Seen())


class Seen:
    """What the rows read so far tell later ones: RNA id -> (file, line), SIRET -> RNA id. Lines are packed with
    their file's index in one integer, the file names kept once."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.rna: dict[str, int] = {}
        self.sirets: dict[str, str] = {}

    def where(self, rna: str) -> str | None:
        packed = self.rna.get(rna)
        return None if packed is None else f"{self.files[packed >> 32]}:{packed & 0xFFFFFFFF}"

    def add(self, item: Association) -> None:
        if not self.files or self.files[-1] != item.file:
            self.files.append(item.file)
        self.rna[item.rna] = (len(self.files) - 1) << 32 | item.line
        if item.siret is not None:
            self.sirets[item.siret] = item.rna


def edition_of(path: Path) -> str:
    """The edition ("2024-12-01") the file's name gives ("rna_waldec_20241201.zip")."""
    found = _EDITION.search(path.name)
    if found is None:
        raise ImportFileError(str(path), 0, "the file name does not give its edition (a date such as 20241201): "
                              "rename the file or pass --edition YYYY-MM-DD")
    return f"{found[1]}-{found[2]}-{found[3]}"


def _tables(paths: Iterable[Path], edition: str | None, encoding: str) -> Iterator[tuple[CsvTable, str, str]]:
    """Each CSV of `paths`, open, with its format and edition; the header checked."""
    if edition is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", edition):
        raise ImportFileError("--edition", 0, f"edition {edition!r}: expected YYYY-MM-DD")
    for path in paths:
        file_edition = edition or edition_of(path)
        for member in TextSource.tables(path):
            with CsvTable.open(path, required=(), encoding=encoding, member=member) as table:
                kind = _format_of(table)
                missing = [name for name in REQUIRED[kind] if name not in table.header]
                if missing:
                    raise ImportFileError(table.name, 1, f"required columns of the RNA {kind} format missing from "
                                          f"the header (it has: {', '.join(table.header)})", ", ".join(missing))
                yield table, kind, file_edition


def check_rna(paths: Iterable[Path], *, edition: str | None = None, encoding: str = "auto"
              ) -> dict[tuple[str, str], list[str]]:
    """The pre-pass of a streamed import: every file read whole without keeping a row (ImportFileError as reading
    would raise it, before anything is written); (format, edition) -> file names."""
    editions: dict[tuple[str, str], list[str]] = {}
    for table, kind, file_edition in _tables(paths, edition, encoding):
        table.check_rest()
        editions.setdefault((kind, file_edition), []).append(table.name)
    return editions


def stream_rna(paths: Iterable[Path], places: PlaceIndex, *, into: RnaFiles, edition: str | None = None,
               encoding: str = "auto", on_row: Callable[[int, CsvTable], None] | None = None
               ) -> Iterator[Association]:
    """The associations of `paths`, one at a time; counts, details and editions go to `into`."""
    for table, kind, file_edition in _tables(paths, edition, encoding):
        into.editions.setdefault((kind, file_edition), []).append(table.name)
        for row in table:
            into.rows += 1
            item = _take(row, table.name, kind, file_edition, places, into)
            if item is not None:
                into.kept += 1
                into.seen.add(item)
                yield item
            if on_row is not None:
                on_row(into.rows, table)


def read_rna(paths: Iterable[Path], places: PlaceIndex, *, edition: str | None = None, encoding: str = "auto",
             on_row: Callable[[int, CsvTable], None] | None = None) -> RnaFiles:
    """All the associations at once, by RNA id (a few files' worth: the importer streams them)."""
    result = RnaFiles()
    for item in stream_rna(paths, places, into=result, edition=edition, encoding=encoding, on_row=on_row):
        result.associations[item.rna] = item
    return result


def _format_of(table: CsvTable) -> str:
    header = set(table.header)
    if "adrs_libvoie" in header or "date_disso" in header:
        return WALDEC
    if "adr1" in header or "libcom" in header:
        return IMPORT
    raise ImportFileError(table.name, 1, "neither the RNA waldec format (adrs_libvoie, date_disso...) nor the import "
                          f"format (adr1, libcom...): the header has {', '.join(table.header)}")


def _take(row: CsvRow, file: str, kind: str, edition: str, places: PlaceIndex, into: RnaFiles
          ) -> Association | None:
    def note(what: str, reason: str, detail: str) -> None:
        into.details.append(Detail(file, row.line, what, reason, detail))

    values = row.values
    if row.problem:
        note("rejected", "malformed row", row.problem)
        return None
    rna = values["id"] if kind == WALDEC else values["observation"]
    if not _RNA.fullmatch(rna):
        column = "id" if kind == WALDEC else "observation"
        note("rejected", "no RNA id", f"{column} {rna!r} is not an RNA id (W + 9 characters)")
        return None
    if not values["titre"]:
        note("rejected", "no name", "titre is empty")
        return None
    position = values["position"].upper()
    if position == "S":
        note("skipped", "deleted from the register", f"{rna}: position S")
        return None
    known = into.seen.where(rna)
    if known is not None:
        note("rejected", "repeated RNA id", f"{rna} is already at {known}")
        return None
    siret = values["siret"].replace(" ", "") or None
    if siret is not None and not _SIRET.fullmatch(siret):
        note("left out", "invalid SIRET", f"{rna}: SIRET {values['siret']!r} is not 14 digits")
        siret = None
    other = into.seen.sirets.get(siret) if siret is not None else None
    if other is not None:
        note("rejected", "repeated SIRET", f"{rna} has SIRET {siret}, as {other} at {into.seen.where(other)}")
        return None
    return Association(
        rna=rna, file=file, line=row.line, format=kind, edition=edition, name=values["titre"],
        object=values.get("objet", ""), address=_address(values, kind), siret=siret,
        placement=place_by_code(places, values["adrs_codeinsee"], postal_code=values.get("adrs_codepostal", ""),
                                name=values.get("adrs_libcommune") or values.get("libcom", "")),
        founded_on=_date(values["date_creat"]), ceased=position == "D",
        ceased_on=_date(values.get("date_disso", "")) if position == "D" else None,
        website=_website(values.get("siteweb", ""), note),
        legal_form="association déclarée" if values.get("nature", "").upper() == "D" else None)


def _date(text: str) -> str | None:
    text = text.strip()[:10]
    return text if _DATE.fullmatch(text) and text != UNKNOWN_DATE else None


def _website(text: str, note: Callable[[str, str, str], None]) -> str | None:
    text = text.strip()
    if not text:
        return None
    if text.lower().startswith("www."):
        text = "http://" + text
    if URL.fullmatch(text):
        return text
    note("left out", "invalid website", f"siteweb {text!r} is not an http(s) address")
    return None


def _address(values: dict[str, str], kind: str) -> str:
    def part(*names: str) -> str:
        return " ".join(" ".join(values.get(name, "") for name in names if values.get(name, "") not in _NO_VALUE)
                        .split())

    if kind == WALDEC:
        lines = [part("adrs_complement"), part("adrs_numvoie", "adrs_repetition", "adrs_typevoie", "adrs_libvoie"),
                 part("adrs_distrib"), part("adrs_codepostal", "adrs_libcommune")]
    else:
        lines = [part("adr1"), part("adr2"), part("adr3"), part("adrs_codepostal", "libcom")]
    return ", ".join(line for line in lines if line)
