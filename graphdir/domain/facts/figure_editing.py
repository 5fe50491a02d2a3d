"""Adding, correcting and removing figures (a count a chamber publishes for a territory and a year) through the API:
each a `figures` record of the seed format (graphdir.domain.editing.nodes) whose one source is the edit's. The
Changes are linked to the publisher; a removal keeps every field the figure had in its Change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphdir.db.writer import Writer
from graphdir.domain.editing.nodes import NodeEditing, NodeKind
from graphdir.domain.editing.records import Actor, EditRequest, Outcome
from graphdir.domain.editing.sources import ResolvedSource
from graphdir.loader.planning import plan_figure

FIGURE_FIELDS = ("publisher", "territory", "measure", "value", "unit", "year", "scope", "approximate")


def _publisher(data: Mapping[str, Any]) -> list[str]:
    return [data["publisher"]] if isinstance(data.get("publisher"), str) else []


FIGURE = NodeKind(section="figures", label="Figure", prefix="figure", plan=plan_figure,
                  fields=FIGURE_FIELDS, organizations=_publisher, cites=False,
                  paths={"source": "input.source.id", "excerpt": "input.source.excerpt", "id": "input.id"})


@dataclass(frozen=True, slots=True)
class FigureChanges:
    """A new figure (`id` None) or changes to one: seed-format fields (None: cleared)."""

    id: str | None
    fields: Mapping[str, Any]
    edit: EditRequest


class FigureEditing:
    def __init__(self, writer: Writer) -> None:
        self.nodes = NodeEditing(writer, FIGURE)

    async def add(self, actor: Actor, new: FigureChanges) -> Outcome:
        return await self.nodes.create(actor, "addFigure", new.fields, new.fields.get("measure"), new.edit, new)

    async def correct(self, actor: Actor, changes: FigureChanges) -> Outcome:
        def change(before: dict[str, Any], _: ResolvedSource) -> dict[str, Any]:
            out = {**before, **changes.fields}
            return {key: value for key, value in out.items() if value is not None}

        return await self.nodes.change(actor, "correctFigure", changes.id or "", change, changes.edit, changes)

    async def remove(self, actor: Actor, changes: FigureChanges) -> Outcome:
        return await self.nodes.delete(actor, "removeFigure", changes.id or "", changes.edit, changes)
