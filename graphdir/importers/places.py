"""Placing a row in a commune from a postal code and a commune name, as the SIAE list gives them (no INSEE code).

    index = await PlaceIndex.from_graph(driver, database)    # or PlaceIndex.from_jsonl(a territories seed file)
    placed = index.resolve("01700", "ST MAURICE DE BEYNOST", departement="001")
    placed.code            -> "01376"  (None when it cannot be placed; then placed.reason and placed.detail say why)

Names are compared by `name_key`: folded (case, accents, ligatures, punctuation), ST/STE/STS/STES spelled out, the
elided article or preposition dropped whether or not its apostrophe survived ("L ISLE ADAM" = "L'Isle-Adam"), a
trailing "(LE)" article moved to the front, a trailing "CEDEX nn" dropped, and an arrondissement number after Paris,
Lyon or Marseille dropped (the COG lists the communes 75056, 69123 and 13055 with every arrondissement's postal code).

Resolution, never a guess:
1. the communes the postal code serves, by name: one is the answer; several is AMBIGUOUS;
2. otherwise (a CEDEX code is in no commune's list; a postal code may also just be wrong) the communes of the row's
   département (CODE_DEPARTEMENT, and the one the postal code points to), by name: one is the answer, flagged
   `method="departement"`; several is AMBIGUOUS;
3. otherwise UNKNOWN_POSTAL_CODE (no commune has that code) or NAME_NOT_FOUND.

At each step a commune's current name comes first; only when no commune bears the name today are the former names
tried (`formerNames`: the names it and the former communes now inside it had since 1943, seeds/territories/README.md):
"HERBLAY" 95220 is Herblay-sur-Seine (95306), "BELLEGARDE SUR VALSERINE" 01200 is Valserhône (01033). One commune is
the answer, with `history` saying which former name placed it; a former name two communes share is AMBIGUOUS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import LiteralString

from neo4j import AsyncDriver

from graphdir.text import fold

# The communes the graph holds, with the département (or overseas collectivité) each lies in.
COMMUNES: LiteralString = """
MATCH (c:Commune)
OPTIONAL MATCH (c)-[:PART_OF]->(d:Departement|Collectivite)
WITH c, collect(d.code)[0] AS departement
RETURN c.code AS code, c.name AS name, coalesce(departement, '') AS departement,
       coalesce(c.postalCodes, []) AS postalCodes, coalesce(c.formerCodes, []) AS formerCodes,
       coalesce(c.formerNames, []) AS formerNames
"""

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# What is left of an elision once its apostrophe is gone ("L ISLE", "VILLENEUVE D ASCQ"); fold() drops "l'" itself.
_ELIDED = {"l", "d"}
_TRAILING_ARTICLE = re.compile(r"^(?P<name>.*?)\s*\((?P<article>l'?|le|la|les)\)\s*$", re.IGNORECASE)
_CEDEX = re.compile(r"\s+cedex(?:\s+\d+)?$")
_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille)(?:\s+\d{1,2}(?:\s*(?:e|er|eme))?(?:\s+arrondissement)?)$")
_POSTAL_CODE = re.compile(r"[0-9]{5}")


def name_key(name: str) -> str:
    """The form two spellings of one commune name share ("STE FOY L ARGENTIERE" = "Sainte-Foy-l'Argentière")."""
    text = name.strip()
    moved = _TRAILING_ARTICLE.match(text)
    if moved:
        article = moved["article"].lower()
        text = f"{article}{'' if article.endswith(chr(39)) else ' '}{moved['name']}"
    words = [_ABBREVIATIONS.get(word, word) for word in fold(text).split() if word not in _ELIDED]
    key = _CEDEX.sub("", " ".join(words))
    arrondissement = _ARRONDISSEMENT.match(key)
    return arrondissement[1] if arrondissement else key


def departement_of_postal_code(postal_code: str) -> set[str]:
    """The départements (or overseas collectivités) of a postal code: 97x/98x take 3 digits, 20 is Corsica."""
    if postal_code.startswith(("97", "98")):
        return {postal_code[:3]}
    if postal_code.startswith("20"):
        return {"2A", "2B"}
    return {postal_code[:2]}


def normalise_departement(code: str) -> str:
    """The COG code of a département as lists write it: "001" -> "01", "059" -> "59", "59L" -> "59", "974" -> "974"."""
    code = code.strip().upper()
    if code.startswith("0") and len(code) == 3:
        code = code[1:]
    if len(code) == 3 and code[:2].isdigit() and code[2].isalpha():  # the ASP splits Nord into 59L and 59V
        code = code[:2]
    return code


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    name: str
    departement: str
    postal_codes: tuple[str, ...]
    # Its history (seeds/territories/README.md): codes and names of the former communes now inside it.
    former_codes: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()


class Unplaced(Enum):
    INVALID_POSTAL_CODE = "invalid postal code"
    UNKNOWN_POSTAL_CODE = "unknown postal code"
    NAME_NOT_FOUND = "name not found"
    AMBIGUOUS = "ambiguous"
    UNKNOWN_COMMUNE_CODE = "unknown commune code"
    NO_PLACE = "no place given"
    SEVERAL_COMMUNES = "rows in several communes"  # a list of establishments without SIRET (ESS France)


@dataclass(frozen=True, slots=True)
class Placement:
    commune: Commune | None
    method: str = ""  # "postal-code", "departement" or "commune-code" when placed
    reason: Unplaced | None = None
    detail: str = ""  # why it was placed by département, or why it was not placed
    history: str = ""  # when an old name or code placed it: which, and of what commune

    @property
    def code(self) -> str | None:
        return self.commune.code if self.commune else None


# (name key, commune, the former name matched or "" for its current name)
_Named = tuple[str, Commune, str]


class PlaceIndex:
    def __init__(self, communes: Iterable[Commune]) -> None:
        self.by_postal_code: dict[str, list[_Named]] = {}
        self.by_departement: dict[str, dict[str, list[_Named]]] = {}
        self.by_code: dict[str, Commune] = {}
        self.by_former_code: dict[str, list[Commune]] = {}
        for commune in communes:
            self.by_code[commune.code] = commune
            for old in commune.former_codes:
                self.by_former_code.setdefault(old, []).append(commune)
            names = [(name_key(commune.name), commune, "")]
            names += [(name_key(former), commune, former) for former in commune.former_names]
            for named in names:
                for postal_code in commune.postal_codes:
                    self.by_postal_code.setdefault(postal_code, []).append(named)
                self.by_departement.setdefault(commune.departement, {}).setdefault(named[0], []).append(named)

    @classmethod
    def from_jsonl(cls, path: Path) -> PlaceIndex:
        return cls(read_communes(path))

    @classmethod
    async def from_graph(cls, driver: AsyncDriver, database: str) -> PlaceIndex:
        """The index of the communes in the graph: the COG the directory was loaded with, wherever graphdir runs."""
        records, _, _ = await driver.execute_query(COMMUNES, database_=database, routing_="r")
        return cls(Commune(r["code"], r["name"], r["departement"], tuple(r["postalCodes"]), tuple(r["formerCodes"]),
                           tuple(r["formerNames"])) for r in records)

    def resolve(self, postal_code: str, name: str, departement: str = "") -> Placement:
        postal_code = postal_code.strip()
        key = name_key(name)
        if not _POSTAL_CODE.fullmatch(postal_code):
            return Placement(None, reason=Unplaced.INVALID_POSTAL_CODE, detail=f"{postal_code!r} is not 5 digits")
        served = self.by_postal_code.get(postal_code, [])
        found = [named for named in served if named[0] == key]
        placed = _one(found, name, "postal-code", lambda _: "", f"under {postal_code}")
        if placed is not None:
            return placed
        departements = departement_of_postal_code(postal_code)
        if departement.strip():
            departements.add(normalise_departement(departement))
        in_departements = [named for d in sorted(departements) for named in self.by_departement.get(d, {}).get(key, [])]
        why = (f"{postal_code} serves no commune named {name.strip()!r}" if served
               else f"{postal_code} is the postal code of no commune (a CEDEX code?)")
        placed = _one(in_departements, name, "departement",
                      lambda commune: f"{why}; the only one of département {commune.departement} with that name",
                      f"in département {'/'.join(sorted(departements))} ({why})")
        if placed is not None:
            return placed
        reason = Unplaced.NAME_NOT_FOUND if served else Unplaced.UNKNOWN_POSTAL_CODE
        return Placement(None, reason=reason, detail=f"{why}, nor does département {'/'.join(sorted(departements))} "
                         "have one")


def _one(found: list[_Named], name: str, method: str, detail: Callable[[Commune], str],
         where: str) -> Placement | None:
    """The placement `found` gives: a commune by its current name first, else by a former name; None if none."""
    current = [commune for _, commune, former in found if not former]
    formerly = {commune.code: (commune, former) for _, commune, former in found if former}
    if len(current) == 1:
        return Placement(current[0], method, detail=detail(current[0]))
    if current:
        return _ambiguous(current, where)
    if len(formerly) == 1:
        commune, former = next(iter(formerly.values()))
        return Placement(commune, method, detail=detail(commune),
                         history=f"{name.strip()!r} is {former!r}, a former name of {commune.code} {commune.name}")
    if formerly:
        return _ambiguous([commune for commune, _ in formerly.values()], f"{where} by their former names")
    return None


def _ambiguous(found: list[Commune], where: str) -> Placement:
    codes = ", ".join(f"{c.code} {c.name}" for c in found)
    return Placement(None, reason=Unplaced.AMBIGUOUS, detail=f"{len(found)} communes match {where}: {codes}")


def read_communes(path: Path) -> Iterator[Commune]:
    """The communes of a territories JSON Lines file (seeds/FORMAT.md), read one line at a time."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("level") != "COMMUNE":
                continue
            yield Commune(record["code"], record["name"], _departement(record), tuple(record.get("postalCodes") or ()),
                          tuple(record.get("formerCodes") or ()), tuple(record.get("formerNames") or ()))


def _departement(record: dict[str, object]) -> str:
    parents = record.get("parents") or []
    assert isinstance(parents, list)
    for prefix in ("departement:", "collectivite:"):
        for parent in parents:
            territory = str(parent.get("territory", ""))
            if territory.startswith(prefix):
                return territory.removeprefix(prefix)
    return ""
