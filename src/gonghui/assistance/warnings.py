"""Early warning: members whose household may have fallen into hardship (意外致困), read from what other modules
already know, for their union to check. No automatic decision: the union opens a file from the list or dismisses
the signal with a reason (kept, audited).

Signals now: a mutual-aid claim (approved, in a payout batch or paid) whose self-paid cost is at least
``LARGE_SELF_PAID`` yuan. Read through ``gonghui.mutual_aid.selectors`` (scoped by the mutual-aid view permission)
and narrowed to where the reader may open hardship files."""

from decimal import Decimal

from django.db import IntegrityError, transaction

from gonghui.core import audit, scope
from gonghui.core.errors import Conflict
from gonghui.mutual_aid import selectors as mutual_aid_selectors

from .errors import ReasonRequired
from .models import HardshipFile, WarningDismissal
from .roles import CHANGE

LARGE_SELF_PAID = Decimal("30000.00")
SIGNAL_STATES = ("approved", "in_batch", "paid")
ACTIVE = ("applied", "screened", "visited", "checked", "notice", "approved", "filed")


def early_warnings(user, *, threshold: Decimal = LARGE_SELF_PAID):
    """Claims that signal a household in trouble, newest first: in the reader's scope for both modules, not
    dismissed, and the person not already in an open or filed hardship file."""
    dismissed = WarningDismissal.objects.filter(source="large_self_paid").values("reference")
    in_file = HardshipFile.objects.filter(state__in=ACTIVE).values("person_id")
    claims = (mutual_aid_selectors.claims_visible(user)
              .filter(scope.scope_q(user, CHANGE, "org__path"))
              .filter(self_paid__gte=threshold, state__in=SIGNAL_STATES)
              .exclude(person_id__in=in_file))
    refs = set(dismissed.values_list("reference", flat=True))
    return [c for c in claims.order_by("-pk")[:500] if str(c.pk) not in refs]


def warning_dismiss(*, actor, claim_id: int, reason: str) -> WarningDismissal:
    claim = mutual_aid_selectors.claim_get(actor, claim_id)  # out of sight: 404
    scope.require(actor, CHANGE, claim.org.path)
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ReasonRequired(field="reason")
    try:
        with transaction.atomic():
            row = WarningDismissal.objects.create(org_id=claim.org_id, person_id=claim.person_id,
                                                  source="large_self_paid", reference=str(claim.pk),
                                                  reason=reason[:300], dismissed_by=actor)
            audit.record("assistance.warning.dismiss", actor=actor, obj=row, detail={"claim": claim.pk})
    except IntegrityError:
        raise Conflict() from None
    return row
