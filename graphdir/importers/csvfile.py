"""Reading a delimited text file row by row, columns by name, with one clear error for a file unreadable as a whole.

    table = CsvTable.open(path, required=("SIRET", "COMMUNE"), delimiter=";")
    for row in table:            # CsvRow(line, values={column: stripped text}, problem)
        ...
    table.bytes_read, table.size # for progress

The file is streamed (one row in memory at a time). Raised as ImportFileError, before any row is yielded or while
reading, and always naming file, line and column where it can: bytes that are not UTF-8 (with the column they fall in),
an empty file, a header that is one column holding another delimiter (the wrong delimiter), a required column missing,
a column named twice. A row whose field count differs from the header's is yielded with its `problem` set: the
importer rejects that row and goes on. Unknown columns are read and ignored by whoever does not ask for them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_OTHER_DELIMITERS = {",": "','", "\t": "tab", "|": "'|'", ";": "';'"}


class ImportFileError(Exception):
    """The file cannot be imported at all; nothing was written."""

    def __init__(self, file: str, line: int, message: str, column: str = "") -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        where = f"{file}:{line}:" if line else f"{file}:"
        super().__init__(f"{where} {'column ' + column + ': ' if column else ''}{message}")


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # the line the row starts on (the header is line 1)
    values: dict[str, str]
    problem: str = ""


class CsvTable:
    def __init__(self, path: Path, handle: BinaryIO, required: Sequence[str], delimiter: str) -> None:
        self.path, self.name = path, str(path)
        self.delimiter = delimiter
        self.size = path.stat().st_size
        self.bytes_read = 0
        self._handle = handle
        self._line = 0
        self._reader = csv.reader(self._decoded(), delimiter=delimiter)
        self.header = self._read_header(required)

    @classmethod
    def open(cls, path: Path, *, required: Sequence[str], delimiter: str = ";") -> CsvTable:
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise ImportFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc
        try:
            return cls(path, handle, required, delimiter)
        except BaseException:
            handle.close()
            raise

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[CsvRow]:
        width = len(self.header)
        while True:
            start = self._line + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ImportFileError(self.name, self._line, f"malformed CSV: {exc}") from exc
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            values = {name: value.strip() for name, value in zip(self.header, fields, strict=False)}
            problem = "" if len(fields) == width else f"{len(fields)} fields where the header has {width}"
            yield CsvRow(start, values, problem)

    def _decoded(self) -> Iterator[str]:
        for raw in self._handle:
            self._line += 1
            self.bytes_read += len(raw)
            try:
                yield raw.decode("utf-8-sig" if self._line == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise self._not_utf8(raw, exc) from exc

    def _not_utf8(self, raw: bytes, exc: UnicodeDecodeError) -> ImportFileError:
        column = ""
        header = getattr(self, "header", None)
        if header:
            index = raw[: exc.start].count(self.delimiter.encode())
            column = header[index] if index < len(header) else ""
        return ImportFileError(self.name, self._line, f"byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the "
                               "line is not UTF-8 (a latin-1 file? convert it with iconv -f latin1 -t utf-8)", column)

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
