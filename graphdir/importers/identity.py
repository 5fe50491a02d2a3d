"""Identity resolution: the step every import goes through before it writes (issue 12, schema/MODEL.md "Identity").

    resolved = await resolve(graph, records, dataset="sirene")
    resolved.records       the records to load: ids of the organizations already in the graph, enriched values
    resolved.details       curated values kept, ambiguous matches (file and line of the record)
    resolved.matched       {"siren": n, "siret": n, "rna": n}: how the incoming organizations were recognised

An importer only builds records (seeds/FORMAT.md) with the identifiers its file gives: an organization's `siren`,
`siret` (its head office) and `rna`, and establishments naming it by the id the importer computed (`siren-…`,
`rna-…`). Nothing here knows a file format: the SIRENE, SIAE, RNA and spreadsheet importers all come through it.

Matching: an incoming organization is the graph's organization that holds its SIREN, else one that holds (as its own
`siret` or through an establishment) a SIRET of it, else its RNA id. Several graph organizations matching one record
(a SIREN held by one, its RNA id by another) take the one matched by SIREN, then SIRET, then RNA, and the identifiers
that point elsewhere are left out of the record and reported. Unmatched, a record keeps its own id.

Merging: the load replaces a node's properties with its record's (graphdir.loader.writing), so a matched record is
merged with the node's current state read back as a record:
- an identifier (SIREN, SIRET, RNA id) the organization holds is never replaced by another (an organization merged
  into another keeps its identifiers on its tombstone, which leads re-imports of them to the survivor);
- a **curated** organization (one no import described: no `describedBy`) keeps every value it has; the import only
  fills what it lacks (identifiers, legal form, measures, end date…), never its name, kind, family, slug or place;
  each value the import would have changed is reported (`curated value kept`);
- an imported organization takes the values of an import whose data set ranks at least as high as the one that
  described it (`RANKS`: the SIRENE register above RNA above the SIAE list above a spreadsheet), else only fills gaps;
- citations are kept and the import's own replace those of the same source; coverage (`covers`) is never touched;
- establishments merge the same way (curated: no `describedBy`).
A re-import of the same file thus merges into exactly what the graph holds: the load reports it unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphdir.importers.identity_reads import IdentityReads
from graphdir.importers.summary import Detail
from graphdir.loader import Record
from graphdir.loader.reading import LineDict

# How much a data set's description of a legal unit is trusted; unknown data sets rank with spreadsheets.
RANKS: Mapping[str, int] = {"sirene": 40, "rna": 30, "ess-france": 20, "siae": 10, "spreadsheet": 0}
# What an import never sets on a curated organization: how the directory names, files and places it.
_CURATED_ONLY = frozenset({"name", "acronym", "kind", "family", "classifiedBy", "describedBy", "slug", "commune",
                           "location"})
# Values that go together: a place is a commune and a point, never one from each source.
_PLACE = ("commune", "location")
_IDENTIFIERS = ("siren", "siret", "rna")


def rank(dataset: str | None) -> int:
    return RANKS.get(dataset or "", 0)


@dataclass
class Resolved:
    records: list[Record]
    details: list[Detail] = field(default_factory=list)
    matched: dict[str, int] = field(default_factory=lambda: {"siren": 0, "siret": 0, "rna": 0})
    enriched_curated: int = 0
    # With `split_new`: the organizations and establishments the graph holds nothing of (importers.new_nodes), and
    # per section how many are already exactly what the graph holds (left out of `records`: nothing to write).
    new: list[Record] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)

    def keep(self, record: Record, state: Mapping[str, Any] | None, split_new: bool) -> None:
        if split_new and state is not None and same_as_graph(record.data, state):
            self.unchanged[record.section] = self.unchanged.get(record.section, 0) + 1
        else:
            self.records.append(record)


def same_as_graph(merged: Mapping[str, Any], state: Mapping[str, Any]) -> bool:
    """Whether a merged record is exactly the node's state read back as a record (identity_reads): then the load
    would find it unchanged. Conservative: a difference the load would not see (citations in another order) only
    sends the record through the load."""
    if merged.keys() != state.keys():
        return False
    for key, value in merged.items():
        if key == "location" and isinstance(value, Mapping):
            if {"approximate": False, **value} != {"approximate": False, **state[key]}:
                return False
        elif value != state[key]:
            return False
    return True


async def resolve(graph: IdentityReads, records: Sequence[Record], *, dataset: str, split_new: bool = False
                  ) -> Resolved:
    """`split_new`: put the records of organizations and establishments that match nothing in `new`, and count
    those equal to the graph's state in `unchanged`, not in `records`."""
    organizations = [r for r in records if r.section == "organizations"]
    establishments = [r for r in records if r.section == "establishments"]
    sirets: dict[str, list[str]] = defaultdict(list)  # incoming organization id -> its SIRETs
    batch_ids = {str(record.data["id"]) for record in organizations}
    for record in establishments:  # those of organizations of another batch (batches.py) match nothing here
        if str(record.data.get("organization")) in batch_ids:
            sirets[str(record.data.get("organization"))].append(str(record.data["siret"]))
    for record in organizations:
        if isinstance(record.data.get("siret"), str):
            sirets[str(record.data["id"])].append(record.data["siret"])
    holders = {key: await graph.holders(key, sorted({str(r.data[key]) for r in organizations
                                                       if isinstance(r.data.get(key), str)}))
               for key in ("siren", "rna")}
    holders["siret"] = await graph.holders("siret", sorted({s for values in sirets.values() for s in values}))
    out = Resolved(records=[])
    new_ids: dict[str, str] = {}  # incoming id -> graph id
    taken: dict[str, Record] = {}  # graph id -> the incoming record resolved to it
    for record in organizations:
        target = _match(record, sirets.get(str(record.data["id"]), []), holders, out)
        if target is None:
            continue
        if target in taken and taken[target] is not record:
            first = taken[target]
            out.details.append(Detail(record.file, record.line, "skipped", "same organization as another row",
                                      f"organization {target!r} is already that of {first.file}:{first.line}"))
            new_ids[str(record.data["id"])] = ""
            continue
        taken[target] = record
        new_ids[str(record.data["id"])] = target
    states = await graph.organizations(sorted({new_ids.get(str(r.data["id"]), str(r.data["id"])) for r in organizations}
                                              - {""}))
    site_states = await graph.establishments(sorted({str(r.data["siret"]) for r in establishments}))
    for record in records:
        if record.section == "organizations":
            incoming_id = str(record.data["id"])
            target = new_ids.get(incoming_id, incoming_id)
            if not target:
                continue
            merged = merge(record, states.get(target), dataset, out, what=f"organization {target!r}")
            merged["id"] = target
            state = states.get(target)
            out.enriched_curated += state is not None and state.get("describedBy") is None and state.get(
                "classifiedBy") is None
            merged_record = Record(record.file, record.line, record.section, record.index, merged)
            if split_new and state is None and target == incoming_id:
                out.new.append(merged_record)
            else:
                out.keep(merged_record, state, split_new)
        elif record.section == "establishments":
            owner = new_ids.get(str(record.data["organization"]), str(record.data["organization"]))
            if not owner:
                continue
            data = LineDict(list(record.data.items()), line=record.data.line)
            data["organization"] = owner
            incoming = Record(record.file, record.line, record.section, record.index, data)
            state = site_states.get(str(data["siret"]))
            merged = merge(incoming, state, dataset, out, what=f"establishment {data['siret']}")
            merged_record = Record(record.file, record.line, record.section, record.index, merged)
            if split_new and state is None:
                out.new.append(merged_record)
            else:
                out.keep(merged_record, state, split_new)
        elif record.section == "relations":
            # A spreadsheet's MEMBER_OF names its rows by the ids the importer computed: they follow the match.
            ends = {key: new_ids.get(str(record.data[key]), str(record.data[key])) for key in ("from", "to")}
            if not all(ends.values()):
                continue
            data = LineDict(list(record.data.items()), line=record.data.line)
            data.update(ends)
            out.records.append(Record(record.file, record.line, record.section, record.index, data))
        else:
            out.records.append(record)
    return out


def _match(record: Record, sirets: Sequence[str], holders: Mapping[str, Mapping[str, str]],
           out: Resolved) -> str | None:
    """The graph id the record is (None: a new organization, keeping its own id); identifiers of others removed."""
    data = record.data
    found: list[tuple[str, str, str]] = []  # (key, value, graph id) in priority order
    for key in ("siren", "siret", "rna"):
        values = sirets if key == "siret" else [data[key]] if isinstance(data.get(key), str) else []
        found += [(key, value, holders[key][value]) for value in values if value in holders[key]]
    if not found:
        return None
    target = found[0][2]
    out.matched[found[0][0]] += 1
    for key, value, other in found:
        if other != target:
            if key in _IDENTIFIERS and data.get(key) == value:
                del data[key]
            out.details.append(Detail(record.file, record.line, "identifier left out", f"{key} held by another "
                                      "organization", f"{key} {value} belongs to {other!r}, the row is {target!r} "
                                      f"(matched by {found[0][0]} {found[0][1]})"))
    return target


def merge(record: Record, state: Mapping[str, Any] | None, dataset: str, out: Resolved, *, what: str) -> LineDict:
    """The record to load for `record` given the node's current state (a record too, or None when it is new)."""
    incoming = record.data
    merged = LineDict(list(incoming.items()), line=incoming.line)
    merged["describedBy"] = dataset
    if state is None:
        return merged
    describer = state.get("describedBy")
    curated = describer is None and state.get("classifiedBy") is None
    wins = not curated and rank(dataset) >= rank(describer)
    merged = LineDict([], line=incoming.line)
    old_place = {key: state[key] for key in _PLACE if state.get(key) is not None}
    new_place = {key: incoming[key] for key in _PLACE if incoming.get(key) is not None}
    if curated and new_place and old_place and new_place != old_place:
        _kept(record, what, "commune" if "commune" in new_place else "location", old_place, new_place, out)
    merged.update(old_place if old_place and (curated or not wins or not new_place) else new_place)
    for key in dict.fromkeys([*state, *incoming]):
        old, new = state.get(key), incoming.get(key)
        if key in _PLACE:
            continue
        if key == "cited":
            merged[key] = _citations(old or [], new or [])
        elif key == "describedBy":
            if not curated:
                merged[key] = describer if rank(describer) > rank(dataset) else dataset
        elif new is None or new == old:
            if old is not None:
                merged[key] = old
        elif old is None:
            if not (curated and key in _CURATED_ONLY):
                merged[key] = new
        elif curated or key in _IDENTIFIERS:
            # An identifier the organization holds stays (another one of it, a merged record's, stays findable).
            merged[key] = old
            _kept(record, what, key, old, new, out, "curated value kept" if curated else "identifier kept")
        else:
            merged[key] = new if wins else old
    return merged


def _kept(record: Record, what: str, key: str, old: Any, new: Any, out: Resolved,  # noqa: PLR0913
          kind: str = "curated value kept") -> None:
    out.details.append(Detail(record.file, record.line, kind, key,
                              f"{what}: {key} stays {_shown(old)} (the file says {_shown(new)})"))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {v}" for k, v in value.items()) + ")"
    return repr(value)


def _citations(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> list[LineDict]:
    """The node's citations with those of the incoming sources replaced by the incoming ones."""
    sources = {item["source"] for item in new}
    kept = [item for item in old if item["source"] not in sources]
    return [item if isinstance(item, LineDict) else LineDict(list(item.items()))
            for item in [*kept, *new]]
