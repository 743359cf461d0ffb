"""Small helpers shared by the services: the transition gate, today's date, money, normalised invoice keys."""

import datetime
import itertools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import workflow

from ..errors import AmountInvalid

CENT = Decimal("0.01")
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


def money(value, field: str, *, positive: bool = False) -> Decimal:
    """A Decimal amount in yuan with at most two decimals; never a float."""
    if isinstance(value, float | bool):
        raise AmountInvalid(field=field)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        raise AmountInvalid(field=field) from None
    if not number.is_finite() or number < 0 or (positive and number == 0) or number != number.quantize(CENT):
        raise AmountInvalid(_("The amount must be a number of yuan, at most two decimals, not negative."),
                            field=field)
    if number >= Decimal("1e10"):
        raise AmountInvalid(field=field)
    return number.quantize(CENT)


def cents(value) -> Decimal:
    """A sum from the database as exact yuan and fen: SQLite adds decimals as floating point
    (6402713.93999999), so every aggregate of money goes through here."""
    return Decimal(value or 0).quantize(CENT)


def normalise_key(value: str) -> str:
    """Full-width to half-width, no spaces or dashes, upper case: 'ＮＯ. 123-45 ' and 'no.12345' match."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def age_on(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
