"""Collective cases: one dispute of many workers against one employer (a building site's unpaid wages) as a group
case with its workers; split when some workers' claims must go their own way, merged when two requests turn out
to be one dispute; a case is locked while someone edits its group."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import audit, money, workflow

from ..errors import CaseLocked, GroupRuleBroken
from ..models import CaseMember, LegalCase
from ..workflows import CASE_FLOW
from ._common import require_manage
from .intake import MAX_YUAN

LOCK_MINUTES = 15
OPEN = ("submitted", "review", "waiting", "accepted", "assigned", "in_progress")


def case_lock(*, actor, case: LegalCase) -> LegalCase:
    """Take the edit lock for LOCK_MINUTES (again by the holder: extended). Someone else's live lock: CaseLocked."""
    require_manage(actor, case)
    now = timezone.now()
    until = now + datetime.timedelta(minutes=LOCK_MINUTES)
    free = Q(locked_by__isnull=True) | Q(locked_until__lt=now) | Q(locked_by=actor)
    with transaction.atomic():
        if not LegalCase.objects.filter(free, pk=case.pk).update(locked_by=actor, locked_until=until):
            raise CaseLocked()
        audit.record("rights.case_lock", actor=actor, obj=case, detail={"until": until.isoformat()})
    case.locked_by, case.locked_until = actor, until
    return case


def case_unlock(*, actor, case: LegalCase) -> LegalCase:
    require_manage(actor, case)
    with transaction.atomic():
        if LegalCase.objects.filter(pk=case.pk, locked_by=actor).update(locked_by=None, locked_until=None):
            audit.record("rights.case_unlock", actor=actor, obj=case)
    case.locked_by, case.locked_until = None, None
    return case


def _hold(actor, case: LegalCase) -> None:
    """Group edits need the lock (taken here when free); a live lock of someone else refuses them."""
    case_lock(actor=actor, case=case)


def _recount(case: LegalCase) -> None:
    rows = list(CaseMember.objects.filter(case=case).values_list("amount_claimed", flat=True))
    if rows:
        LegalCase.objects.filter(pk=case.pk).update(amount_claimed=money.money_sum(rows), workers_involved=len(rows),
                                                    collective=len(rows) > 1)
        case.refresh_from_db(fields=["amount_claimed", "workers_involved", "collective"])


def _ensure_first_member(case: LegalCase) -> None:
    if not CaseMember.objects.filter(case=case).exists():
        CaseMember.objects.create(case=case, person_id=case.person_id, amount_claimed=case.amount_claimed)


def member_add(*, actor, case: LegalCase, person, amount_claimed="0") -> CaseMember:
    """Add a worker to the group (the applicant stays the case's worker and its first member)."""
    _hold(actor, case)
    if case.state not in OPEN:
        raise GroupRuleBroken(_("The case is finished: reopen it first."))
    amount = money.parse_amount(amount_claimed, field="amount_claimed", maximum=MAX_YUAN)
    with transaction.atomic():
        _ensure_first_member(case)
        if CaseMember.objects.filter(case=case, person=person).exists() or CaseMember.objects.filter(
                person=person, case__employer_credit_code=case.employer_credit_code, case__state__in=OPEN,
        ).exclude(case=case).exclude(case__employer_credit_code="").exists():
            raise GroupRuleBroken(_("This worker is already in an open case against this employer."),
                                  field="person_id")
        member = CaseMember.objects.create(case=case, person=person, amount_claimed=amount)
        _recount(case)
        CASE_FLOW._log(case, "members", case.state, case.state, actor, f"+1 ({case.workers_involved})")
        audit.record("rights.member_add", actor=actor, obj=case, detail={"member": member.pk})
    return member


def member_remove(*, actor, case: LegalCase, person_id: int) -> None:
    _hold(actor, case)
    if person_id == case.person_id:
        raise GroupRuleBroken(_("The applicant cannot be removed: split the case instead."))
    with transaction.atomic():
        deleted, _rows = CaseMember.objects.filter(case=case, person_id=person_id).delete()
        if deleted:
            _recount(case)
            CASE_FLOW._log(case, "members", case.state, case.state, actor, f"-1 ({case.workers_involved})")
            audit.record("rights.member_remove", actor=actor, obj=case, detail={"person": person_id})


def case_split(*, actor, case: LegalCase, person_ids) -> LegalCase:
    """Move some workers of the group to a new case of their own (same employer, dispute and union); the first of
    them becomes its applicant. The new case starts where the old one stands in the decision (submitted)."""
    from .intake import case_create

    _hold(actor, case)
    person_ids = [int(p) for p in dict.fromkeys(person_ids)]
    members = list(CaseMember.objects.filter(case=case, person_id__in=person_ids).select_related("person"))
    if not members or len(members) != len(person_ids) or case.person_id in person_ids:
        raise GroupRuleBroken(_("Choose workers of the group other than the applicant."), field="person_ids")
    with transaction.atomic():
        new = case_create(actor=actor, org=case.org, person=members[0].person, channel=case.channel,
                          dispute_type=case.dispute_type, case_type=case.case_type, summary=case.summary,
                          employer_unit=case.employer_unit, employer_name=case.employer_name,
                          employer_credit_code=case.employer_credit_code, urgency=case.urgency,
                          hardship=case.hardship, court_name=case.court_name,
                          court_case_number=case.court_case_number, court_deadline=case.court_deadline)
        CaseMember.objects.filter(pk__in=[m.pk for m in members]).update(case=new)
        _recount(case)
        _recount(new)
        CASE_FLOW._log(case, "split", case.state, case.state, actor, new.reference)
        CASE_FLOW._log(new, "split_from", new.state, new.state, actor, case.reference)
        audit.record("rights.case_split", actor=actor, obj=case, detail={"new": new.pk, "workers": len(members)})
    return new


def case_merge(*, actor, case: LegalCase, into: LegalCase, comment: str = "") -> LegalCase:
    """The same dispute twice: ``case``'s workers join ``into`` (same employer), and ``case`` ends as merged."""
    _hold(actor, into)
    require_manage(actor, case)
    if case.pk == into.pk or into.state not in OPEN or case.employer_credit_code != into.employer_credit_code or (
            case.employer_name != into.employer_name and not case.employer_credit_code):
        raise GroupRuleBroken(field="into")
    with transaction.atomic():
        _ensure_first_member(case)
        _ensure_first_member(into)
        for member in CaseMember.objects.filter(case=case):
            if not CaseMember.objects.filter(case=into, person_id=member.person_id).exists():
                CaseMember.objects.filter(pk=member.pk).update(case=into)
        workflow.apply(case, "merge", actor=actor, flow=CASE_FLOW, comment=comment or into.reference,
                       merged_into=into, detail={"into": into.pk})
        _recount(into)
        CASE_FLOW._log(into, "merged_in", into.state, into.state, actor, case.reference)
    return into
