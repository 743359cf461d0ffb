"""The processes of medical mutual aid, declared once on the workflow kit (core.workflow): the claim, the period,
its settlement, the payout batch and the second payout. Services move them only with ``workflow.apply`` /
``apply_many`` (the transition's permission through the one scope gate, a conditional UPDATE, the history row and
the audit action ``<audit_prefix><transition>`` in one transaction)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow

from . import permissions as P
from .errors import BankChangeOwnRequest
from .models import BankAccountChange, Claim, PayoutBatch, Period, SecondPayout, Settlement

S = Claim.State

# The state a case was in when its history began: written by the migration that put periods, settlements, batches
# and second payouts on the kit (and by the demo's bulk loaders), so that no history is empty.
RECORDED = "recorded"
_RECORDED_NOTE = {RECORDED: _("State on record when its history began")}


CLAIM_FLOW = workflow.bind(Claim, Workflow(
    "mutual_aid_claim",
    states=dict(S.choices),
    initial=S.DRAFT,
    audit_prefix="mutual_aid.claim.",
    owner=P.owns_case,  # the worker's own claim (a verified identity only: issue 19 §3)
    transitions=[
        # The worker submits their own claim; staff need claim_file over the member's union.
        Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, _("Submit"), P.CLAIM_FILE, owner_may=True),
        Transition("start_review", (S.SUBMITTED,), S.UNDER_REVIEW, _("Start the review"), P.REVIEW),
        Transition("return", (S.SUBMITTED, S.UNDER_REVIEW), S.RETURNED, _("Return for more"), P.REVIEW),
        Transition("approve", (S.UNDER_REVIEW,), S.APPROVED, _("Approve"), P.REVIEW),
        Transition("approve_first", (S.UNDER_REVIEW,), S.AWAITING_SECOND, _("Approve (first of two)"), P.REVIEW),
        Transition("approve_second", (S.AWAITING_SECOND,), S.APPROVED, _("Second approval"), P.APPROVE_LARGE),
        Transition("reject", (S.SUBMITTED, S.UNDER_REVIEW), S.REJECTED, _("Reject"), P.REVIEW),
        # A claim awaiting the second approval is rejected by the level that gives it.
        Transition("reject_second", (S.AWAITING_SECOND,), S.REJECTED, _("Reject at the second approval"),
                   P.APPROVE_LARGE),
        Transition("batch", (S.APPROVED,), S.IN_BATCH, _("Put in a payout batch"), P.PAY),
        Transition("pay", (S.IN_BATCH,), S.PAID, _("Mark paid"), P.PAY),
        Transition("fail", (S.IN_BATCH,), S.PAYMENT_FAILED, _("Mark the payment failed"), P.PAY),
        Transition("requeue", (S.PAYMENT_FAILED,), S.APPROVED, _("Pay again"), P.PAY),
    ],
    # History entries that move no state: a change of the payee's bank account and its review
    # (services.bank_changes).
    notes={
        "bank_change_request": _("Another bank account asked for"),
        "bank_change_approve": _("Bank account change approved"),
        "bank_change_reject": _("Bank account change rejected"),
    },
))

PS = Period.Status

PERIOD_FLOW = workflow.bind(Period, Workflow(
    "mutual_aid_period",
    states=dict(PS.choices),
    initial=PS.DRAFT,
    state_field="status",
    audit_prefix="mutual_aid.period.",
    transitions=[
        Transition("open", (PS.DRAFT,), PS.OPEN, _("Open the period"), P.MANAGE_PERIODS),
        Transition("close", (PS.OPEN,), PS.CLOSED, _("Close the period"), P.MANAGE_PERIODS),
        # Taken only by the settlement's approval (services.settlement_approve), in the same transaction.
        Transition("settle", (PS.CLOSED,), PS.SETTLED, _("Settle the period"), P.SETTLE),
    ],
    notes=_RECORDED_NOTE,
))


def _started_it(actor, settlement) -> bool:
    """The settlement job acts for the person who started it: its own end (computed, failed) is theirs."""
    return actor is not None and actor.pk == settlement.started_by_id


SS = Settlement.Status

SETTLEMENT_FLOW = workflow.bind(Settlement, Workflow(
    "mutual_aid_settlement",
    states=dict(SS.choices),
    initial=SS.RUNNING,
    state_field="status",
    audit_prefix="mutual_aid.settlement.",
    owner=_started_it,
    transitions=[
        # Run again (before approval): the figures are computed afresh.
        Transition("start", (SS.REVIEW, SS.FAILED), SS.RUNNING, _("Run the settlement again"), P.SETTLE),
        Transition("compute", (SS.RUNNING,), SS.REVIEW, _("Figures computed"), P.SETTLE, owner_may=True),
        Transition("fail", (SS.RUNNING,), SS.FAILED, _("The computation failed"), P.SETTLE, owner_may=True),
        Transition("approve", (SS.REVIEW,), SS.APPROVED, _("Approve"), P.SETTLE),
    ],
    notes=_RECORDED_NOTE,
))

BS = PayoutBatch.Status

BATCH_FLOW = workflow.bind(PayoutBatch, Workflow(
    "mutual_aid_payout_batch",
    states=dict(BS.choices),
    initial=BS.OPEN,
    state_field="status",
    audit_prefix="mutual_aid.payout_batch.",
    transitions=[
        Transition("export", (BS.OPEN,), BS.EXPORTED, _("Bank file exported"), P.PAY),
        Transition("mark", (BS.EXPORTED,), BS.CLOSED, _("The bank's answer recorded"), P.PAY),
    ],
    notes=_RECORDED_NOTE,
))

SP = SecondPayout.Status

SECOND_PAYOUT_FLOW = workflow.bind(SecondPayout, Workflow(
    "mutual_aid_second_payout",
    states=dict(SP.choices),
    initial=SP.PAYABLE,
    state_field="status",
    audit_prefix="mutual_aid.second_payout.",
    transitions=[
        # A failed payment is taken again by the next batch, with the same account.
        Transition("batch", (SP.PAYABLE, SP.FAILED), SP.IN_BATCH, _("Put in a payout batch"), P.PAY),
        Transition("pay", (SP.IN_BATCH,), SP.PAID, _("Mark paid"), P.PAY),
        Transition("fail", (SP.IN_BATCH,), SP.FAILED, _("Mark the payment failed"), P.PAY),
    ],
    notes=_RECORDED_NOTE,
))

BC = BankAccountChange.Status

# A change of the payee's bank account (services.bank_changes): a reviewer decides, never the person who asked for
# it (four eyes in the kit's gate; a database constraint too). The claim's own history notes each step as well.
BANK_CHANGE_FLOW = workflow.bind(BankAccountChange, Workflow(
    "mutual_aid_bank_change",
    states=dict(BC.choices),
    initial=BC.PENDING,
    state_field="status",
    audit_prefix="mutual_aid.bank_change.",
    transitions=[
        Transition("approve", (BC.PENDING,), BC.APPROVED, _("Approve"), P.REVIEW, distinct_from="requested_by_id",
                   distinct_error=BankChangeOwnRequest),
        Transition("reject", (BC.PENDING,), BC.REJECTED, _("Reject"), P.REVIEW, distinct_from="requested_by_id",
                   distinct_error=BankChangeOwnRequest),
    ],
))
