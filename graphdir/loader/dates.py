"""Partial ISO 8601 dates ("2012", "2012-01", "2012-01-20") and the two days that bound them.

A partial date is stored as written plus `<field>From` / `<field>To`, the first and last day it may mean, so that
"as it stood on D" is a range test on real dates. Event times ("2012-01-20T14:00") are accepted where a field allows
them; their bounds are the day they fall on. Everything here is pure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_DATETIME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?")
_TIME = re.compile(r"(?P<hour>\d{2}):(?P<minute>\d{2})")


class DateError(ValueError):
    """The text is not a partial date, or names a day the calendar does not have; the message says which."""


@dataclass(frozen=True)
class PartialDate:
    text: str
    first: date
    last: date
    # Set when the text names a time of day too ("2012-01-20T14:00").
    moment: datetime | None = None


def parse_partial_date(text: str, *, allow_time: bool = False) -> PartialDate:
    """`"2012"` -> 2012-01-01..2012-12-31, `"2012-02"` -> 2012-02-01..2012-02-29, `"2012-01-20"` -> that day."""
    if allow_time:
        match = _DATETIME.fullmatch(text)
        if match:
            hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
            _check_clock(hour, minute, second, text)
            whole_day = parse_partial_date(match["date"])
            first = whole_day.first
            moment = datetime(first.year, first.month, first.day, hour, minute, second)
            return PartialDate(text, first, whole_day.last, moment)
    match = _DATE.fullmatch(text)
    if match is None:
        shapes = '"YYYY", "YYYY-MM" or "YYYY-MM-DD"'
        if allow_time:
            shapes = '"YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"'
        raise DateError(f"{text!r} is not a date: expected {shapes}")
    year = int(match["year"])
    if year < 1:
        raise DateError(f"{text!r}: year 0000 does not exist")
    if match["month"] is None:
        return PartialDate(text, date(year, 1, 1), date(year, 12, 31))
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise DateError(f"{text!r}: month {match['month']} does not exist (01-12)")
    days = calendar.monthrange(year, month)[1]
    if match["day"] is None:
        return PartialDate(text, date(year, month, 1), date(year, month, days))
    day = int(match["day"])
    if not 1 <= day <= days:
        raise DateError(f"{text!r}: day {match['day']} does not exist ({year:04d}-{month:02d} has {days} days)")
    return PartialDate(text, date(year, month, day), date(year, month, day))


def parse_time(text: str) -> str:
    """A local time of day "HH:MM", returned unchanged when valid."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise DateError(f"{text!r} is not a time: expected \"HH:MM\"")
    _check_clock(int(match["hour"]), int(match["minute"]), 0, text)
    return text


def _check_clock(hour: int, minute: int, second: int, text: str) -> None:
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"{text!r}: no such time of day")


def may_precede(start: PartialDate, end: PartialDate) -> bool:
    """False when `end` certainly falls before `start`: its last possible day is before start's first, or both
    name a time of day and end's is earlier."""
    if start.moment is not None and end.moment is not None:
        return start.moment <= end.moment
    return start.first <= end.last


def bounds(field: str, value: PartialDate) -> dict[str, date]:
    """The stored bound properties of a partial date field: {"sinceFrom": first, "sinceTo": last}."""
    return {f"{field}From": value.first, f"{field}To": value.last}
