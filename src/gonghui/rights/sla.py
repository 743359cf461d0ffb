"""The decision clock (5 working days), as pure functions over dates: no database, no "today" of its own.

A working day is Monday–Friday unless the calendar names it a holiday, or a weekend day the calendar names a
make-up working day (调休). The clock starts the day after submission; working days on which the case was paused
(waiting for the worker: from the pause's first day up to, not including, the day it resumed) do not count. The
deadline is the working day on which the last counted day falls; an open pause has no deadline yet.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

DECISION_WORKING_DAYS = 5
WARN_WORKING_DAYS = 1  # warn when at most this many working days are left
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset = field(default_factory=frozenset)        # weekdays without work
    workdays: frozenset = field(default_factory=frozenset)        # weekend days with work (调休)

    def is_working(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


Pause = tuple[datetime.date, datetime.date | None]


def _paused(day: datetime.date, pauses: Iterable[Pause]) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in pauses)


def deadline(submitted: datetime.date, calendar: Calendar, pauses: Iterable[Pause] = (),
             days: int = DECISION_WORKING_DAYS) -> datetime.date | None:
    """The day by which the decision is due; None while a pause is open."""
    pauses = list(pauses)
    if any(end is None for _start, end in pauses):
        return None
    day, counted = submitted, 0
    while counted < days:
        day += ONE_DAY
        if calendar.is_working(day) and not _paused(day, pauses):
            counted += 1
    return day


def working_days_left(today: datetime.date, due: datetime.date, calendar: Calendar) -> int:
    """Working days from tomorrow up to and including ``due`` (0 on the due day; negative when overdue: minus
    the working days since)."""
    if today <= due:
        count, day = 0, today
        while day < due:
            day += ONE_DAY
            count += calendar.is_working(day)
        return count
    count, day = 0, due
    while day < today:
        day += ONE_DAY
        count += calendar.is_working(day)
    return -count


def status(today: datetime.date, due: datetime.date | None, calendar: Calendar) -> str:
    """"paused" (no deadline while waiting), "ok", "warning" (the last working day(s)) or "overdue"."""
    if due is None:
        return "paused"
    if today > due:
        return "overdue"
    return "warning" if working_days_left(today, due, calendar) <= WARN_WORKING_DAYS else "ok"


def working_days_between(start: datetime.date, end: datetime.date, calendar: Calendar) -> int:
    """Working days after ``start`` up to and including ``end`` (days to decision)."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += calendar.is_working(day)
    return count
