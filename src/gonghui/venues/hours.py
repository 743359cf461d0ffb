"""Opening hours and "open now" (Asia/Shanghai).

Weekly hours are a list of 7 days (Monday first), each a list of ``["HH:MM", "HH:MM"]`` intervals; a gap between
two intervals is a break. An interval whose end is not after its start runs past midnight into the next day
(``["20:00", "02:00"]``; ``["00:00", "00:00"]`` is the whole day and night). A venue open round the clock has
``open_24h``. Closures are date ranges (holidays, repairs): on a closed date the venue is shut all day, also in
the small hours that the previous evening's interval would have reached.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed

TZ = ZoneInfo("Asia/Shanghai")
DAY_MINUTES = 24 * 60
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
WEEKDAY_LABELS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
                  _("Sunday"))


def _minutes(text: str) -> int:
    match = _TIME.match(text or "")
    if not match:
        raise ValidationFailed(_("Times are written HH:MM, from 00:00 to 23:59."), code="hours_invalid",
                               field="weekly_hours")
    return int(match.group(1)) * 60 + int(match.group(2))


def normalise_weekly(raw) -> list[list[list[str]]]:
    """Validate weekly hours as given (a list of 7 lists of [start, end]); return them in canonical form."""
    if raw in (None, "", []):
        return [[] for _day in range(7)]
    if not isinstance(raw, list | tuple) or len(raw) != 7:
        raise ValidationFailed(_("Opening hours need one entry for each day of the week."), code="hours_invalid",
                               field="weekly_hours")
    week = []
    for day in raw:
        intervals = []
        for interval in day or []:
            if not isinstance(interval, list | tuple) or len(interval) != 2:
                raise ValidationFailed(_("Each opening interval has a start and an end."), code="hours_invalid",
                                       field="weekly_hours")
            start, end = (str(v).strip() for v in interval)
            _minutes(start), _minutes(end)
            intervals.append([start, end])
        week.append(sorted(intervals))
    return week


def parse_day_text(text: str) -> list[list[str]]:
    """"08:00-12:00, 14:00-18:00" (the form's way of writing a day) as intervals; empty = closed."""
    intervals = []
    for part in re.split(r"[,，;；\s]+", (text or "").strip()):
        if not part:
            continue
        bits = re.split(r"[-–~～]", part)
        if len(bits) != 2:
            raise ValidationFailed(_("Write a day as 08:00-12:00, 14:00-18:00."), code="hours_invalid")
        start, end = bits[0].strip(), bits[1].strip()
        if end == "24:00":
            end = "00:00"
        _minutes(start), _minutes(end)
        intervals.append([start, end])
    return sorted(intervals)


def day_text(intervals: Iterable) -> str:
    return ", ".join(f"{start}-{end if end != '00:00' else '24:00'}" for start, end in intervals)


@dataclass(frozen=True)
class Schedule:
    """Hours compiled for fast checks: per weekday, (start, end) minute pairs; end > DAY_MINUTES runs past
    midnight."""

    open_24h: bool
    days: tuple[tuple[tuple[int, int], ...], ...]
    closures: tuple[tuple[datetime.date, datetime.date], ...] = field(default=())

    @classmethod
    def build(cls, *, open_24h: bool, weekly_hours, closures: Iterable = ()) -> "Schedule":
        days = []
        for day in (weekly_hours or [[] for _day in range(7)])[:7]:
            compiled = []
            for start_text, end_text in day or []:
                start, end = _minutes(start_text), _minutes(end_text)
                compiled.append((start, end if end > start else end + DAY_MINUTES))
            days.append(tuple(compiled))
        while len(days) < 7:
            days.append(())
        return cls(bool(open_24h), tuple(days), tuple((start, end) for start, end in closures))

    def closed_on(self, day: datetime.date) -> bool:
        return any(start <= day <= end for start, end in self.closures)

    def is_open(self, at: datetime.datetime) -> bool:
        local = at.astimezone(TZ) if at.tzinfo else at.replace(tzinfo=TZ)
        today = local.date()
        if self.closed_on(today):
            return False
        if self.open_24h:
            return True
        minute = local.hour * 60 + local.minute
        weekday = local.weekday()
        if any(start <= minute < end for start, end in self.days[weekday]):
            return True
        # Yesterday's intervals that run past midnight reach into today.
        yesterday = self.days[(weekday - 1) % 7]
        return any(end > DAY_MINUTES and minute < end - DAY_MINUTES for _start, end in yesterday)

    def has_hours(self) -> bool:
        return self.open_24h or any(self.days)


def now() -> datetime.datetime:
    return datetime.datetime.now(TZ)
