"""Partial ISO 8601 dates ("2012", "2012-01", "2012-01-20") and strict ISO dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from graphdir.domain.common.errors import InvalidArgument

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PARTIAL_DATE_TIME = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidDate(InvalidArgument):
    """A date string that is not what it should be; the message says why. Raised by scalars' parsers, which do not
    know the argument: the API finds it."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


def check_partial_date(value: str) -> str:
    """`value` if it is a valid partial date ("2012", "2012-01", "2012-01-20"), else InvalidDate."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise InvalidDate(f"{value!r} is not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _check_parts(value, match.group(1), match.group(2), match.group(3))
    return value


def check_partial_date_time(value: str) -> str:
    """`value` if it is a valid partial date-time ("2012-01-20T14:00", "2012-01-20", "2012"), else InvalidDate."""
    match = _PARTIAL_DATE_TIME.match(value)
    if not match:
        raise InvalidDate(f"{value!r} is not a partial ISO date-time (YYYY[-MM[-DD[Thh:mm[:ss]]]])")
    year, month, day, hour, minute, second = match.groups()
    _check_parts(value, year, month, day)
    if hour is not None and (int(hour) > 23 or int(minute) > 59 or (second is not None and int(second) > 59)):
        raise InvalidDate(f"{value!r} has an impossible time")
    return value


def parse_iso_date(value: str) -> dt.date:
    """A full ISO date (YYYY-MM-DD, nothing else), else InvalidDate."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise InvalidDate(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidDate(f"{value!r} is not a date of the calendar") from exc


def partial_date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may mean: "2012" -> (2012-01-01, 2012-12-31)."""
    match = _PARTIAL_DATE.match(check_partial_date(value))
    assert match
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day_value = dt.date(year, month, day)
    return day_value, day_value


def _check_parts(value: str, year: str, month: str | None, day: str | None) -> None:
    if month is not None and not 1 <= int(month) <= 12:
        raise InvalidDate(f"{value!r} has no month {month}")
    if day is not None:
        try:
            dt.date(int(year), int(month or 1), int(day))
        except ValueError as exc:
            raise InvalidDate(f"{value!r} is not a date of the calendar") from exc
