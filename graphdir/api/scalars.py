"""Custom scalars: partial dates as the sources give them, and a strict ISO `Date` input."""

from __future__ import annotations

import datetime as dt
from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graphdir.domain.common.dates import InvalidDate, check_partial_date, check_partial_date_time, parse_iso_date


def _serialize_text(value: Any) -> str:
    return str(value)


def _parse_partial_date(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidDate("a PartialDate is a string")
    return check_partial_date(value)


def _parse_partial_date_time(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidDate("a PartialDateTime is a string")
    return check_partial_date_time(value)


def _serialize_date(value: dt.date) -> str:
    return value.isoformat()


def _parse_date(value: Any) -> dt.date:
    return parse_iso_date(value)


# Python types of the scalars (for annotations); their GraphQL definitions are in SCALAR_MAP (StrawberryConfig).
PartialDate = NewType("PartialDate", str)
PartialDateTime = NewType("PartialDateTime", str)

SCALAR_MAP: dict[object, ScalarDefinition] = {
    PartialDate: strawberry.scalar(
        name="PartialDate",
        description=(
            'A date as precise as its source: "2012" (some day of 2012), "2012-01" (some day of January 2012) or '
            '"2012-01-20" (ISO 8601 prefixes).'
        ),
        serialize=_serialize_text,
        parse_value=_parse_partial_date,
    ),
    PartialDateTime: strawberry.scalar(
        name="PartialDateTime",
        description=(
            'A local date and time as precise as its source: "2011-11", "2012-01-20" or "2012-01-20T14:00" '
            "(ISO 8601 prefixes, no time zone: the time of the place)."
        ),
        serialize=_serialize_text,
        parse_value=_parse_partial_date_time,
    ),
    # Replaces Strawberry's Date, which also takes "20120120" and other ISO 8601 variants.
    dt.date: strawberry.scalar(
        name="Date",
        description='A calendar day, ISO 8601 "YYYY-MM-DD" (e.g. "2012-01-20").',
        serialize=_serialize_date,
        parse_value=_parse_date,
    ),
}
