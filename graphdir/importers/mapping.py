"""The mapping file of `graphdir import sheet`: which column of a member list is what, and what the rows belong to.

    mapping = Mapping.read(Path("cress-members.mapping.yaml"))
    mapping.check_header(header, "members.xlsx")        # ImportFileError naming the mapping, the key and the column

The format (README, "Importing open data"):

    dataset: Adhérents de la CRESS PACA           # required: the Source's title
    edition: "2024-06"                             # optional: the Source's date
    url: https://...                               # optional
    delimiter: ";"                                 # CSV only (default ";")
    encoding: auto                                 # CSV only: utf-8 | latin-1 | cp1252 | auto (default)
    sheet: Adhérents                               # XLSX only (default: the first worksheet)
    member_of: cress-paca                          # optional: an organization in the graph; rows become its members
    role: adhérent                                 # optional: the MEMBER_OF role
    kind: ENTERPRISE                               # optional (default ENTERPRISE): the rows' kind
    family: ASSOCIATION                            # optional: the rows' family when no column gives it
    families: {Association: ASSOCIATION, SCOP: COOPERATIVE}   # values of the family column -> family
    columns:                                       # key: the column's name in the header; only `name` is required
      name: Raison sociale
      siret: SIRET
      siren: SIREN
      rna: N° RNA
      postal_code: CP
      commune: Ville              # the commune's name (with postal_code)
      commune_code: Code INSEE
      address: Adresse
      website: Site
      family: Famille             # read through `families`
      legal_form: Forme juridique # classified as the SIAE list's labels are (legal_forms.py) when no family is given

Every problem is an ImportFileError naming the mapping file and the key, before the sheet is read further.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphdir.importers.errors import ImportFileError
from graphdir.importers.sources import ENCODINGS
from graphdir.vocabulary import OrganizationFamily, OrganizationKind

COLUMN_KEYS = ("name", "siret", "siren", "rna", "postal_code", "commune", "commune_code", "address", "website",
               "family", "legal_form")
_KEYS = {"dataset", "edition", "url", "delimiter", "encoding", "sheet", "member_of", "role", "kind", "family",
         "families", "columns"}


@dataclass(frozen=True)
class Mapping:
    path: Path
    dataset: str
    columns: dict[str, str]
    edition: str | None = None
    url: str | None = None
    delimiter: str = ";"
    encoding: str = "auto"
    sheet: str | None = None
    member_of: str | None = None
    role: str | None = None
    kind: str = "ENTERPRISE"
    family: str | None = None
    families: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Mapping:
        name = str(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ImportFileError(name, 0, f"cannot read the mapping: {exc.strerror or exc}") from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ImportFileError(name, 0, f"not a YAML mapping: {exc}") from exc
        if not isinstance(data, dict):
            raise ImportFileError(name, 0, "the mapping must be a YAML mapping of keys (dataset, columns...)")
        unknown = sorted(set(map(str, data)) - _KEYS)
        if unknown:
            raise ImportFileError(name, 0, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
        columns = data.get("columns")
        if not isinstance(columns, dict) or not isinstance(columns.get("name"), str):
            raise ImportFileError(name, 0, "key columns: expected a mapping naming at least the column of `name`")
        for key, column in columns.items():
            if key not in COLUMN_KEYS:
                raise ImportFileError(name, 0, f"key columns.{key}: unknown (known: {', '.join(COLUMN_KEYS)})")
            if not isinstance(column, str) or not column.strip():
                raise ImportFileError(name, 0, f"key columns.{key}: expected a column name")
        families = data.get("families") or {}
        if not isinstance(families, dict):
            raise ImportFileError(name, 0, "key families: expected a mapping of column values to families")
        mapping = cls(path=path, dataset=_text(data, "dataset", name, required=True) or "", columns=dict(columns),
                      edition=_text(data, "edition", name), url=_text(data, "url", name),
                      delimiter=_text(data, "delimiter", name) or ";", encoding=_text(data, "encoding", name) or "auto",
                      sheet=_text(data, "sheet", name), member_of=_text(data, "member_of", name),
                      role=_text(data, "role", name), kind=_text(data, "kind", name) or "ENTERPRISE",
                      family=_text(data, "family", name),
                      families={str(k).strip(): str(v) for k, v in families.items()})
        mapping._check_values()
        return mapping

    def _check_values(self) -> None:
        name = str(self.path)
        if self.encoding not in ENCODINGS:
            raise ImportFileError(name, 0, f"key encoding: {self.encoding!r} is not one of {', '.join(ENCODINGS)}")
        if len(self.delimiter) != 1:
            raise ImportFileError(name, 0, f"key delimiter: {self.delimiter!r} is not one character")
        if self.kind not in OrganizationKind.__members__:
            raise ImportFileError(name, 0, f"key kind: {self.kind!r} is not one of "
                                  f"{', '.join(OrganizationKind.__members__)}")
        families = [("family", self.family)] + [(f"families.{k}", v) for k, v in self.families.items()]
        for key, value in families:
            if value is not None and value not in OrganizationFamily.__members__:
                raise ImportFileError(name, 0, f"key {key}: {value!r} is not one of "
                                      f"{', '.join(OrganizationFamily.__members__)}")
        if "family" in self.columns and not self.families:
            raise ImportFileError(name, 0, "key families: columns.family needs the table of its values' families")

    def check_header(self, header: Sequence[str], file: str) -> None:
        """Every mapped column must be in the sheet's header: else nothing is read, nothing written."""
        present = set(header)
        for key, column in self.columns.items():
            if column not in present:
                raise ImportFileError(str(self.path), 0, f"key columns.{key}: column {column!r} is not in the header "
                                      f"of {file} (it has: {', '.join(header)})", column)

    def value(self, values: dict[str, str], key: str) -> str:
        column = self.columns.get(key)
        return values.get(column, "").strip() if column else ""


def _text(data: dict[str, Any], key: str, name: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ImportFileError(name, 0, f"key {key}: required")
        return None
    if isinstance(value, bool | dict | list):
        raise ImportFileError(name, 0, f"key {key}: expected text")
    return str(value).strip()
