"""Reading seed files: YAML, JSON and JSON Lines, each record with the line it starts on.

Folders are walked recursively in name order; only `.yaml`, `.yml`, `.json` and `.jsonl` files are read there
(a README beside the data is skipped), hidden files and folders are ignored. A file named explicitly must have one of
those extensions. Nothing here raises on bad input: every problem becomes a LoadError and reading goes on, so that
one run reports everything.

Line numbers: YAML records know the line of each mapping and of each key (a SafeLoader subclass records
`start_mark.line + 1`); a JSON Lines record is its line; in a JSON file the start line of each record is found by a
small scanner over the text (best effort: nested values report the line of their record).

YAML is read with YAML 1.2-like plain scalars: `true`/`false`, `null`/`~`, decimal integers without a leading zero
and decimal floats are typed; everything else is a string. So an unquoted `03095` stays the string "03095", a date
`2012-01-20` stays a string (as the format wants) and `18:30` is not read as the sexagesimal number 1110.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from graphdir.loader.errors import LoadError
from graphdir.loader.specs import SECTIONS

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".jsonl": "jsonl"}
KIND_KEY = "$kind"


_NO_KEY_LINES: Mapping[str, int] = MappingProxyType({})


class LineDict(dict[str, Any]):
    """A mapping that remembers where it was written: its own line, the line of each key, keys given twice.

    Slotted, and sharing one empty (read-only) `key_lines` and `duplicate_keys` until a reader has some to record
    (YAML records each key's line; JSON Lines records only the object's): a JSON Lines record of a bulk load costs
    ~1.4 KB less and decodes ~20% faster than with a per-object `__dict__`, dict and list.
    """

    __slots__ = ("line", "key_lines", "duplicate_keys")
    line: int
    key_lines: Mapping[str, int]
    duplicate_keys: Sequence[tuple[str, int]]

    def __init__(self, pairs: Sequence[tuple[str, Any]] = (), line: int = 0) -> None:
        super().__init__(pairs)
        self.line = line
        self.key_lines = _NO_KEY_LINES
        self.duplicate_keys = ()
        if len(self) != len(pairs):
            seen: set[str] = set()
            duplicates = []
            for key, _ in pairs:
                if key in seen:
                    duplicates.append((key, line))
                seen.add(key)
            self.duplicate_keys = duplicates

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@dataclass(slots=True)
class Record:
    file: str
    line: int
    section: str
    index: int
    data: LineDict
    # Values derived from `data` that several passes need (an organization's slug: folding costs ~16 us a name),
    # computed once by whoever needs them first; see validation.unique_values.
    derived: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return f"{self.section}[{self.index}]"


@dataclass
class ReadResult:
    files: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


# --- Finding files ---------------------------------------------------------------------------------------------------


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[LoadError]]:
    """The data files named by `paths` (files, or folders walked in name order), each once, and the bad paths."""
    found: list[Path] = []
    errors: list[LoadError] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    add(child)
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                add(path)
            else:
                errors.append(LoadError(str(path), 0, "", "", "not a seed file: expected .yaml, .yml, .json or .jsonl"))
        else:
            errors.append(LoadError(str(path), 0, "", "", "no such file or folder"))
    return found, errors


def read_paths(paths: Iterable[Path]) -> ReadResult:
    files, errors = discover(paths)
    result = ReadResult(errors=errors)
    for path in files:
        result.files.append(str(path))
        records, file_errors = read_file(path)
        result.records.extend(records)
        result.errors.extend(file_errors)
    return result


def read_file(path: Path) -> tuple[list[Record], list[LoadError]]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [LoadError(name, 0, "", "", f"cannot read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [LoadError(name, line, "", "", f"not UTF-8 text (byte {exc.start})")]
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        return read_jsonl(name, text)
    if kind == "json":
        return read_json(name, text)
    return read_yaml(name, text)


# --- YAML ------------------------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like plain scalars and mappings that remember their lines (see the module doc)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def construct_line_mapping(self, node: yaml.MappingNode) -> LineDict:
        self.flatten_mapping(node)
        data = LineDict(line=node.start_mark.line + 1)
        key_lines: dict[str, int] = {}
        duplicates: list[tuple[str, int]] = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in data:
                duplicates.append((key, line))
            data[key] = self.construct_object(value_node, deep=True)
            key_lines[key] = line
        data.key_lines = key_lines
        if duplicates:
            data.duplicate_keys = duplicates
        return data


def _construct_map(loader: _Loader, node: yaml.Node) -> LineDict:
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_line_mapping(node)


def _construct_int(loader: _Loader, node: yaml.Node) -> int:
    assert isinstance(node, yaml.ScalarNode)
    return int(loader.construct_scalar(node))


def _construct_float(loader: _Loader, node: yaml.Node) -> float:
    assert isinstance(node, yaml.ScalarNode)
    return float(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)


def parse_yaml(text: str) -> Any:
    """The YAML document, mappings as LineDict; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def read_yaml(name: str, text: str) -> tuple[list[Record], list[LoadError]]:
    try:
        document = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        message = exc.problem or exc.context or str(exc)
        if exc.problem and exc.context:
            started = f" started on line {exc.context_mark.line + 1}" if exc.context_mark is not None else ""
            message = f"{exc.problem} ({exc.context}{started})"
        return [], [LoadError(name, line, "", "", f"malformed YAML: {message}")]
    except yaml.YAMLError as exc:
        return [], [LoadError(name, 0, "", "", f"malformed YAML: {exc}")]
    return _sections(name, document, None)


# --- JSON ------------------------------------------------------------------------------------------------------------


def _json_object(pairs: list[tuple[str, Any]]) -> LineDict:
    return LineDict(pairs)


def record_lines(text: str) -> list[int]:
    """The line on which each record object of a JSON seed file opens, in document order.

    A record is an object directly inside an array that is a value of the top-level object
    (`{"sources": [{...}, {...}]}`). Strings are skipped, so braces inside text do not count.
    """
    lines: list[int] = []
    stack: list[str] = []
    line = 1
    in_string = escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            if char == "{" and stack == ["{", "["]:
                lines.append(line)
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return lines


def read_json(name: str, text: str) -> tuple[list[Record], list[LoadError]]:
    try:
        document = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        return [], [LoadError(name, exc.lineno, "", "", f"malformed JSON: {exc.msg} (column {exc.colno})")]
    except RecursionError:
        return [], [LoadError(name, 0, "", "", "malformed JSON: nested too deeply")]
    return _sections(name, document, iter(record_lines(text)))


def read_jsonl(name: str, text: str) -> tuple[list[Record], list[LoadError]]:
    records: list[Record] = []
    errors: list[LoadError] = []
    counters: dict[str, int] = {}
    number = 0

    def line_object(pairs: list[tuple[str, Any]]) -> LineDict:
        return LineDict(pairs, line=number)

    decoder = json.JSONDecoder(object_pairs_hook=line_object)
    for number, raw in enumerate(text.split("\n"), 1):  # noqa: B007 - line_object reads `number`
        line = raw.strip()
        if not line:
            continue
        try:
            data = decoder.decode(line)
        except json.JSONDecodeError as exc:
            errors.append(LoadError(name, number, "", "", f"malformed JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            errors.append(LoadError(name, number, "", "", "malformed JSON: nested too deeply"))
            continue
        if not isinstance(data, LineDict):
            errors.append(LoadError(name, number, "", "", "a JSON Lines record must be an object"))
            continue
        kind = data.pop(KIND_KEY, None)
        if not isinstance(kind, str) or kind not in SECTIONS:
            shown = "missing" if kind is None else repr(kind)
            errors.append(
                LoadError(name, number, "", KIND_KEY, f"{shown}: expected one of {', '.join(SECTIONS)}")
            )
            continue
        index = counters.get(kind, 0)
        counters[kind] = index + 1
        records.append(Record(name, number, kind, index, data))
    return records, errors


def _set_line(data: Any, line: int) -> None:
    """Give a JSON record (and what it nests) the line it was read from."""
    if isinstance(data, LineDict):
        data.line = line
        if data.duplicate_keys:
            data.duplicate_keys = [(key, line) for key, _ in data.duplicate_keys]
        for value in data.values():
            _set_line(value, line)
    elif isinstance(data, list):
        for item in data:
            _set_line(item, line)


# --- Sections of a YAML or JSON document -----------------------------------------------------------------------------


def _sections(name: str, document: Any, json_lines: Iterator[int] | None) -> tuple[list[Record], list[LoadError]]:
    """The records of a {section: [record, ...]} document. `json_lines` gives each record's line for JSON."""
    records: list[Record] = []
    errors: list[LoadError] = []
    if document is None:
        return records, errors
    if not isinstance(document, LineDict):
        return records, [LoadError(name, 1, "", "", "expected a mapping of sections (sources:, organizations:, …)")]
    for key, line in document.duplicate_keys:
        errors.append(LoadError(name, line or 1, "", "", f"section {key!r} given twice in this file"))
    for section, items in document.items():
        section_line = document.line_of(section) or 1
        if section not in SECTIONS:
            errors.append(LoadError(name, section_line, "", "", f"unknown section {section!r}: expected one of "
                                    f"{', '.join(SECTIONS)}"))
            _skip_lines(items, json_lines)
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            errors.append(LoadError(name, section_line, "", "", f"section {section!r} must be a list of records"))
            _skip_lines(items, json_lines)
            continue
        for index, item in enumerate(items):
            if not isinstance(item, LineDict):
                label = f"{section}[{index}]"
                errors.append(LoadError(name, section_line, label, "", "a record must be a mapping of fields"))
                continue
            if json_lines is not None:
                _set_line(item, next(json_lines, section_line))
            line = item.line or section_line
            records.append(Record(name, line, section, index, item))
    return records, errors


def _skip_lines(items: Any, json_lines: Iterator[int] | None) -> None:
    """Consume the record lines of a section that is not read, so later sections keep theirs."""
    if json_lines is None or not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, dict):
            next(json_lines, None)
