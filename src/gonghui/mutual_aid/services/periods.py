"""Periods (第N期) and their benefit plans: create, change, open, close; plan versions. A period is a case of
``workflows.PERIOD_FLOW`` (draft → open → closed → settled): each step through ``workflow.apply``, in its history."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gonghui.core import audit, money, workflow
from gonghui.core.errors import InvalidTransition

from .. import permissions as P
from ..errors import PeriodDatesInvalid, PeriodNotOpen, PeriodNumberTaken, PlanInUse, PlanMissing, SharesInvalid
from ..models import Claim, Enrolment, Period, PlanVersion
from ..plans import default_plan_data, parse_plan, plan_to_data
from ..workflows import PERIOD_FLOW
from ._common import MAX_YUAN, gate

FIRST_YEAR = 2004  # Yunnan's scheme started in 2004: period N covers the year 2004 + N

EDITABLE = ("coverage_start", "coverage_end", "enrolment_opens", "enrolment_deadline", "claim_deadline",
            "contribution_per_share", "max_shares", "min_age", "max_age", "require_basic_insurance",
            "continuous_cover_for_older", "threshold_percent", "small_unit_size", "second_approval_above",
            "review_days")
# Once members are enrolled these would change what they were charged or whether they could join.
LOCKED_BY_ENROLMENTS = ("coverage_start", "contribution_per_share", "max_shares", "min_age", "max_age",
                        "require_basic_insurance", "continuous_cover_for_older")


def default_dates(number: int) -> dict:
    """Yunnan's calendar for period ``number``: cover 1 Jan–31 Dec, enrolment 1 Nov–23 Dec of the year before,
    claims until 31 March of the year after."""
    year = FIRST_YEAR + number
    return {"coverage_start": datetime.date(year, 1, 1), "coverage_end": datetime.date(year, 12, 31),
            "enrolment_opens": datetime.date(year - 1, 11, 1), "enrolment_deadline": datetime.date(year - 1, 12, 23),
            "claim_deadline": datetime.date(year + 1, 3, 31)}


def _check_dates(values: dict) -> None:
    if values["coverage_end"] < values["coverage_start"]:
        raise PeriodDatesInvalid(_("The cover must end after it starts."), field="coverage_end")
    if values["enrolment_deadline"] < values["enrolment_opens"]:
        raise PeriodDatesInvalid(_("The enrolment deadline must be after enrolment opens."),
                                 field="enrolment_deadline")
    if values["enrolment_deadline"] > values["coverage_end"]:
        raise PeriodDatesInvalid(_("The enrolment deadline must be before the cover ends."),
                                 field="enrolment_deadline")
    if values["claim_deadline"] < values["coverage_end"]:
        raise PeriodDatesInvalid(_("The claim deadline must be on or after the end of the cover."),
                                 field="claim_deadline")
    if values["max_shares"] < 1 or values["max_shares"] > 10:
        raise SharesInvalid(field="max_shares")
    if not values["min_age"] < values["max_age"]:
        raise PeriodDatesInvalid(_("The minimum age must be below the maximum age."), field="max_age")
    if not 1 <= values["review_days"] <= 365:
        raise PeriodDatesInvalid(_("The review deadline is 1 to 365 days."), field="review_days")
    if values["threshold_percent"] > 100:
        raise PeriodDatesInvalid(_("The threshold is a percentage (0–100)."), field="threshold_percent")


def _clean(values: dict) -> dict:
    values = dict(values)
    values["contribution_per_share"] = money.parse_amount(values["contribution_per_share"],
                                                          field="contribution_per_share", allow_zero=False,
                                                          maximum=MAX_YUAN)
    values["second_approval_above"] = money.parse_amount(values["second_approval_above"],
                                                         field="second_approval_above", maximum=MAX_YUAN)
    _check_dates(values)
    return values


def period_create(*, actor, org, number: int, plan_data: dict | None = None, **settings) -> Period:
    """A new period in draft, with plan version 1: ``plan_data`` or the previous period's plan in force at its
    end or the default plan. Dates default to Yunnan's calendar for the number."""
    P.require(actor, P.MANAGE_PERIODS, org.path)
    if org.level != "province":
        raise PeriodDatesInvalid(_("Periods are run by the provincial federation."), field="org")
    unknown = set(settings) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown period settings: {sorted(unknown)}")
    defaults = {f.name: f.default for f in Period._meta.concrete_fields if f.name in EDITABLE and f.has_default()}
    values = _clean({**defaults, **default_dates(number), **{k: v for k, v in settings.items() if v is not None}})
    if plan_data is None:
        previous = Period.objects.filter(org=org, number=number - 1).first()
        latest = previous.plan_versions.order_by("-valid_from", "-version").first() if previous else None
        plan_data = latest.data if latest else default_plan_data()
    plan = plan_to_data(parse_plan(plan_data))
    try:
        with transaction.atomic():
            period = Period.objects.create(org=org, number=number, created_by=actor, **values)
            PlanVersion.objects.create(period=period, version=1, valid_from=period.coverage_start, data=plan,
                                       created_by=actor)
            PERIOD_FLOW.start(period, actor=actor)
            audit.record("mutual_aid.period.create", actor=actor, obj=period, acting_org_id=org.pk)
    except IntegrityError:
        raise PeriodNumberTaken(field="number") from None
    return period


def period_update(*, actor, period: Period, **changes) -> Period:
    P.require(actor, P.MANAGE_PERIODS, period.scope_path)
    if period.status in (Period.Status.CLOSED, Period.Status.SETTLED):
        raise PeriodNotOpen()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown period settings: {sorted(unknown)}")
    changes = {k: v for k, v in changes.items() if v is not None}
    values = _clean({**{name: getattr(period, name) for name in EDITABLE}, **changes})
    changed = [name for name in EDITABLE if values[name] != getattr(period, name)]
    if not changed:
        return period
    if set(changed) & set(LOCKED_BY_ENROLMENTS) and Enrolment.objects.filter(period=period).exists():
        raise PeriodNotOpen(_("Members are already enrolled: the contribution, shares, start of cover and "
                              "eligibility can no longer change."))
    with transaction.atomic():
        for name in changed:
            setattr(period, name, values[name])
        period.save(update_fields=changed)
        audit.record("mutual_aid.period.update", actor=actor, obj=period, detail={"fields": changed})
    return period


def _move(actor, period: Period, step: str) -> Period:
    try:
        workflow.apply(period, step, actor=actor)
    except InvalidTransition:
        # The period's own code, as before the kit: pages and the API tell the same thing.
        raise PeriodNotOpen(_("This step is not possible in the period's current state.")) from None
    return period


def period_open(*, actor, period: Period) -> Period:
    gate(actor, period, "open")
    if not period.plan_versions.exists():
        raise PlanMissing()
    return _move(actor, period, "open")


def period_close(*, actor, period: Period) -> Period:
    """No more enrolments or claims; settlement may start."""
    gate(actor, period, "close")
    return _move(actor, period, "close")


# --- plan versions ----------------------------------------------------------------------------------------

def plan_in_force(period: Period, on: datetime.date) -> PlanVersion | None:
    """The version applying on ``on``: the latest valid_from on or before it (the first version before that)."""
    versions = period.plan_versions.order_by("-valid_from", "-version")
    return versions.filter(valid_from__lte=on).first() or versions.last()


def plan_version_create(*, actor, period: Period, data: dict, valid_from: datetime.date | None = None,
                        note: str = "") -> PlanVersion:
    """A new version of the plan, applying to admissions from ``valid_from`` (claims already using an older
    version keep it)."""
    P.require(actor, P.MANAGE_PERIODS, period.scope_path)
    if period.status == Period.Status.SETTLED:
        raise PeriodNotOpen()
    plan = plan_to_data(parse_plan(data))
    valid_from = valid_from or period.coverage_start
    latest = period.plan_versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
    if latest and valid_from < latest:
        raise PeriodDatesInvalid(_("A new version cannot apply before the latest one (%(date)s).")
                                 % {"date": latest.isoformat()}, field="valid_from")
    if not period.coverage_start <= valid_from <= period.coverage_end:
        raise PeriodDatesInvalid(_("The version must apply from a day within the cover."), field="valid_from")
    with transaction.atomic():
        Period.objects.select_for_update().filter(pk=period.pk).first()  # one version number at a time
        number = (period.plan_versions.aggregate(n=Max("version"))["n"] or 0) + 1
        version = PlanVersion.objects.create(period=period, version=number, valid_from=valid_from, data=plan,
                                             note=note.strip()[:200], created_by=actor)
        audit.record("mutual_aid.plan.create", actor=actor, obj=version, detail={"valid_from": str(valid_from)})
    return version


def plan_version_update(*, actor, version: PlanVersion, data: dict, note: str | None = None) -> PlanVersion:
    """Correct a version no claim uses yet; once a claim uses it, a change must be a new version."""
    P.require(actor, P.MANAGE_PERIODS, version.scope_path)
    plan = plan_to_data(parse_plan(data))
    with transaction.atomic():
        PlanVersion.objects.select_for_update().filter(pk=version.pk).first()
        if Claim.objects.filter(plan_version=version).exists():
            raise PlanInUse()
        version.data = plan
        fields = ["data"]
        if note is not None:
            version.note, fields = note.strip()[:200], [*fields, "note"]
        version.save(update_fields=fields)
        audit.record("mutual_aid.plan.update", actor=actor, obj=version)
    return version


def contribution_due(period: Period, shares: int) -> Decimal:
    return period.contribution_per_share * shares
