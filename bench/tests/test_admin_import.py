"""neo4j-admin CSV from the loader's plan: typed headers, cells, one file per label set and relationship type."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from neo4j.spatial import WGS84Point

from bench.admin_import import _cell, _type_of, convert
from bench.dataset import chunk_folders


def test_cells_and_types() -> None:
    assert (_type_of(True), _cell(True)) == ("boolean", "true")
    assert (_type_of(3), _type_of(2.5), _type_of("x")) == ("long", "double", "string")
    assert _type_of(dt.date(2012, 1, 20)) == "date" and _cell(dt.date(2012, 1, 20)) == "2012-01-20"
    point = WGS84Point((3.45, 46.13))
    assert _type_of(point) == "point{crs:WGS-84}"
    assert _cell(point) == "{latitude:46.13, longitude:3.45}"
    assert (_type_of(["a", "b"]), _cell(["a", "b"])) == ("string[]", "a|b")


def test_convert_a_small_dataset(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    records = [
        {"$kind": "sources", "id": "src-synthetic", "document": "x", "title": "SYNTHETIC"},
        {"$kind": "organizations", "id": "syn-org-0000001", "name": "Association synthétique culture 0000001",
         "kind": "ENTERPRISE", "family": "ASSOCIATION", "commune": "03095", "synthetic": True,
         "cited": [{"source": "src-synthetic", "excerpt": "synthetic record"}],
         "location": {"latitude": 46.1, "longitude": 3.4}},
        {"$kind": "relations", "type": "MEMBER_OF", "from": "syn-org-0000001", "to": "syn-fed-00001",
         "source": "src-synthetic", "excerpt": "synthetic record", "since": "2015"},
    ]
    (data / "20-organizations.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "csv"
    args, count, nodes, relationships = convert([data], out)
    # LOCATED_IN and CITED_IN owned by the organization, MEMBER_OF a record of its own.
    assert (count, nodes, relationships) == (3, 2, 3)
    header = next(csv.reader((out / "nodes-Organization-header.csv").open()))
    assert header[:2] == ["id:ID(Organization)", ":LABEL"]
    assert "location:point{crs:WGS-84}" in header and "synthetic:boolean" in header
    rows = list(csv.reader((out / "nodes-Organization.csv").open()))
    assert rows[0][:2] == ["syn-org-0000001", "Organization"]
    member = next(csv.reader((out / "rels-MEMBER_OF-Organization-Organization-header.csv").open()))
    assert member[:3] == [":START_ID(Organization)", ":END_ID(Organization)", ":TYPE"]
    assert "sinceFrom:date" in member
    assert any(a.startswith("--relationships=") and "LOCATED_IN" in a for a in args)


def test_territories_get_both_labels(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    record = {"$kind": "territories", "level": "COMMUNE", "code": "03095", "name": "Cusset", "source": "src-x"}
    (data / "t.jsonl").write_text(json.dumps(record) + "\n")
    convert([data], tmp_path / "csv")
    rows = list(csv.reader((tmp_path / "csv" / "nodes-Commune-Territory.csv").open()))
    assert rows[0][:2] == ["commune:03095", "Commune|Territory"]  # split on --array-delimiter=|


def test_chunks_keep_every_line_in_order(tmp_path: Path) -> None:
    lines = [json.dumps({"$kind": "people", "id": f"p{n}", "name": "x"}) for n in range(25)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:10]) + "\n")
    (tmp_path / "b.jsonl").write_text("\n".join(lines[10:]) + "\n")
    parts = chunk_folders(tmp_path, 10)
    assert [p.name for p in parts] == ["000", "001", "002"]
    again = [line for p in parts for line in (p / "records.jsonl").read_text().splitlines()]
    assert again == lines
    assert chunk_folders(tmp_path, 10) == parts  # cached
