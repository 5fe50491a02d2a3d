"""The rows of a spreadsheet, CSV or XLSX, by column name: what `graphdir import sheet` reads its member list with.

    with open_sheet(Path("members.xlsx"), mapping) as sheet:
        sheet.header, sheet.name
        for row in sheet.rows():      # CsvRow(line, values={column: text}, problem)

CSV goes through csvfile.CsvTable (the mapping's delimiter and encoding; a zip of one CSV too). XLSX is read with
openpyxl in read-only mode (rows streamed out of the zip, not the workbook built in memory), cell values as text:
a whole number stays whole ("41071771400035", not "4.1e13"), a date is ISO. The header is the first row; a row is
numbered as the spreadsheet numbers it. A file that is not an XLSX workbook, or lacks the mapping's worksheet, is an
ImportFileError.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphdir.importers.csvfile import CsvRow, CsvTable
from graphdir.importers.errors import ImportFileError
from graphdir.importers.mapping import Mapping


class Sheet:
    def __init__(self, name: str, header: list[str], rows: Iterator[CsvRow], close: Any,
                 table: CsvTable | None = None) -> None:
        self.name, self.header, self._rows, self._close, self._table = name, header, rows, close, table

    def rows(self) -> Iterator[CsvRow]:
        return self._rows

    def check_rest(self) -> None:
        """The pre-pass of a streamed import: the rest of the sheet read, nothing kept; ImportFileError as reading
        it would raise."""
        if self._table is not None:
            self._table.check_rest()
            return
        try:
            for _ in self._rows:
                pass
        except (zipfile.BadZipFile, EOFError, zlib.error, KeyError, ValueError) as exc:
            raise ImportFileError(self.name, 0, f"a damaged XLSX workbook ({exc})") from exc

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, *_: object) -> None:
        self._close()


def open_sheet(path: Path, mapping: Mapping, *, encoding: str | None = None) -> Sheet:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _open_xlsx(path, mapping)
    table = CsvTable.open(path, required=(), delimiter=mapping.delimiter, encoding=encoding or mapping.encoding)
    return Sheet(table.name, table.header, iter(table), table.close, table)


def _open_xlsx(path: Path, mapping: Mapping) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise ImportFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFileError(str(path), 0, f"not an XLSX workbook, or a damaged one ({exc})") from exc
    try:
        if mapping.sheet is not None and mapping.sheet not in book.sheetnames:
            raise ImportFileError(str(mapping.path), 0, f"key sheet: {path} has no worksheet {mapping.sheet!r} "
                                  f"(it has: {', '.join(book.sheetnames)})")
        sheet = book[mapping.sheet] if mapping.sheet is not None else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise ImportFileError(str(path), 1, "empty worksheet: expected a header row")
        header = [_text(cell) for cell in first]
        while header and not header[-1]:
            header.pop()
        name = f"{path}!{sheet.title}"
        return Sheet(name, header, _rows(rows, header), book.close)
    except BaseException:
        book.close()
        raise


def _rows(rows: Iterator[tuple[Any, ...]], header: list[str]) -> Iterator[CsvRow]:
    for number, cells in enumerate(rows, start=2):
        texts = [_text(cell) for cell in cells]
        if not any(texts):
            continue
        extra = [text for text in texts[len(header):] if text]
        problem = f"{len(extra)} values beyond the header's {len(header)} columns" if extra else ""
        yield CsvRow(number, dict(zip(header, texts, strict=False)), problem)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()
