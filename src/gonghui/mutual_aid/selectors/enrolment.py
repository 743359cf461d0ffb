"""Enrolments, a unit's roster with each person's eligibility, contribution statements."""

from django.db.models import Count, Q, QuerySet, Sum

from gonghui.core import scope
from gonghui.core.money import to_fen
from gonghui.members import selectors as member_selectors

from .. import permissions as P
from ..models import ContributionStatement, Enrolment, Period
from ..services import enrolment as enrolment_services
from ..services.enrolment import CURRENT, eligibility, enrolled_in_previous_period, reason_labels


def enrolment_list(user, *, period_id: int | None = None, org_id: int | None = None, unit_id: int | None = None,
                   status: str = "", category: str = "", renewal: bool | None = None,
                   query: str = "") -> QuerySet[Enrolment]:
    qs = scope.scoped(Enrolment.objects.select_related("person", "org", "unit", "period"), user, P.VIEW)
    if period_id:
        qs = qs.filter(period_id=period_id)
    if org_id:
        qs = qs.filter(org_id=org_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if renewal is not None:
        qs = qs.filter(is_renewal=renewal)
    if (query or "").strip():
        qs = qs.filter(person__in=member_selectors.persons_visible(user).filter(
            member_selectors.person_search_q(query)).values("pk"))
    return qs.order_by("-period__number", "org_id", "id")


def enrolment_get(user, enrolment_id, permission: str = P.VIEW) -> Enrolment:
    return scope.get_scoped_or_404(Enrolment.objects.select_related("person", "org", "unit", "period"), user,
                                   permission, pk=enrolment_id)


def late_requests(user) -> QuerySet[Enrolment]:
    return enrolment_list(user, status=Enrolment.Status.LATE_REQUESTED).filter(
        scope.scope_q(user, P.REVIEW, "org__path")).order_by("created_at", "id")


def unit_roster(user, *, period: Period, unit) -> list[dict]:
    """The unit's current members with, for each, whether they are enrolled and, if not, why they could not be
    (for the enrolment page: tick the eligible, see the reasons of the others). Basic insurance is assumed."""
    memberships = list(member_selectors.membership_list(user, unit_id=unit.pk).filter(
        status__in=CURRENT).select_related("person").order_by("person__name", "id"))
    ids = [m.person_id for m in memberships]
    enrolled = {e.person_id: e for e in Enrolment.objects.filter(period=period, person_id__in=ids)}
    before = enrolled_in_previous_period(period, ids)
    rows = []
    for membership in memberships:
        person = membership.person
        reasons = eligibility(period, birth_date=person.birth_date, membership_status=membership.status,
                              basic_insurance=True, enrolled_before=person.pk in before)
        enrolment = enrolled.get(person.pk)
        rows.append({"person": person, "membership_status": membership.status, "enrolment": enrolment,
                     "renewal": person.pk in before, "reasons": reasons, "reason_labels": reason_labels(reasons),
                     "eligible": not reasons and enrolment is None})
    return rows


def statement_list(user, *, period_id: int | None = None, status: str = "", org_id: int | None = None,
                   query: str = "") -> QuerySet[ContributionStatement]:
    qs = scope.scoped(ContributionStatement.objects.select_related("org", "unit", "period"), user, P.VIEW)
    if period_id:
        qs = qs.filter(period_id=period_id)
    if status:
        qs = qs.filter(status=status)
    if org_id:
        qs = qs.filter(org_id=org_id)
    if (query or "").strip():
        qs = qs.filter(Q(unit__name__contains=query.strip()) | Q(org__name__contains=query.strip()))
    return qs.order_by("-period__number", "org_id", "id")


def statements_to_follow_up(user, *, period_id: int | None = None) -> QuerySet[ContributionStatement]:
    """Statements not paid in full: due or short."""
    return statement_list(user, period_id=period_id).filter(status__in=[ContributionStatement.Status.DUE,
                                                                        ContributionStatement.Status.SHORT],
                                                            amount_due__gt=0)


def statement_get(user, statement_id) -> ContributionStatement:
    return scope.get_scoped_or_404(ContributionStatement.objects.select_related("org", "unit", "period"), user,
                                   P.VIEW, pk=statement_id)


# --- what the enrolment and contribution pages show -------------------------------------------------------

def unit_enrolment_counts(period: Period | None, unit_ids) -> dict[int, int]:
    """How many people of each unit are counted in the period (for the units listed on one page)."""
    if period is None or not unit_ids:
        return {}
    rows = (Enrolment.objects.filter(period=period, unit_id__in=list(unit_ids), status__in=Enrolment.COUNTED)
            .order_by().values("unit_id").annotate(n=Count("id")))
    return {row["unit_id"]: row["n"] for row in rows}


def threshold_warning(period: Period, *, staff: int, participants: int) -> str:
    """The participation threshold's warning for a unit (empty when met): the enrolment service's own rule."""
    return enrolment_services.threshold_warning(period, staff=staff, participants=participants)


def enrolled_people(user, *, period: Period, unit) -> QuerySet[Enrolment]:
    return enrolment_list(user, period_id=period.pk, unit_id=unit.pk).order_by("person__name", "id")


def leavers(user, *, period_id: int | None) -> QuerySet[Enrolment]:
    return enrolment_list(user, period_id=period_id).filter(left_on__isnull=False).order_by("-left_on")


def statement_tabs(user, period_id: int | None) -> list[dict]:
    """Count of statements per reconciliation status (the tabs of the contributions page)."""
    qs = statement_list(user, period_id=period_id)
    counts = {r["status"]: r["n"] for r in qs.order_by().values("status").annotate(n=Count("id"))}
    return [{"code": code, "label": label, "count": counts.get(code, 0)}
            for code, label in ContributionStatement.Status.choices]


def statement_totals(qs: QuerySet[ContributionStatement]) -> dict:
    totals = qs.order_by().aggregate(due=Sum("amount_due"), paid=Sum("amount_paid"), n=Count("id"))
    return {"due": to_fen(totals["due"]), "paid": to_fen(totals["paid"]), "count": totals["n"]}
