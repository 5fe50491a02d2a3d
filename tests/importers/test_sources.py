"""Plain or zipped input, in the encoding a source declares: every refusal is one error naming the file and line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graphdir.importers.csvfile import CsvTable, ImportFileError
from graphdir.importers.sources import TextSource

TEXT = "id;titre\nW1;Société des fêtes\nW2;Œuvre «sociale»\n"


def rows(path: Path, encoding: str = "utf-8", delimiter: str = ";") -> list[dict[str, str]]:
    with CsvTable.open(path, required=("id",), delimiter=delimiter, encoding=encoding) as table:
        return [row.values for row in table]


def zipped(tmp_path: Path, members: dict[str, bytes], name: str = "stock.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_a_zip_holding_one_csv_is_read_as_the_csv_and_progress_counts_its_uncompressed_bytes(tmp_path: Path) -> None:
    data = ("\ufeff" + TEXT).encode()
    path = zipped(tmp_path, {"StockUniteLegale_utf8.csv": data, "LISEZMOI.txt": b"notes"})
    with CsvTable.open(path, required=("id",)) as table:
        assert table.name == f"{path}!StockUniteLegale_utf8.csv"
        assert [row.values["titre"] for row in table] == ["Société des fêtes", "Œuvre «sociale»"]
        assert table.bytes_read == table.size == len(data)


def test_a_zip_must_hold_exactly_one_csv(tmp_path: Path) -> None:
    path = zipped(tmp_path, {"a.csv": b"id\n", "b.csv": b"id\n"})
    with pytest.raises(ImportFileError, match=r"stock.zip: a zip must hold exactly one .csv file; this one holds "
                                              r"a.csv, b.csv"):
        rows(path)


def test_a_truncated_zip_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = zipped(tmp_path, {"stock.csv": TEXT.encode() * 50}).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportFileError) as caught:
        rows(cut)
    assert str(caught.value).startswith(f"{cut}: a zip that cannot be opened (truncated or damaged")


def test_a_zip_whose_data_is_damaged_is_refused_at_the_line_reached(tmp_path: Path) -> None:
    path = zipped(tmp_path, {"stock.csv": ("id;titre\n" + "W1;x\n" * 2000).encode()})
    data = bytearray(path.read_bytes())
    data[60] ^= 0xFF  # inside the deflated data: the CRC (or the inflater) finds it
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"stock.zip!stock.csv:\d+: the zip's data is damaged or cut short"):
        rows(path)


def test_utf8_with_or_without_bom(tmp_path: Path) -> None:
    plain, bom = tmp_path / "plain.csv", tmp_path / "bom.csv"
    plain.write_bytes(TEXT.encode())
    bom.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    assert rows(plain) == rows(bom) == [{"id": "W1", "titre": "Société des fêtes"},
                                        {"id": "W2", "titre": "Œuvre «sociale»"}]


def test_latin1_and_cp1252_as_declared(tmp_path: Path) -> None:
    latin1 = tmp_path / "rna-latin1.csv"
    latin1.write_bytes("id;titre\nW1;Société des fêtes\n".encode("latin-1"))
    cp1252 = tmp_path / "rna-cp1252.csv"
    cp1252.write_bytes("id;titre\nW1;L’Œuvre\n".encode("cp1252"))
    assert rows(latin1, "latin-1") == [{"id": "W1", "titre": "Société des fêtes"}]
    assert rows(cp1252, "cp1252") == [{"id": "W1", "titre": "L’Œuvre"}]


def test_auto_takes_utf8_or_cp1252_and_refuses_a_mixture(tmp_path: Path) -> None:
    utf8, windows, mixed = tmp_path / "u.csv", tmp_path / "w.csv", tmp_path / "m.csv"
    utf8.write_bytes(TEXT.encode())
    windows.write_bytes(TEXT.encode("cp1252"))
    mixed.write_bytes("id;titre\nW1;fête\n".encode() + "W2;fête\n".encode("cp1252"))
    assert rows(utf8, "auto") == rows(windows, "auto") == rows(utf8)
    with pytest.raises(ImportFileError) as caught:
        rows(mixed, "auto")
    assert (caught.value.line, caught.value.column) == (3, "titre")
    assert "earlier lines are UTF-8, this one is not: a file mixing encodings" in str(caught.value)


def test_wrong_encoding_bytes_invalid_for_the_declared_one(tmp_path: Path) -> None:
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(TEXT.encode())
    with pytest.raises(ImportFileError) as caught:
        rows(utf8, "latin-1")
    assert (caught.value.line, caught.value.column) == (2, "titre")
    assert "the line's bytes are UTF-8 ('W1;Société des fêtes'), not latin-1: declare its encoding utf-8" in str(
        caught.value)
    control = tmp_path / "control.csv"
    control.write_bytes("id;titre\nW1;L’Œuvre\n".encode("cp1252"))
    with pytest.raises(ImportFileError, match=r"control.csv:2: column titre: byte 0x92 at byte 5 of the line is a "
                                              r"control character in latin-1 \(a cp1252 file\? declare cp1252\)"):
        rows(control, "latin-1")
    undefined = tmp_path / "undefined.csv"
    undefined.write_bytes(b"id;titre\nW1;\x81\n")
    with pytest.raises(ImportFileError, match="byte 0x81 at byte 4 of the line is neither UTF-8 nor cp1252"):
        rows(undefined, "cp1252")


def test_an_unknown_encoding_name(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"id\n")
    with pytest.raises(ImportFileError, match="encoding 'utf8': expected one of utf-8, latin-1, cp1252, auto"):
        TextSource.open(path, encoding="utf8")


def test_wrong_delimiter_in_a_zip_names_the_member(tmp_path: Path) -> None:
    path = zipped(tmp_path, {"stock.csv": b"id,titre\nW1,x\n"})
    with pytest.raises(ImportFileError) as caught:
        rows(path)
    assert str(caught.value) == (f"{path}!stock.csv:1: the header is a single column: expected ';'-separated "
                                 "columns (it looks ','-separated)")
