"""A load keeps "inside a territory" one PART_OF hop (schema/MODEL.md, "Inside a territory").

`PART_OF` means "lies wholly inside", and each territory lists every territory that contains it: whatever a
territory's parent lies inside, the territory lies inside too and must say so. A commune that names its EPCI but not
the département that EPCI lies in would be missing from that département's lists, so the load refuses it, naming the
record, the line and the territory to add. The parents of a territory the load does not define are read from the
graph (one query).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from graphdir.loader.dates import DateError, PartialDate, parse_partial_date
from graphdir.loader.errors import LoadError
from graphdir.loader.validation import Checked, Validation, territory_id


@dataclass(frozen=True, slots=True)
class Link:
    """A PART_OF link as the files write it: partial ISO dates, None where open."""

    territory: str
    since: str | None = None
    until: str | None = None


OPEN = PartialDate("", date.min, date.max)
ParentsInGraph = Callable[[Sequence[str]], Awaitable[Mapping[str, Sequence[Link]]]]


def may_hold_together(a: Link, b: Link) -> bool:
    """Whether two links' periods may overlap: the latest start's first possible day is not after the earliest end's
    last possible day (dates were checked by validation; one that does not parse counts as open)."""
    starts = [_bound(text).first for text in (a.since, b.since) if text]
    ends = [_bound(text).last for text in (a.until, b.until) if text]
    return not starts or not ends or max(starts) <= min(ends)


def _bound(text: str) -> PartialDate:
    try:
        return parse_partial_date(text)
    except DateError:
        return OPEN


def missing(links_of: Mapping[str, Sequence[Link]], child: str) -> Iterator[tuple[Link, Link]]:
    """(parent link, grandparent link) for each territory that `child`'s parent lies inside, at a time that parent
    link holds, and that `child` does not list."""
    own = {link.territory for link in links_of.get(child, ())}
    for parent in links_of.get(child, ()):
        for above in links_of.get(parent.territory, ()):
            if above.territory not in own and above.territory != child and may_hold_together(parent, above):
                yield parent, above


def _links(checked: Checked) -> list[Link]:
    return [Link(link["territory"], link.get("since"), link.get("until"))
            for link in checked.data.get("parents") or []]


async def check_containment(checked: Sequence[Checked], parents_in_graph: ParentsInGraph, out: Validation) -> None:
    """Add a LoadError to `out` for each territory record that does not list all that its parents lie inside."""
    territories = {territory_id(c.data["level"], c.data["code"]): c for c in checked
                   if c.record.section == "territories"}
    if not territories:
        return
    links_of: dict[str, Sequence[Link]] = {tid: _links(c) for tid, c in territories.items()}
    outside = sorted({link.territory for links in links_of.values() for link in links} - set(links_of))
    links_of.update(await parents_in_graph(outside) if outside else {})
    for tid, record in territories.items():
        for parent, above in missing(links_of, tid):
            index = next(i for i, link in enumerate(links_of[tid]) if link == parent)
            out.errors.append(LoadError(
                record.record.file, record.data.line_of("parents"), record.record.label, f"parents[{index}].territory",
                f"{tid} is part of {parent.territory}, which is part of {above.territory}: list {above.territory} "
                "among its parents too (PART_OF means wholly inside, schema/MODEL.md)"))
