"""The claim's process: states and transitions declared once (core.workflow); every step is in the history."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.workflow import Transition, Workflow

from . import permissions as P
from .models import Claim

S = Claim.State

CLAIM_FLOW = Workflow(
    "mutual_aid_claim",
    states=dict(S.choices),
    initial=S.DRAFT,
    transitions=[
        Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, _("Submit"), P.CLAIM_FILE),
        Transition("start_review", (S.SUBMITTED,), S.UNDER_REVIEW, _("Start the review"), P.REVIEW),
        Transition("return", (S.SUBMITTED, S.UNDER_REVIEW), S.RETURNED, _("Return for more"), P.REVIEW),
        Transition("approve", (S.UNDER_REVIEW,), S.APPROVED, _("Approve"), P.REVIEW),
        Transition("approve_first", (S.UNDER_REVIEW,), S.AWAITING_SECOND, _("Approve (first of two)"), P.REVIEW),
        Transition("approve_second", (S.AWAITING_SECOND,), S.APPROVED, _("Second approval"), P.APPROVE_LARGE),
        Transition("reject", (S.SUBMITTED, S.UNDER_REVIEW, S.AWAITING_SECOND), S.REJECTED, _("Reject"), P.REVIEW),
        Transition("batch", (S.APPROVED,), S.IN_BATCH, _("Put in a payout batch"), P.PAY),
        Transition("pay", (S.IN_BATCH,), S.PAID, _("Mark paid"), P.PAY),
        Transition("fail", (S.IN_BATCH,), S.PAYMENT_FAILED, _("Mark the payment failed"), P.PAY),
        Transition("requeue", (S.PAYMENT_FAILED,), S.APPROVED, _("Pay again"), P.PAY),
    ],
)

# History entries that move no state: a change of the payee's bank account and its review (services.bank_changes).
HISTORY_LABELS = {
    "bank_change_request": _("Another bank account asked for"),
    "bank_change_approve": _("Bank account change approved"),
    "bank_change_reject": _("Bank account change rejected"),
}
