"""What mutual aid tells people: the claimant when their claim moves (returned, approved, rejected, paid) and
when a second payout is paid; reviewers, once a day, how many claims are past their review deadline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import STAFF, Digest, Event, notify, notify_many, register_digest, register_event

CLAIM_RETURNED = "mutual_aid.claim_returned"
CLAIM_APPROVED = "mutual_aid.claim_approved"
CLAIM_REJECTED = "mutual_aid.claim_rejected"
CLAIM_PAID = "mutual_aid.claim_paid"
SECOND_PAYOUT_PAID = "mutual_aid.second_payout_paid"
CLAIMS_OVERDUE = "mutual_aid.claims_overdue"

_CLAIM = {"claim": "MA03-0000042", "amount": "1280.00"}


def _rejection_reason(context: dict) -> dict:
    """The reason's label in the reader's language (the message keeps the code)."""
    from .models import Claim

    code = context.get("code", "")
    label = Claim.RejectionCode(code).label if code in Claim.RejectionCode.values else ""
    return {**context, "reason": label}


def register() -> None:
    register_event(Event(
        CLAIM_RETURNED, _("Claim returned for more information"),
        _("Your mutual-aid claim %(claim)s was returned: something is missing"),
        _("The reviewer says: %(note)s"), sms=True,
        example={**_CLAIM, "note": "请补充出院小结"}))
    register_event(Event(
        CLAIM_APPROVED, _("Claim approved"),
        _("Your mutual-aid claim %(claim)s was approved: %(amount)s yuan"),
        _("The money is paid to the bank account given in the claim."), sms=True, example=_CLAIM))
    register_event(Event(
        CLAIM_REJECTED, _("Claim not approved"),
        _("Your mutual-aid claim %(claim)s was not approved"),
        _("Reason: %(reason)s %(note)s"), sms=True, prepare=_rejection_reason,
        example={**_CLAIM, "code": "not_covered", "note": ""}))
    register_event(Event(
        CLAIM_PAID, _("Claim paid"),
        _("Your mutual-aid claim %(claim)s was paid: %(amount)s yuan"),
        _("The bank has confirmed the payment."), sms=True, example=_CLAIM))
    register_event(Event(
        SECOND_PAYOUT_PAID, _("Second payout paid"),
        _("Your second payout of period %(period)s was paid: %(amount)s yuan"),
        _("The bank has confirmed the payment."), sms=True,
        example={"period": 3, "amount": "560.00"}))
    register_event(Event(
        CLAIMS_OVERDUE, _("Claims past their review deadline"),
        _("%(count)s claims are past their review deadline"),
        _("Open the review queue to decide them."), audience=STAFF, example={"count": 7}))
    register_digest(Digest("mutual_aid.claims_overdue", "mutual_aid.review", CLAIMS_OVERDUE,
                           count=_overdue_count, link=lambda: reverse("mutual_aid:claim_queue") + "?overdue=1"))


def _overdue_count(user) -> int:
    from .selectors import claim_queue

    return claim_queue(user, overdue=True).count()


def _claimant(claim):
    return claim.person.user if claim.person_id else None


def _link(claim) -> str:
    return reverse("m_mutual_aid:claim_detail", args=[claim.pk])


def tell_claimant(claim, event: str, **context) -> None:
    """Inside the service's transaction, after the claim moved."""
    notify(_claimant(claim), event, claim, {"claim": claim.reference, **context}, link=_link(claim))


def tell_claims_paid(claims) -> None:
    """Claims with ``person__user`` and ``period`` loaded."""
    notify_many([(_claimant(c), c, {"claim": c.reference, "amount": str(c.approved_amount)}) for c in claims],
                CLAIM_PAID, link=_link)


def tell_second_payouts_paid(items) -> None:
    """Second payouts with ``person__user`` and ``period`` loaded."""
    notify_many([(item.person.user, item, {"period": item.period.number, "amount": str(item.amount)})
                 for item in items], SECOND_PAYOUT_PAID)
