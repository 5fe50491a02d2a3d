"""Partial dates: the calendar is checked and the bounds are the first and last day the text may mean."""

from datetime import date, datetime

import pytest

from graphdir.loader.dates import DateError, bounds, may_precede, parse_partial_date, parse_time


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2012", date(2012, 1, 1), date(2012, 12, 31)),
        ("2012-01", date(2012, 1, 1), date(2012, 1, 31)),
        ("2012-02", date(2012, 2, 1), date(2012, 2, 29)),  # leap year
        ("2011-02", date(2011, 2, 1), date(2011, 2, 28)),
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # not a leap year
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # leap year
        ("2012-04", date(2012, 4, 1), date(2012, 4, 30)),
        ("2012-01-20", date(2012, 1, 20), date(2012, 1, 20)),
        ("2012-02-29", date(2012, 2, 29), date(2012, 2, 29)),
    ],
)
def test_bounds_are_the_first_and_last_day_meant(text: str, first: date, last: date) -> None:
    parsed = parse_partial_date(text)
    assert (parsed.text, parsed.first, parsed.last) == (text, first, last)
    assert parsed.moment is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2012-02-30", "day 30 does not exist (2012-02 has 29 days)"),
        ("2011-02-29", "day 29 does not exist (2011-02 has 28 days)"),
        ("2012-04-31", "day 31 does not exist (2012-04 has 30 days)"),
        ("2012-13", "month 13 does not exist"),
        ("2012-00", "month 00 does not exist"),
        ("2012-01-00", "day 00 does not exist"),
        ("0000", "year 0000 does not exist"),
        ("12", "is not a date"),
        ("2012-1-5", "is not a date"),
        ("20/01/2012", "is not a date"),
        ("2012-01-20T14:00", "is not a date"),  # a time only where the field allows it
        ("", "is not a date"),
    ],
)
def test_impossible_or_malformed_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    assert message in str(caught.value)


def test_date_times_are_accepted_where_allowed_and_bound_to_their_day() -> None:
    parsed = parse_partial_date("2012-01-20T14:00", allow_time=True)
    assert (parsed.first, parsed.last, parsed.moment) == (date(2012, 1, 20), date(2012, 1, 20),
                                                          datetime(2012, 1, 20, 14, 0))
    assert parse_partial_date("2012-01-20T14:00:30", allow_time=True).moment == datetime(2012, 1, 20, 14, 0, 30)
    assert parse_partial_date("2012", allow_time=True).moment is None
    for bad in ("2012-01-20T24:00", "2012-01-20T14:60", "2012-02-30T10:00", "2012-01-20T9:00"):
        with pytest.raises(DateError):
            parse_partial_date(bad, allow_time=True)


def test_times_of_day() -> None:
    assert parse_time("18:30") == "18:30"
    assert parse_time("00:00") == "00:00"
    for bad in ("24:00", "18:60", "1830", "6:30", "18h30"):
        with pytest.raises(DateError):
            parse_time(bad)


def test_bound_properties_are_named_after_the_field() -> None:
    assert bounds("since", parse_partial_date("2012-02")) == {
        "sinceFrom": date(2012, 2, 1),
        "sinceTo": date(2012, 2, 29),
    }


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2012", "2012", True),
        ("2012", "2012-01", True),  # may well be in order
        ("2012-05", "2012-03", False),
        ("2012-05-10", "2012-05-10", True),
        ("2012-05-10", "2012-05-09", False),
        ("2013", "2012-12-31", False),
        ("2012-01-20T14:00", "2012-01-20T21:30", True),
        ("2012-01-20T21:30", "2012-01-20T14:00", False),  # same day, but the times say otherwise
        ("2012-01-20T21:30", "2012-01-20", True),
    ],
)
def test_order_of_partial_dates(start: str, end: str, ok: bool) -> None:
    assert may_precede(parse_partial_date(start, allow_time=True), parse_partial_date(end, allow_time=True)) is ok
