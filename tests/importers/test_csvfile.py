"""Reading the CSV by column name; a file unreadable as a whole is one error naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphdir.importers.csvfile import CsvTable, ImportFileError


def write(tmp_path: Path, data: bytes, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rows(path: Path, *required: str) -> list[tuple[int, dict[str, str], str]]:
    with CsvTable.open(path, required=required) as table:
        return [(row.line, row.values, row.problem) for row in table]


def test_columns_by_name_in_any_order_unknown_ones_ignored_quoted_lines_counted(tmp_path: Path) -> None:
    path = write(tmp_path, '\ufeffB;A;EXTRA\n2; un ;x\n\n"trois\nlignes";quatre;y\ncinq\n'.encode())
    assert rows(path, "A", "B") == [
        (2, {"B": "2", "A": "un", "EXTRA": "x"}, ""),
        (4, {"B": "trois\nlignes", "A": "quatre", "EXTRA": "y"}, ""),
        (6, {"B": "cinq"}, "1 fields where the header has 3"),
    ]


def test_wrong_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, b"A,B\n1,2\n")
    with pytest.raises(ImportFileError) as caught:
        rows(path, "A")
    assert str(caught.value) == (f"{path}:1: the header is a single column: expected ';'-separated columns "
                                 "(it looks ','-separated)")


def test_missing_required_column(tmp_path: Path) -> None:
    path = write(tmp_path, b"A;C\n1;2\n")
    with pytest.raises(ImportFileError) as caught:
        rows(path, "A", "B", "D")
    assert (caught.value.line, caught.value.column) == (1, "B, D")
    assert "required columns missing from the header (it has: A, C)" in str(caught.value)


def test_a_column_named_twice(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="column A: column named twice"):
        rows(write(tmp_path, b"A;B;A\n"), "A")


def test_latin1_bytes_name_their_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "A;B\n1;déclarée\n2;x\n".encode("latin-1"))
    with pytest.raises(ImportFileError) as caught:
        rows(path, "A")
    assert (caught.value.line, caught.value.column) == (2, "B")
    assert "byte 0xe9 at byte 4 of the line is not UTF-8" in str(caught.value)


def test_empty_and_absent_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="empty file"):
        rows(write(tmp_path, b""), "A")
    with pytest.raises(ImportFileError, match="cannot read"):
        rows(tmp_path / "absent.csv", "A")


def test_windows_line_ends(tmp_path: Path) -> None:
    assert rows(write(tmp_path, b"A;B\r\n1;2\r\n3;4\r\n"), "A") == [(2, {"A": "1", "B": "2"}, ""),
                                                                  (3, {"A": "3", "B": "4"}, "")]
