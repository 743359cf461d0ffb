"""The decision clock: 5 working days across weekends, holidays, make-up working days and pauses."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.rights import sla

D = datetime.date
PLAIN = sla.Calendar()
# National Day 2026: 1–7 October off, Saturday 10 October a make-up working day.
NATIONAL_DAY = sla.Calendar(holidays=frozenset(D(2026, 10, d) for d in range(1, 8)),
                            workdays=frozenset({D(2026, 10, 10)}))


def test_monday_to_monday():
    assert sla.deadline(D(2026, 11, 30), PLAIN) == D(2026, 12, 7)  # Mon → next Mon


def test_friday_submission_skips_the_weekend():
    assert sla.deadline(D(2026, 12, 4), PLAIN) == D(2026, 12, 11)


def test_saturday_submission_counts_from_monday():
    assert sla.deadline(D(2026, 12, 5), PLAIN) == D(2026, 12, 11)


def test_holiday_week_and_make_up_day():
    # Submitted Tue 29 Sep: Wed 30 Sep (1), holidays 1–7 Oct, Thu 8 (2), Fri 9 (3), Sat 10 make-up (4), Mon 12 (5)
    assert sla.deadline(D(2026, 9, 29), NATIONAL_DAY) == D(2026, 10, 12)


def test_pause_moves_the_deadline_and_open_pause_has_none():
    start = D(2026, 11, 30)
    assert sla.deadline(start, PLAIN, [(D(2026, 12, 1), None)]) is None
    # paused Tue–Wed (resumed Thursday): two working days do not count
    assert sla.deadline(start, PLAIN, [(D(2026, 12, 1), D(2026, 12, 3))]) == D(2026, 12, 9)


def test_status_warns_on_the_last_working_day_and_then_overdue():
    due = D(2026, 12, 11)  # a Friday
    assert sla.status(D(2026, 12, 8), due, PLAIN) == "ok"
    assert sla.status(D(2026, 12, 10), due, PLAIN) == "warning"
    assert sla.status(D(2026, 12, 11), due, PLAIN) == "warning"
    assert sla.status(D(2026, 12, 14), due, PLAIN) == "overdue"
    assert sla.status(D(2026, 12, 14), None, PLAIN) == "paused"
    assert sla.working_days_left(D(2026, 12, 14), due, PLAIN) == -1


days = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))
calendars = st.builds(lambda h, w: sla.Calendar(frozenset(h), frozenset(w)),
                      st.sets(days, max_size=30), st.sets(days, max_size=10))


@st.composite
def pauses(draw):
    out = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(days)
        out.append((start, start + datetime.timedelta(days=draw(st.integers(0, 20)))))
    return out


@settings(max_examples=200, deadline=None)
@given(submitted=days, cal=calendars, paused=pauses())
def test_deadline_is_the_fifth_counted_working_day(submitted, cal, paused):
    due = sla.deadline(submitted, cal, paused)
    assert due > submitted and cal.is_working(due)
    counted = [d for d in (submitted + datetime.timedelta(days=i) for i in range(1, (due - submitted).days + 1))
               if cal.is_working(d) and not any(s <= d < e for s, e in paused)]
    assert len(counted) == sla.DECISION_WORKING_DAYS and counted[-1] == due


@settings(max_examples=200, deadline=None)
@given(submitted=days, cal=calendars, paused=pauses(), extra=pauses())
def test_more_pauses_never_bring_the_deadline_forward(submitted, cal, paused, extra):
    assert sla.deadline(submitted, cal, paused + extra) >= sla.deadline(submitted, cal, paused)


@settings(max_examples=200, deadline=None)
@given(submitted=days)
def test_without_holidays_five_working_days_are_a_week(submitted):
    due = sla.deadline(submitted, PLAIN)
    if submitted.weekday() < 5:
        assert due == submitted + datetime.timedelta(days=7)
    assert sla.working_days_between(submitted, due, PLAIN) == 5
