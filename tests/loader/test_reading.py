"""Reading seed files: records, their lines, and every malformed file reported (no database needed)."""

from pathlib import Path
from textwrap import dedent

import pytest

from graphdir.loader.errors import LoadError
from graphdir.loader.reading import LineDict, discover, parse_yaml, read_file, read_paths, record_lines


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_yaml_records_and_keys_know_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", """
        # a comment
        sources:
          - id: s1
            title: One

          - id: s2
        people:
          - {id: p1, name: P}
          -
            id: p2
            name: Q
            cited:
              - source: s1
                excerpt: x
        """)
    records, errors = read_file(path)
    assert errors == []
    assert [(r.section, r.index, r.line) for r in records] == [
        ("sources", 0, 3), ("sources", 1, 6), ("people", 0, 8), ("people", 1, 10),
    ]
    assert records[0].data.line_of("title") == 4
    assert records[3].data.line_of("cited") == 12
    cited = records[3].data["cited"][0]
    assert isinstance(cited, LineDict) and cited.line == 13 and cited.line_of("excerpt") == 14
    assert records[0].label == "sources[0]" and records[0].file == str(path)


def test_yaml_plain_scalars_keep_codes_dates_and_times_as_text() -> None:
    data = parse_yaml(
        "a: 03095\nb: 2012-01-20\nc: 18:30\nd: 12913\ne: 46.5\nf: true\ng: null\nh: yes\ni: 0x1F\nj: 2012\n"
    )
    assert data == {"a": "03095", "b": "2012-01-20", "c": "18:30", "d": 12913, "e": 46.5, "f": True, "g": None,
                    "h": "yes", "i": "0x1F", "j": 2012}
    assert type(data["d"]) is int and type(data["e"]) is float


def test_yaml_keys_given_twice_are_kept_for_validation() -> None:
    data = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert isinstance(data, LineDict)
    assert data.duplicate_keys == [("a", 3)] and data["a"] == 3


def test_malformed_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", """
        sources:
          - id: s1
            title: "unterminated
          - id: s2
        """)
    records, errors = read_file(path)
    assert records == []
    assert [(e.file, e.line, e.record, e.field) for e in errors] == [(str(path), 5, "", "")]
    assert errors[0].message.startswith("malformed YAML: ")


def test_yaml_document_shape_errors(tmp_path: Path) -> None:
    path = write(tmp_path / "shape.yaml", """
        sources:
          - id: s1
          - just a string
        widgets:
          - id: w
        people: {id: p}
        """)
    records, errors = read_file(path)
    assert [(r.section, r.index) for r in records] == [("sources", 0)]
    assert [(e.line, e.record, e.message.split(":")[0]) for e in errors] == [
        (1, "sources[1]", "a record must be a mapping of fields"),
        (4, "", "unknown section 'widgets'"),
        (6, "", "section 'people' must be a list of records"),
    ]
    top = write(tmp_path / "list.yaml", "- id: s1\n")
    assert [e.message for e in read_file(top)[1]] == ["expected a mapping of sections (sources:, organizations:, …)"]
    assert read_file(write(tmp_path / "empty.yaml", "# nothing yet\n")) == ([], [])


def test_json_records_get_their_start_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", """
        {
          "sources": [
            {"id": "s1", "title": "a { brace } and \\" quote in text"},
            {
              "id": "s2"
            }
          ],
          "people": [{"id": "p1", "name": "P", "cited": [{"source": "s1"}]}]
        }
        """)
    records, errors = read_file(path)
    assert errors == []
    assert [(r.section, r.index, r.line) for r in records] == [("sources", 0, 3), ("sources", 1, 4), ("people", 0, 8)]
    assert records[2].data["cited"][0].line == 8


def test_record_lines_skip_strings_and_nested_objects() -> None:
    text = '{"a": [{"x": "{"}, {"y": {"z": 1}}],\n"b": [\n{}]}'
    assert record_lines(text) == [1, 1, 3]


def test_malformed_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{\n  "sources": [\n    {"id": "s1",}\n  ]\n}\n')
    records, errors = read_file(path)
    assert records == []
    assert [(e.file, e.line) for e in errors] == [(str(path), 3)]
    assert errors[0].message.startswith("malformed JSON: ")


def test_jsonl_lines_and_malformed_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "t.jsonl", """
        {"$kind": "sources", "id": "s1"}

        {"$kind": "sources", "id": "s2"
        {"$kind": "people", "id": "p1", "name": "P"}
        ["not", "an", "object"]
        {"id": "x"}
        {"$kind": "widgets", "id": "w"}
        {"$kind": "sources", "id": "s3", "id": "s4"}
        """)
    records, errors = read_file(path)
    assert [(r.section, r.index, r.line, r.data.get("id")) for r in records] == [
        ("sources", 0, 1, "s1"), ("people", 0, 4, "p1"), ("sources", 1, 8, "s4"),
    ]
    assert "$kind" not in records[0].data
    assert records[2].data.duplicate_keys == [("id", 8)]
    assert [(e.line, e.field, e.message.split(":")[0]) for e in errors] == [
        (3, "", "malformed JSON"),
        (5, "", "a JSON Lines record must be an object"),
        (6, "$kind", "missing"),
        (7, "$kind", "'widgets'"),
    ]


def test_folders_are_walked_in_name_order_and_other_files_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b" / "2.jsonl", "")
    write(tmp_path / "b" / "10.yaml", "")
    write(tmp_path / "a.yml", "")
    write(tmp_path / "README.md", "# not data")
    write(tmp_path / ".hidden" / "x.yaml", "")
    write(tmp_path / "c.JSON", "{}")
    files, errors = discover([tmp_path, tmp_path / "a.yml"])
    assert errors == []
    assert [str(f.relative_to(tmp_path)) for f in files] == ["a.yml", "b/10.yaml", "b/2.jsonl", "c.JSON"]


def test_bad_paths_are_errors(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.txt", "x")
    result = read_paths([tmp_path / "missing.yaml", notes])
    assert result.errors == [
        LoadError(str(tmp_path / "missing.yaml"), 0, "", "", "no such file or folder"),
        LoadError(str(notes), 0, "", "", "not a seed file: expected .yaml, .yml, .json or .jsonl"),
    ]
    assert str(result.errors[0]) == f"{tmp_path / 'missing.yaml'}: no such file or folder"


def test_files_that_are_not_utf8_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("sources:\n  - id: s\n    title: \xe9conomie\n".encode("latin-1"))
    records, errors = read_file(path)
    assert records == [] and [(e.line, e.message.split(" (")[0]) for e in errors] == [(3, "not UTF-8 text")]


def test_json_lines_records_carry_no_per_object_bookkeeping(tmp_path: Path) -> None:
    """A bulk load holds millions of these: no __dict__, and one shared, read-only empty map of key lines (JSON Lines
    knows only each object's line) until a reader has lines to record (YAML) or a key is given twice."""
    path = write(tmp_path / "bulk.jsonl", """
        {"$kind": "people", "id": "p1", "name": "P", "cited": [{"source": "s1"}]}
        {"$kind": "people", "id": "p2", "name": "Q", "name": "R"}
        """)
    records, errors = read_file(path)
    assert errors == []
    first, second = records[0].data, records[1].data
    nested = first["cited"][0]
    assert not hasattr(first, "__dict__") and not hasattr(records[0], "__dict__")
    assert first.key_lines is second.key_lines is nested.key_lines and len(first.key_lines) == 0
    assert (first.line_of("name"), nested.line_of("source"), first.duplicate_keys) == (1, 1, ())
    assert second.duplicate_keys == [("name", 2)]
    with pytest.raises(TypeError):
        first.key_lines["name"] = 3  # type: ignore[index]
    yaml_data = parse_yaml("a: 1\nb: 2\n")
    assert yaml_data.key_lines == {"a": 1, "b": 2} and yaml_data.key_lines is not first.key_lines
