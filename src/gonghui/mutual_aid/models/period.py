from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


class Period(ScopedByLookup, models.Model):
    """One year of cover (第N期) run by a federation: dates, contribution, eligibility settings.

    Every number is a column so each period can differ; Yunnan's values are the defaults. The benefit plan is
    versioned data beside it (PlanVersion)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        SETTLED = "settled", _("Settled")

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("federation"))
    number = models.PositiveSmallIntegerField(_("period number"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    coverage_start = models.DateField(_("cover starts"))
    coverage_end = models.DateField(_("cover ends"))
    enrolment_opens = models.DateField(_("enrolment opens"))
    enrolment_deadline = models.DateField(_("enrolment deadline"))
    claim_deadline = models.DateField(_("claim deadline"))
    contribution_per_share = models.DecimalField(_("contribution per share"), max_digits=8, decimal_places=2,
                                                 default=Decimal("120.00"))
    max_shares = models.PositiveSmallIntegerField(_("shares allowed per person"), default=1)
    min_age = models.PositiveSmallIntegerField(_("minimum age (inclusive)"), default=16)
    max_age = models.PositiveSmallIntegerField(_("maximum age for new joiners (exclusive)"), default=55)
    require_basic_insurance = models.BooleanField(_("basic medical insurance required"), default=True)
    # Older members and retirees may join only if they were enrolled in the previous period (continuous cover).
    continuous_cover_for_older = models.BooleanField(_("older members and retirees only with continuous cover"),
                                                     default=True)
    threshold_percent = models.PositiveSmallIntegerField(_("participation threshold (per cent of staff)"), default=60)
    small_unit_size = models.PositiveSmallIntegerField(_("small units (all staff must join) up to"), default=10)
    second_approval_above = models.DecimalField(_("second approval above"), max_digits=12, decimal_places=2,
                                                default=Decimal("10000.00"))
    # Days from submission within which a claim should be decided: the review queue flags older ones overdue.
    review_days = models.PositiveSmallIntegerField(_("review deadline (days from submission)"), default=15)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("mutual-aid period")
        verbose_name_plural = _("mutual-aid periods")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], name="ma_period_number_once_per_org"),
            models.CheckConstraint(condition=models.Q(coverage_end__gte=models.F("coverage_start")),
                                   name="ma_period_cover_ends_after_start"),
            models.CheckConstraint(condition=models.Q(enrolment_deadline__gte=models.F("enrolment_opens")),
                                   name="ma_period_enrolment_window"),
            models.CheckConstraint(condition=models.Q(claim_deadline__gte=models.F("coverage_start")),
                                   name="ma_period_claim_deadline_after_start"),
            models.CheckConstraint(condition=models.Q(contribution_per_share__gt=0), name="ma_period_contribution"),
            models.CheckConstraint(condition=models.Q(max_shares__gte=1), name="ma_period_shares"),
            models.CheckConstraint(condition=models.Q(review_days__gte=1), name="ma_period_review_days"),
        ]

    def __str__(self):
        return _("Period %(number)s") % {"number": self.number}


class PlanVersion(ScopedByLookup, models.Model):
    """The benefit plan of a period as data (see plans.py). A version used by a claim is never changed: a change
    makes a new version that applies from ``valid_from``."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="plan_versions",
                               verbose_name=_("period"))
    version = models.PositiveSmallIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    data = models.JSONField(_("plan"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_path_lookup = "period__org__path"

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["period", "version"]
        constraints = [models.UniqueConstraint(fields=["period", "version"], name="ma_plan_version_once")]

    def __str__(self):
        return f"{self.period} v{self.version}"

    @property
    def rules(self):
        """The parsed plan, parsed once per instance while ``data`` is the same object (a settlement or a bulk
        load asks for it hundreds of thousands of times; parsing costs about 2 ms)."""
        from ..plans import parse_plan

        cached = self.__dict__.get("_parsed_rules")
        if cached is None or cached[0] is not self.data:
            cached = self.__dict__["_parsed_rules"] = (self.data, parse_plan(self.data))
        return cached[1]
