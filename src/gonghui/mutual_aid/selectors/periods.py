"""Periods and plans. A period is the federation's scheme: anyone holding mutual_aid.view somewhere reads it
(every union below takes part); changing it needs manage_periods over the federation (services check)."""

from django.db.models import QuerySet
from django.utils import timezone

from gonghui.core import scope
from gonghui.core.errors import NotFound

from .. import permissions as P
from ..models import Period, PlanVersion
from ..workflows import PERIOD_FLOW


def period_list(user, *, status: str = "") -> QuerySet[Period]:
    if not scope.has_perm(user, P.VIEW):
        return Period.objects.none()
    qs = Period.objects.select_related("org")
    return qs.filter(status=status) if status else qs.order_by("-number", "-id")


def period_get(user, period_id) -> Period:
    try:
        return period_list(user).get(pk=period_id)
    except (Period.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def period_manage_get(user, period_id) -> Period:
    """A period the user may change (manage_periods over its federation); otherwise not found."""
    return scope.get_scoped_or_404(Period.objects.select_related("org"), user, P.MANAGE_PERIODS, pk=period_id)


def period_history(period: Period):
    """Every step of the period (created, opened, closed, settled), oldest first."""
    return PERIOD_FLOW.history(period)


def current_period(on=None) -> Period | None:
    """The open period whose cover includes ``on`` (today), else the latest open one."""
    on = on or timezone.localdate()
    open_periods = Period.objects.filter(status=Period.Status.OPEN).order_by("-number")
    return open_periods.filter(coverage_start__lte=on, coverage_end__gte=on).first() or open_periods.first()


def plan_versions(period: Period) -> QuerySet[PlanVersion]:
    return period.plan_versions.order_by("version")


def plan_version_get(user, version_id) -> PlanVersion:
    try:
        version = PlanVersion.objects.select_related("period__org").get(pk=version_id)
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    period_get(user, version.period_id)
    return version


def plan_summary(version: PlanVersion) -> list[dict]:
    """Each benefit of a plan in plain figures (for the period page and the worker's "my cover")."""
    rules = version.rules
    return [{
        "code": code, "label": str(rule.label), "deductible": rule.deductible, "cap_per_claim": rule.cap_per_claim,
        "cap_per_period": rule.cap_per_period, "waiting_days": rule.waiting_days,
        "bands": [{"upto": band.upto, "ratio": band.ratio} for band in rule.bands],
        "documents": [{"code": doc, "label": str(label)} for doc, label in rules.required_documents(code)],
    } for code, rule in rules.benefits.items()]
