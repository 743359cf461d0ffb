"""Open now: breaks, evenings past midnight, 24 h, holiday closures (Asia/Shanghai)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.core.errors import ValidationFailed
from gonghui.venues.hours import TZ, Schedule, day_text, normalise_weekly, parse_day_text

MONDAY = datetime.date(2026, 3, 2)  # a Monday


def at(day: datetime.date, hh: int, mm: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hh, mm, tzinfo=TZ)


def week(*intervals):
    return [list(intervals)] * 7


def test_breaks():
    schedule = Schedule.build(open_24h=False, weekly_hours=week(["08:00", "12:00"], ["14:00", "18:00"]))
    assert schedule.is_open(at(MONDAY, 8, 0))
    assert schedule.is_open(at(MONDAY, 11, 59))
    assert not schedule.is_open(at(MONDAY, 12, 0))
    assert not schedule.is_open(at(MONDAY, 13, 30))
    assert schedule.is_open(at(MONDAY, 17, 59))
    assert not schedule.is_open(at(MONDAY, 18, 0))
    assert not schedule.is_open(at(MONDAY, 7, 59))


def test_evening_runs_past_midnight_into_the_next_day():
    hours = [[] for _ in range(7)]
    hours[0] = [["20:00", "02:00"]]  # Monday evening until Tuesday 02:00
    schedule = Schedule.build(open_24h=False, weekly_hours=hours)
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert schedule.is_open(at(MONDAY, 23, 30))
    assert schedule.is_open(at(tuesday, 0, 30))
    assert schedule.is_open(at(tuesday, 1, 59))
    assert not schedule.is_open(at(tuesday, 2, 0))
    assert not schedule.is_open(at(MONDAY, 0, 30))  # Sunday had no evening
    assert not schedule.is_open(at(tuesday, 20, 30))  # Tuesday has no hours of its own


def test_sunday_evening_wraps_to_monday():
    hours = [[] for _ in range(7)]
    hours[6] = [["22:00", "03:00"]]
    schedule = Schedule.build(open_24h=False, weekly_hours=hours)
    assert schedule.is_open(at(MONDAY, 2, 0))
    assert not schedule.is_open(at(MONDAY, 3, 0))


def test_whole_day_interval_and_24h():
    assert Schedule.build(open_24h=False, weekly_hours=week(["00:00", "00:00"])).is_open(at(MONDAY, 3))
    assert Schedule.build(open_24h=True, weekly_hours=[]).is_open(at(MONDAY, 3))
    assert not Schedule.build(open_24h=False, weekly_hours=[]).is_open(at(MONDAY, 12))


def test_holiday_closure_shuts_the_whole_day_even_for_24h_and_past_midnight():
    closed = (MONDAY + datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=2))
    schedule = Schedule.build(open_24h=True, weekly_hours=[], closures=[closed])
    assert schedule.is_open(at(MONDAY, 23, 59))
    assert not schedule.is_open(at(closed[0], 0, 0))
    assert not schedule.is_open(at(closed[1], 23, 59))
    assert schedule.is_open(at(closed[1] + datetime.timedelta(days=1), 0, 0))
    evening = Schedule.build(open_24h=False, weekly_hours=week(["20:00", "02:00"]), closures=[closed])
    assert not evening.is_open(at(closed[0], 1, 0))  # the tail of Monday's evening falls on a closed day


def test_time_zone_is_shanghai():
    schedule = Schedule.build(open_24h=False, weekly_hours=week(["08:00", "09:00"]))
    utc = datetime.datetime(2026, 3, 2, 0, 30, tzinfo=datetime.UTC)  # 08:30 in Shanghai
    assert schedule.is_open(utc)


def test_form_text_round_trip_and_validation():
    assert parse_day_text("08:00-12:00, 14:00-24:00") == [["08:00", "12:00"], ["14:00", "00:00"]]
    assert day_text([["08:00", "12:00"], ["14:00", "00:00"]]) == "08:00-12:00, 14:00-24:00"
    assert parse_day_text("") == []
    with pytest.raises(ValidationFailed):
        parse_day_text("8 to 12")
    with pytest.raises(ValidationFailed):
        normalise_weekly([[["25:00", "26:00"]]] * 7)
    with pytest.raises(ValidationFailed):
        normalise_weekly([[]] * 6)


minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


def hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


@settings(max_examples=300, deadline=None)
@given(start=minutes, end=minutes, probe=st.integers(min_value=0, max_value=2 * 24 * 60 - 1))
def test_one_interval_matches_a_minute_by_minute_model(start, end, probe):
    """A single Monday interval, checked against the plain definition over Monday and Tuesday."""
    hours = [[] for _ in range(7)]
    hours[0] = [[hhmm(start), hhmm(end)]]
    schedule = Schedule.build(open_24h=False, weekly_hours=hours)
    length = (end - start) % (24 * 60) or 24 * 60
    expected = start <= probe < start + length
    moment = at(MONDAY, 0) + datetime.timedelta(minutes=probe)
    assert schedule.is_open(moment) == expected
