"""What merging does to relationships: each of the merged organization's moves to the survivor, or becomes one with
the survivor's same relationship (dates combined, both sources kept), or is dropped when it joined the two.
Pure: graphdir.domain.organizations.merging reads the relationships and writes the plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# What tells two relationships of one type between the same nodes apart.
_DISCRIMINATORS: Mapping[str, str] = {"HOLDS_ROLE": "title", "PARTY_TO": "role", "SPOKE_AT": "title"}
_DATES = ("since", "until")


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    outgoing: bool
    other: str  # element id of the other end
    other_id: str | None
    other_label: str | None
    props: Mapping[str, Any]

    @property
    def key(self) -> tuple[Any, ...]:
        discriminator = _DISCRIMINATORS.get(self.type)
        return self.type, self.outgoing, self.other, self.props.get(discriminator) if discriminator else None

    @staticmethod
    def of(row: Mapping[str, Any]) -> Relationship:
        return Relationship(row["id"], row["type"], row["outgoing"], row["other"], row["otherId"], row["otherLabel"],
                            row["props"])

    def described(self) -> str:
        arrow = f"-[{self.type}]->" if self.outgoing else f"<-[{self.type}]-"
        return f"{arrow}{self.other_label}:{self.other_id}"


def _start(props: Mapping[str, Any]) -> Any:
    return props["sinceFrom"]


def combine_dates(kept: Mapping[str, Any], other: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The union of both periods: the earlier known start, the later end (none: still running); how, in words."""
    out = dict(kept)
    how = []
    starts = [p for p in (kept, other) if p.get("since") is not None]
    if starts:
        earliest = min(starts, key=_start)
        for key in ("since", "sinceFrom", "sinceTo"):
            out.pop(key, None)
            if earliest.get(key) is not None:
                out[key] = earliest[key]
        if len({p["since"] for p in starts}) > 1:
            how.append(f"since {earliest['since']}, the earlier of " + ", ".join(str(p['since']) for p in starts))
        elif kept.get("since") is None:
            how.append(f"since {earliest['since']}, the only start known")
    ends = [p.get("until") for p in (kept, other)]
    if kept.get("until") != other.get("until"):
        for key in ("until", "untilFrom", "untilTo"):
            out.pop(key, None)
        if all(end is not None for end in ends):
            latest = max((kept, other), key=lambda p: p["untilTo"])
            for key in ("until", "untilFrom", "untilTo"):
                if latest.get(key) is not None:
                    out[key] = latest[key]
            how.append(f"until {latest['until']}, the later of {ends[0]}, {ends[1]}")
        else:
            how.append(f"no end: one of them has none ({ends[0] or 'none'}, {ends[1] or 'none'})")
    return out, how


def combine(kept: Relationship, other: Relationship, merged_id: str) -> tuple[dict[str, Any], str]:
    """The one relationship two duplicates become, and the note saying how."""
    props, how = combine_dates(kept.props, other.props)
    sources_ = list(props.get("mergedSources") or [])
    excerpts = list(props.get("mergedExcerpts") or [])
    # A citation's source is the node it points at; another relationship names its own.
    source = other.other_id if other.type == "CITED_IN" else other.props.get("source")
    if source is not None or other.props.get("excerpt") is not None:
        sources_.append(source or "")
        excerpts.append(other.props.get("excerpt") or "")
    sources_ += list(other.props.get("mergedSources") or [])
    excerpts += list(other.props.get("mergedExcerpts") or [])
    if sources_:
        props["mergedSources"], props["mergedExcerpts"] = sources_, excerpts
        how.append("the merged one's source and excerpt kept in mergedSources, mergedExcerpts")
    skip = {"source", "excerpt", "version", "mergedSources", "mergedExcerpts", "mergeNote",
            *(f"{d}{s}" for d in _DATES for s in ("", "From", "To"))}
    taken = {key: value for key, value in other.props.items() if key not in skip and key not in props}
    kept_own = [f"{key} {value!r}" for key, value in other.props.items()
                if key not in skip and key in props and props[key] != value]
    props.update(taken)
    if taken:
        how.append("took " + ", ".join(sorted(taken)))
    if kept_own:
        how.append("kept its own over " + ", ".join(kept_own))
    if "version" in props or "version" in other.props:
        props["version"] = max(int(props.get("version") or 1), int(other.props.get("version") or 1)) + 1
    note = f"merged with the same relation of {merged_id}" + (": " + "; ".join(how) if how else "")
    props["mergeNote"] = "; ".join(n for n in (kept.props.get("mergeNote"), note) if n)
    return props, note


@dataclass
class MovePlan:
    moves: list[dict[str, Any]]
    combined: list[dict[str, Any]]
    moved: dict[str, int]
    notes: list[dict[str, Any]]
    dropped: list[str]


def plan_moves(survivor_element: str, merged_element: str, merged_id: str, survivor_has_commune: bool,
               theirs: Sequence[Relationship], ours: Sequence[Relationship]) -> MovePlan:
    """What happens to each relationship of the merged one (`theirs`), given the survivor's (`ours`)."""
    plan = MovePlan([], [], {}, [], [])
    by_key = {rel.key: rel for rel in ours}
    for rel in theirs:
        if rel.other in (survivor_element, merged_element):
            plan.dropped.append(f"{rel.described()}: a link between the two merged organizations")
            continue
        if rel.type == "LOCATED_IN" and rel.outgoing and survivor_has_commune:
            plan.dropped.append(f"{rel.described()}: the survivor keeps its own commune")
            continue
        same = by_key.get(rel.key)
        if same is not None and not same.props and not rel.props:
            continue  # the same bare link (a Change of both, a tombstone): nothing to keep twice
        if same is not None:
            props, note = combine(same, rel, merged_id)
            same = Relationship(same.id, same.type, same.outgoing, same.other, same.other_id, same.other_label, props)
            by_key[rel.key] = same
            plan.combined = [row for row in plan.combined if row["id"] != same.id]
            plan.combined.append({"id": same.id, "props": props})
            plan.notes.append({"relation": rel.described(), "note": note})
            continue
        plan.moves.append({"type": rel.type, "outgoing": rel.outgoing, "other": rel.other, "props": dict(rel.props)})
        plan.moved[rel.type] = plan.moved.get(rel.type, 0) + 1
    return plan
