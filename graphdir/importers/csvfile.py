"""Reading a delimited text file row by row, columns by name, with one clear error for a file unreadable as a whole.

    table = CsvTable.open(path, required=("SIRET", "COMMUNE"), delimiter=";", encoding="utf-8")
    for row in table:            # CsvRow(line, values={column: stripped text}, problem)
        ...
    table.bytes_read, table.size # for progress
    rows = check_readable(path, required=..., delimiter=";")   # a pass that keeps nothing: the same errors, or rows

The file, plain or a zip holding one CSV, is streamed (graphdir.importers.sources: one row in memory at a time) and
decoded in the encoding its source declares. Raised as ImportFileError, before any row is yielded or while reading,
and always naming file, line and column where it can: bytes the declared encoding refuses (with the column they fall
in), a damaged zip, an empty file, a header that is one column holding another delimiter (the wrong delimiter), a
required column missing, a column named twice. A row whose field count differs from the header's is yielded with its
`problem` set: the importer rejects that row and goes on. Unknown columns are read and ignored by whoever does not ask
for them.

Importers write in batches as they read (graphdir.importers.batches), so a file found unreadable half-way would leave
the batches before it written: `check_readable` is their first pass, decoding and splitting every line the way
iterating does (so with the same errors) without building a row; about a tenth of the import's reading time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphdir.importers.errors import ImportFileError
from graphdir.importers.sources import TextSource, UndecodableLine

__all__ = ["CsvRow", "CsvTable", "ImportFileError", "check_readable", "delimiter_of"]

_OTHER_DELIMITERS = {",": "','", "\t": "tab", "|": "'|'", ";": "';'"}


def delimiter_of(path: Path, encoding: str = "utf-8") -> str:
    """',' or ';', whichever the header line holds more of: INSEE and data.gouv.fr write ',', a file saved again by a
    spreadsheet may use ';'. Read through TextSource: the file may be a zip."""
    with TextSource.open(path, encoding=encoding) as source:
        try:
            head = next(source.lines(), "")
        except UndecodableLine:
            return ","  # CsvTable reports the bytes, with their line and column
    return ";" if head.count(";") > head.count(",") else ","


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # the line the row starts on (the header is line 1)
    values: dict[str, str]
    problem: str = ""


class CsvTable:
    def __init__(self, source: TextSource, required: Sequence[str], delimiter: str) -> None:
        self.source = source
        self.path, self.name = source.path, source.name
        self.delimiter = delimiter
        self.header: list[str] = []
        self._reader = csv.reader(self._decoded(), delimiter=delimiter)
        self.header = self._read_header(required)

    @classmethod
    def open(cls, path: Path, *, required: Sequence[str], delimiter: str = ";", encoding: str = "utf-8",
             member: str | None = None) -> CsvTable:
        source = TextSource.open(path, encoding=encoding, member=member)
        try:
            return cls(source, required, delimiter)
        except BaseException:
            source.close()
            raise

    @property
    def size(self) -> int:
        return self.source.size

    @property
    def bytes_read(self) -> int:
        return self.source.bytes_read

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[CsvRow]:
        width = len(self.header)
        while True:
            start = self.source.line + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ImportFileError(self.name, self.source.line, f"malformed CSV: {exc}") from exc
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            values = {name: value.strip() for name, value in zip(self.header, fields, strict=False)}
            problem = "" if len(fields) == width else f"{len(fields)} fields where the header has {width}"
            yield CsvRow(start, values, problem)

    def check_rest(self) -> int:
        """Read the rest of the file without keeping anything; raise what iterating would; return the rows read."""
        rows = 0
        while True:
            try:
                fields = next(self._reader)
            except StopIteration:
                return rows
            except csv.Error as exc:
                raise ImportFileError(self.name, self.source.line, f"malformed CSV: {exc}") from exc
            rows += bool(fields)

    def _decoded(self) -> Iterator[str]:
        try:
            yield from self.source.lines()
        except UndecodableLine as exc:
            column = ""
            if self.header:
                index = exc.raw[: exc.start].count(self.delimiter.encode())
                column = self.header[index] if index < len(self.header) else ""
            raise ImportFileError(self.name, exc.line, exc.message, column) from exc

    def _read_header(self, required: Sequence[str]) -> list[str]:
        try:
            header = [name.strip() for name in next(self._reader)]
        except StopIteration:
            raise ImportFileError(self.name, 1, "empty file: expected a header line") from None
        except csv.Error as exc:
            raise ImportFileError(self.name, 1, f"malformed CSV header: {exc}") from exc
        wanted = _OTHER_DELIMITERS.get(self.delimiter, repr(self.delimiter))
        if len(header) == 1:
            found = [shown for char, shown in _OTHER_DELIMITERS.items() if char != self.delimiter and char in header[0]]
            seems = f" (it looks {found[0]}-separated)" if found else ""
            raise ImportFileError(self.name, 1, f"the header is a single column: expected {wanted}-separated "
                                  f"columns{seems}")
        seen: set[str] = set()
        for name in header:
            if name in seen:
                raise ImportFileError(self.name, 1, "column named twice in the header", name)
            seen.add(name)
        missing = [name for name in required if name not in seen]
        if missing:
            noun = "column" if len(missing) == 1 else "columns"
            raise ImportFileError(self.name, 1, f"required {noun} missing from the header "
                                  f"(it has: {', '.join(header)})", ", ".join(missing))
        return header


def check_readable(path: Path, *, required: Sequence[str], delimiter: str = ";", encoding: str = "utf-8",
                   member: str | None = None) -> int:
    """The rows of a file readable as a whole (ImportFileError otherwise), read without keeping any."""
    with CsvTable.open(path, required=required, delimiter=delimiter, encoding=encoding, member=member) as table:
        return table.check_rest()
