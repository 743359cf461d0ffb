from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import PROVINCE_CODE, ScopedByLookup


class Enrolment(ScopedByLookup, models.Model):
    """A person's participation in one period, enrolled by their grassroots union (a unit's roster, or one by
    one through a joint union). Cover is active once the unit's statement is paid; a member who leaves keeps
    cover to the end of the paid period."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        ACTIVE = "active", _("Covered")
        LATE_REQUESTED = "late_requested", _("Late: awaiting approval")
        REFUSED = "refused", _("Late request refused")

    class Category(models.TextChoices):  # snapshot of the person's category, for reports
        EMPLOYEE = "employee", _("Employee")
        MIGRANT = "migrant", _("Migrant worker")
        NEW_FORM = "new_form", _("New-employment-form worker")

    COUNTED = (Status.PENDING, Status.ACTIVE)  # on the unit's contribution statement

    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="enrolments",
                               verbose_name=_("period"))
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("union"))
    unit = models.ForeignKey("members.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit (employer)"))
    category = models.CharField(_("worker category"), max_length=12, choices=Category.choices,
                                default=Category.EMPLOYEE)
    shares = models.PositiveSmallIntegerField(_("shares"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    basic_insurance = models.BooleanField(_("holds basic medical insurance"), default=True)
    is_renewal = models.BooleanField(_("enrolled in the previous period"), default=False)
    late = models.BooleanField(_("late enrolment"), default=False)
    late_reason = models.CharField(_("reason for the late enrolment"), max_length=300, blank=True)
    late_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    late_decided_at = models.DateTimeField(null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"))
    cover_start = models.DateField(_("cover starts"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    province_code = models.CharField(max_length=2, default=PROVINCE_CODE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["period", "org", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="ma_enrolment_once_per_period"),
            models.CheckConstraint(condition=models.Q(shares__gte=1), name="ma_enrolment_shares"),
        ]
        indexes = [
            models.Index(fields=["period", "org"], name="ma_enrolment_period_org"),
            models.Index(fields=["period", "unit"], name="ma_enrolment_period_unit"),
        ]

    def __str__(self):
        return f"{self.person} / {self.period}"

    @property
    def is_counted(self) -> bool:
        return self.status in self.COUNTED
