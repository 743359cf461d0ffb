"""What the module tells people: the applicant, at each step of their hardship file (with the coded reason when
refused or exited), and when aid to the household is approved or paid."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import Event, notify, register_event

FILE_STEP = "assistance.file_step"
AID_STEP = "assistance.aid_step"


def _labels(context: dict) -> dict:
    from .models import AidRecord, HardshipFile

    state, reason = context.get("state", ""), context.get("reason", "")
    state_label = (HardshipFile.State(state).label if state in HardshipFile.State.values
                   else AidRecord.State(state).label if state in AidRecord.State.values else "")
    reason_label = (HardshipFile.Refusal(reason).label if reason in HardshipFile.Refusal.values
                    else HardshipFile.ExitReason(reason).label if reason in HardshipFile.ExitReason.values else "")
    kind = context.get("kind", "")
    kind_label = AidRecord.Kind(kind).label if kind in AidRecord.Kind.values else ""
    return {**context, "state_label": state_label, "reason_label": reason_label or "—", "kind_label": kind_label}


def register() -> None:
    register_event(Event(
        FILE_STEP, _("Hardship file step"), _("Your hardship file: %(state_label)s"),
        _("Reason: %(reason_label)s. %(comment)s"), sms=True, prepare=_labels,
        example={"state": "refused", "reason": "income_above", "comment": "人均收入高于低保两倍"}))
    register_event(Event(
        AID_STEP, _("Hardship aid"), _("Aid to your household: %(kind_label)s %(amount)s (%(state_label)s)"),
        _("Ask your union if anything is unclear."), sms=True, prepare=_labels,
        example={"state": "approved", "kind": "living", "amount": "¥1,000.00"}))


def _applicant(file):
    return getattr(file.person, "user", None) if file.person_id else None


def tell_applicant(file, *, comment: str = "") -> None:
    """Inside the service's transaction, after the step: the worker hears where their file stands."""
    notify(_applicant(file), FILE_STEP, file,
           {"state": file.state, "reason": file.refusal_code if file.state == "refused" else
            (file.exit_code if file.state == "exited" else ""), "comment": comment[:200]},
           link=reverse("m_assistance:status"))


def tell_aid(aid) -> None:
    from gonghui.core.money import to_fen

    notify(_applicant(aid.file), AID_STEP, aid,
           {"state": aid.state, "kind": aid.kind, "amount": f"¥{to_fen(aid.amount):,}"},
           link=reverse("m_assistance:status"))
