"""Small helpers shared by the services: the transition gate, today's date, normalised invoice keys (money is
core.money)."""

import datetime
import itertools
import re
import unicodedata
from decimal import Decimal

from django.utils import timezone

from gonghui.core import workflow

# Amounts typed into claims, payments and periods: the widest money column (max_digits=12) holds less than
# 10^10 yuan, so a larger figure is a slip refused as one, not a database error.
MAX_YUAN = Decimal("1e10")
_SPACES = re.compile(r"[\s\u3000\-]+")


def gate(actor, obj, transition: str) -> None:
    """The permission the transition declares (workflows.py), asked through the one scope gate before a service
    reads or locks anything: 404 out of sight, 403 in sight without it. ``workflow.apply`` asks it again as it
    moves the case, so a step can never be taken without it."""
    flow = workflow.workflow_for(obj)
    flow.check(actor, obj, flow.transition(transition))


def by_reason(items: list, reason_of) -> list[tuple[str, list]]:
    """Failed payments grouped by the bank's reason: one bulk step per reason, each history row saying why."""
    ordered = sorted(items, key=lambda item: (reason_of(item), item.pk))
    return [(reason, list(group)) for reason, group in itertools.groupby(ordered, key=reason_of)]


def today() -> datetime.date:
    return timezone.localdate()


def normalise_key(value: str) -> str:
    """Full-width to half-width, no spaces or dashes, upper case: 'ＮＯ. 123-45 ' and 'no.12345' match."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def age_on(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
