"""Early warning: members whose household may have fallen into hardship (意外致困), read from what other modules
already know, for their union to check. No automatic decision: the union opens a file from the list or dismisses
the signal with a reason (kept, audited).

Signals: a mutual-aid claim (approved, in a payout batch or paid) whose self-paid cost is at least
``LARGE_SELF_PAID`` yuan, read through ``gonghui.mutual_aid.selectors``; a legal-aid case over unpaid wages or a
work injury (not refused or withdrawn), read through ``gonghui.rights.selectors.hardship_signals``. Each is scoped
by its own module's view permission and narrowed to where the reader may open hardship files."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from gonghui.core import audit, scope
from gonghui.core.errors import Conflict, NotFound
from gonghui.mutual_aid import selectors as mutual_aid_selectors
from gonghui.rights import selectors as rights_selectors

from .errors import ReasonRequired
from .models import HardshipFile, WarningDismissal
from .roles import CHANGE

LARGE_SELF_PAID = Decimal("30000.00")
SIGNAL_STATES = ("approved", "in_batch", "paid")
ACTIVE = ("applied", "screened", "visited", "checked", "notice", "approved", "filed")


LARGE_SELF_PAID_SOURCE = "large_self_paid"
LEGAL_CASE_SOURCE = "legal_case"
SOURCES = (LARGE_SELF_PAID_SOURCE, LEGAL_CASE_SOURCE)


@dataclass(frozen=True)
class Signal:
    """One reason to look at a household: where it comes from, the row it points at, who and what."""

    source: str
    reference: str
    person_id: int
    person_name: str
    org_id: int
    org_name: str
    on: datetime.date | None
    amount: Decimal | None
    detail: str  # the claim's benefit or the case's dispute type (a code)


def _claims(user, threshold: Decimal, in_file):
    claims = (mutual_aid_selectors.claims_visible(user)
              .filter(scope.scope_q(user, CHANGE, "org__path"))
              .filter(self_paid__gte=threshold, state__in=SIGNAL_STATES)
              .exclude(person_id__in=in_file).select_related("person", "org"))
    return [Signal(LARGE_SELF_PAID_SOURCE, str(c.pk), c.person_id, c.person.name, c.org_id, c.org.name,
                   c.discharge_date or c.admission_date, c.self_paid, c.benefit_type)
            for c in claims.order_by("-pk")[:500]]


def _legal_cases(user, in_file):
    cases = (rights_selectors.hardship_signals(user).filter(scope.scope_q(user, CHANGE, "org__path"))
             .exclude(person_id__in=in_file).select_related("person", "org"))
    return [Signal(LEGAL_CASE_SOURCE, str(c.pk), c.person_id, c.person.name, c.org_id, c.org.name,
                   c.submitted_on, c.amount_claimed, c.dispute_type) for c in cases[:500]]


def early_warnings(user, *, threshold: Decimal = LARGE_SELF_PAID) -> list[Signal]:
    """Signals of a household in trouble, newest first: in the reader's scope for both modules, not dismissed,
    and the person not already in an open or filed hardship file."""
    in_file = HardshipFile.objects.filter(state__in=ACTIVE).values("person_id")
    dismissed = set(WarningDismissal.objects.values_list("source", "reference"))
    signals = [s for s in _claims(user, threshold, in_file) + _legal_cases(user, in_file)
               if (s.source, s.reference) not in dismissed]
    return sorted(signals, key=lambda s: (s.on or datetime.date.min, s.reference), reverse=True)


def _signal_row(actor, source: str, reference: str):
    """The claim or case a signal points at, as its own module shows it to the actor (404 out of sight)."""
    if not str(reference).isdigit():
        raise NotFound()
    if source == LARGE_SELF_PAID_SOURCE:
        return mutual_aid_selectors.claim_get(actor, int(reference))
    if source == LEGAL_CASE_SOURCE:
        return rights_selectors.case_get(actor, int(reference))
    raise NotFound()


def warning_dismiss(*, actor, source: str = LARGE_SELF_PAID_SOURCE, reference: str | int, reason: str
                    ) -> WarningDismissal:
    row = _signal_row(actor, source, str(reference))
    scope.require(actor, CHANGE, row.org.path)
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ReasonRequired(field="reason")
    try:
        with transaction.atomic():
            dismissal = WarningDismissal.objects.create(org_id=row.org_id, person_id=row.person_id, source=source,
                                                        reference=str(row.pk), reason=reason[:300],
                                                        dismissed_by=actor)
            audit.record("assistance.warning.dismiss", actor=actor, obj=dismissal,
                         detail={"source": source, "reference": row.pk})
    except IntegrityError:
        raise Conflict() from None
    return dismissal
