"""addFigure, correctFigure, removeFigure: the counts organizations publish (jobs, establishments, shares) for a
territory and a year, each with its one source (Relay style)."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.edit_payloads import EditPayload, edited, user_errors
from graphdir.api.edit_scope import InEditorScope
from graphdir.api.editing import (
    IDEMPOTENCY_HELP,
    VERSION_HELP,
    Decoded,
    SourceInput,
    actor,
    edit_request,
    given,
    graph_id_or_none,
)
from graphdir.api.facts.loaders import Figures
from graphdir.api.facts.types import Figure
from graphdir.api.permissions import IsEditor
from graphdir.domain.editing.records import Outcome
from graphdir.domain.facts.figure_editing import FIGURE, FigureChanges, FigureEditing

EDITORS = [IsEditor, InEditorScope]
T = TypeVar("T")
Input = Annotated[T, strawberry.argument(description="The figure, and the source stating it.")]
FIGURE_INPUT_FIELDS = (("measure", "measure"), ("value", "value"), ("unit", "unit"), ("year", "year"),
                       ("scope", "scope"), ("approximate", "approximate"), ("territory", "territory"))


@strawberry.input(description="A figure: new (no id: publisher, measure, value and unit required) or corrected (id "
                  "and version: only the fields given change, null clears one). Removing needs only id, version, "
                  "source.")
class FigureInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="The figure's global id; not for "
                                                "addFigure.")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for addFigure.")
    publisher: strawberry.ID | None = strawberry.field(default=None, description="The global id of the "
                                                       "organization publishing it (addFigure).")
    territory: str | None = strawberry.field(default=strawberry.UNSET, description='The territory it counts, as '
                                             '"<level>:<code>" ("region:84", "departement:03").')
    measure: str | None = strawberry.field(default=strawberry.UNSET, description="What is measured (ess_jobs…).")
    value: float | None = strawberry.field(default=strawberry.UNSET, description="The value.")
    unit: str | None = strawberry.field(default=strawberry.UNSET, description="jobs, establishments or percent.")
    year: str | None = strawberry.field(default=strawberry.UNSET, description='The year it describes ("2012").')
    scope: str | None = strawberry.field(default=strawberry.UNSET, description="What exactly is counted.")
    approximate: bool | None = strawberry.field(default=strawberry.UNSET, description="True when the source gives it "
                                                "as approximate.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        publisher = graph_id_or_none(self.publisher, "Organization") if self.publisher else None
        territory = self.territory if isinstance(self.territory, str) else None
        return [publisher] if publisher else [], [territory] if territory else []

    scope_any: strawberry.Private[bool] = False

    def scope_subjects(self) -> list[tuple[str, str]]:
        graph_id = graph_id_or_none(self.id, "Figure") if self.id else None
        return [("Figure", graph_id)] if graph_id else []


@strawberry.type(description="What a figure mutation did.")
class FigurePayload(EditPayload):
    figure: Figure | None = strawberry.field(description="The figure as it is now (null once removed).")


def _value(fields: dict[str, object]) -> dict[str, object]:
    """A whole number is stored as an integer, as the seed format writes it."""
    value = fields.get("value")
    if isinstance(value, float) and value.is_integer():
        fields["value"] = int(value)
    return fields


async def _figure(ctx: Context, input: FigureInput, action: str) -> FigurePayload:
    decoded = Decoded()
    fields = _value(given(input, FIGURE_INPUT_FIELDS))
    graph_id = None
    if action == "add":
        fields["publisher"] = decoded.id(input.publisher, "input.publisher", "Organization")
    else:
        graph_id = decoded.id(input.id, "input.id", "Figure") or ""
    changes = FigureChanges(id=graph_id, fields=fields,
                            edit=edit_request(decoded, input))
    editing = FigureEditing(ctx.writer)
    run = {"add": editing.add, "correct": editing.correct, "remove": editing.remove}[action]
    outcome: Outcome = await edited(ctx, decoded, lambda: run(actor(ctx), changes))
    found = outcome.ids.get(FIGURE.section)
    record = await Figures.of(ctx).get(found) if found else None
    return FigurePayload(figure=Figure.from_record(record) if record else None, user_errors=user_errors(outcome),
                         replayed=outcome.replayed)


@strawberry.type
class FigureMutation:
    @strawberry.mutation(description="Record a figure an organization published, with its source.",
                         permission_classes=EDITORS)
    async def add_figure(self, info: Info[Context, None], input: Input[FigureInput]) -> FigurePayload | None:
        return await _figure(info.context, input, "add")

    @strawberry.mutation(description="Correct a figure: the fields given, from the version read.",
                         permission_classes=EDITORS)
    async def correct_figure(self, info: Info[Context, None], input: Input[FigureInput]) -> FigurePayload | None:
        return await _figure(info.context, input, "correct")

    @strawberry.mutation(description="Remove a figure recorded by mistake, from the version read; its Change keeps "
                         "what it was.", permission_classes=EDITORS)
    async def remove_figure(self, info: Info[Context, None], input: Input[FigureInput]) -> FigurePayload | None:
        return await _figure(info.context, input, "remove")
