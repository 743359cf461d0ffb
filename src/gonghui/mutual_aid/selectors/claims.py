"""Claims: the review queue with filters and SLA age, one claim with its arithmetic and history, documents
(read through scope only, each read audited), and the worker's own cover and claims."""

import datetime
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core import scope
from gonghui.core.errors import NotFound
from gonghui.core.money import to_fen

from .. import permissions as P
from ..calculation import Calculation, compute_benefit, days_covered, describe
from ..models import Claim, ClaimDocument, Enrolment, Period, PersonAccount
from ..plans import BENEFIT_LABELS
from ..workflows import CLAIM_FLOW

# Days from submission within which a claim should be decided: each period's ``review_days`` (this default).
REVIEW_SLA_DAYS = Period._meta.get_field("review_days").default
QUEUE_STATES = (Claim.State.SUBMITTED, Claim.State.UNDER_REVIEW, Claim.State.AWAITING_SECOND)
_RELATED = ("person", "org", "period", "plan_version", "filed_by", "approved_by", "second_approver", "enrolment")


def claims_visible(user, permission: str = P.VIEW) -> QuerySet[Claim]:
    return scope.scoped(Claim.objects.select_related(*_RELATED), user, permission)


def claim_queue(user, *, state: str = "", benefit_type: str = "", period_id: int | None = None,
                org_id: int | None = None, query: str = "", overdue: bool = False,
                mine: bool = False) -> QuerySet[Claim]:
    """The reviewer's queue: open claims (or ``state``), oldest submission first; ``overdue``: past the review
    deadline of the claim's period. ``with_age`` attaches each row's age and overdue flag."""
    qs = claims_visible(user)
    qs = qs.filter(state=state) if state else qs.filter(state__in=QUEUE_STATES)
    if benefit_type:
        qs = qs.filter(benefit_type=benefit_type)
    if period_id:
        qs = qs.filter(period_id=period_id)
    if org_id:
        from gonghui.orgs import selectors as org_selectors

        qs = qs.filter(org__path__startswith=org_selectors.organisation_get(user, org_id).path)
    if overdue:
        qs = qs.filter(overdue_q())
    if mine:
        qs = qs.filter(Q(reviewed_by=user) | Q(approved_by=user))
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(person__name__contains=query) | Q(hospital__contains=query)
                       | Q(invoices__number=query.upper()) | Q(pk=_reference_id(query))).distinct()
    return qs.order_by(F("submitted_at").asc(nulls_last=True), "id")


def overdue_q(now=None) -> Q:
    """Claims whose age since submission (in whole days, as ``age_days``) is past their period's review deadline
    (open or not: callers add the states). One condition per distinct deadline among the periods (a handful),
    so the submission index still serves."""
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for days in Period.objects.order_by().values_list("review_days", flat=True).distinct():
        condition |= Q(period__review_days=days, submitted_at__lte=now - datetime.timedelta(days=days + 1))
    return condition


def claim_queue_filtered(user, *, state: str = "", benefit_type: str = "", period_id: int | None = None,
                         org_id: int | None = None, query: str = "", overdue: bool = False,
                         min_age_days: int | None = None, min_amount: Decimal | None = None,
                         max_amount: Decimal | None = None) -> QuerySet[Claim]:
    """The review queue narrowed further, as the queue page filters it: waiting at least ``min_age_days`` since
    submission, self-paid amount between ``min_amount`` and ``max_amount``."""
    qs = claim_queue(user, state=state, benefit_type=benefit_type, period_id=period_id, org_id=org_id,
                     query=query, overdue=overdue)
    if min_age_days:
        qs = qs.filter(submitted_at__lte=timezone.now() - datetime.timedelta(days=min_age_days))
    if min_amount is not None:
        qs = qs.filter(self_paid__gte=min_amount)
    if max_amount is not None:
        qs = qs.filter(self_paid__lte=max_amount)
    return qs


def with_age(claims) -> list[Claim]:
    """The claims of a page with ``age_days``, ``review_days`` (their period's deadline), ``overdue`` and
    ``benefit_label`` attached."""
    now = timezone.now()
    rows = list(claims)
    for claim in rows:
        claim.age_days = age_days(claim, now)
        claim.review_days = claim.period.review_days
        claim.overdue = is_overdue(claim, now)
        claim.benefit_label = BENEFIT_LABELS.get(claim.benefit_type, claim.benefit_type)
    return rows


def _reference_id(query: str) -> int:
    digits = query.rsplit("-", 1)[-1]
    return int(digits) if digits.isdigit() else 0


def age_days(claim: Claim, now=None) -> int | None:
    if claim.submitted_at is None:
        return None
    return ((now or timezone.now()) - claim.submitted_at).days


def is_overdue(claim: Claim, now=None) -> bool:
    """Still open after its period's review deadline."""
    age = age_days(claim, now)
    return claim.state in QUEUE_STATES and age is not None and age > claim.period.review_days


def claim_get(user, claim_id, permission: str = P.VIEW) -> Claim:
    return scope.get_scoped_or_404(Claim.objects.select_related(*_RELATED), user, permission, pk=claim_id)


def claim_history(claim: Claim):
    return CLAIM_FLOW.history(claim).order_by("at", "id")


# States in which a claim holds part of the person's cap per period (the approval charged the account).
CHARGED_STATES = (Claim.State.APPROVED, Claim.State.AWAITING_SECOND, Claim.State.IN_BATCH, Claim.State.PAID,
                  Claim.State.PAYMENT_FAILED)


def claim_calculation(claim: Claim) -> tuple[Calculation | None, bool]:
    """(the claim's arithmetic, recomputed?). Stored with the claim by the preview and the approval; for an
    approved claim loaded without its steps (the bulk-loaded history of the county and province demos, or claims
    taken over from an earlier system) recomputed from its plan version, its adjustment and what the person's
    claims approved before it had used — as the settlement recomputes it. None before the first calculation."""
    if claim.calculation:
        return Calculation.from_data(claim.calculation), False
    if claim.state not in CHARGED_STATES or not claim.plan_version_id or claim.approved_at is None:
        return None, False
    earlier = Claim.objects.filter(
        Q(approved_at__lt=claim.approved_at) | Q(approved_at=claim.approved_at, pk__lt=claim.pk),
        period_id=claim.period_id, person_id=claim.person_id, benefit_type=claim.benefit_type,
        state__in=CHARGED_STATES).aggregate(used=Sum("approved_amount"))["used"]
    enrolment = claim.enrolment
    calculation = compute_benefit(
        claim.plan_version.rules.benefit(claim.benefit_type), self_paid=claim.self_paid,
        used_in_period=to_fen(earlier),
        days_covered_at_admission=days_covered(enrolment.is_renewal, enrolment.cover_start, claim.admission_date),
        adjustment=claim.adjustment)
    return calculation, True


def claim_steps(calculation: Calculation | None) -> list[dict]:
    """Each step of a calculation with a translated sentence (empty before the first calculation)."""
    if calculation is None:
        return []
    return [{"code": s.code, "label": str(s.label), "before": s.amount_before, "after": s.amount_after,
             "text": describe(s), "changed": s.changed} for s in calculation.steps]


def claim_documents(claim: Claim) -> QuerySet[ClaimDocument]:
    """The claim's documents with their files (core.Attachment); callers have checked the claim is in sight."""
    return claim.documents.select_related("attachment").order_by("doc_type", "id")


def document_get(user, document_id, claim_id=None) -> ClaimDocument:
    """A document of a claim the user may see (staff with view over it, or the worker whose claim it is),
    optionally of one claim, without reading the file (to remove it: the service checks the permission)."""
    document = ClaimDocument.objects.select_related("claim__org", "claim__person", "claim__plan_version",
                                                    "attachment").filter(
        pk=_int(document_id)).first()
    if document is None or (claim_id is not None and document.claim_id != _int(claim_id)):
        raise NotFound()
    if not P.is_own_person(user, document.claim.person) and not scope.has_perm(user, P.VIEW, document.scope_path):
        raise NotFound()
    return document


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def person_for_claim(user, person_id):
    """A person the user may file a claim for: enrolled (in any period) through a union where the user holds
    claim_file."""
    enrolment = scope.scoped(Enrolment.objects.select_related("person"), user, P.CLAIM_FILE).filter(
        person_id=_int(person_id)).order_by("-period__number").first()
    if enrolment is None:
        raise NotFound()
    return enrolment.person


# --- the worker's own view ------------------------------------------------------------------------------

def my_claims(person) -> QuerySet[Claim]:
    return Claim.objects.filter(person=person).select_related("period", "org").order_by("-created_at", "-id")


def my_claim_get(person, claim_id) -> Claim:
    claim = Claim.objects.select_related(*_RELATED).filter(person=person, pk=_int(claim_id)).first()
    if claim is None:
        raise NotFound()
    return claim


def my_cover(person, on: datetime.date | None = None) -> dict | None:
    """The worker's cover: the period covering today (else the latest enrolment), its status, and for each
    benefit the caps and what is left of the period's cap."""
    from ..services.periods import plan_in_force

    on = on or timezone.localdate()
    enrolments = Enrolment.objects.filter(person=person).select_related("period", "org", "unit")
    enrolment = (enrolments.filter(period__coverage_start__lte=on, period__coverage_end__gte=on).first()
                 or enrolments.order_by("-period__number").first())
    if enrolment is None:
        return None
    period = enrolment.period
    version = plan_in_force(period, min(max(on, period.coverage_start), period.coverage_end))
    used = {a.benefit_type: a for a in PersonAccount.objects.filter(person=person, period=period)}
    benefits = []
    for code, rule in version.rules.benefits.items():
        account = used.get(code)
        spent = account.used if account else Decimal("0.00")
        benefits.append({"code": code, "label": str(rule.label), "cap_per_claim": rule.cap_per_claim,
                         "cap_per_period": rule.cap_per_period, "used": spent,
                         "remaining": max(rule.cap_per_period - spent, Decimal("0.00")),
                         "deductible": rule.deductible, "waiting_days": rule.waiting_days})
    covered = enrolment.status == Enrolment.Status.ACTIVE and period.coverage_start <= on <= period.coverage_end
    return {"period": period, "enrolment": enrolment, "covered": covered, "status": enrolment.status,
            "status_label": enrolment.get_status_display(), "cover_start": enrolment.cover_start,
            "cover_end": period.coverage_end, "claim_deadline": period.claim_deadline, "benefits": benefits}
