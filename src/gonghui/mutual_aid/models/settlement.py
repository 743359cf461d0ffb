from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Settlement(models.Model):
    """The end of a period: totals, the second-payout candidates and amounts from the surplus, a review, and
    then the period is settled. Computed by a background job (core.jobs)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Computing")
        REVIEW = "review", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        FAILED = "failed", _("Failed")

    period = models.OneToOneField("mutual_aid.Period", on_delete=models.PROTECT, related_name="settlement",
                                  verbose_name=_("period"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_path_lookup = "period__org__path"

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self):
        return f"{self.period} ({self.status})"

    @property
    def scope_path(self) -> str:
        return self.period.org.path


class SecondPayoutCandidate(models.Model):
    """A person whose self-paid costs left after the first payouts qualify for the second payout (二次补助)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    self_paid_total = models.DecimalField(max_digits=14, decimal_places=2)
    paid_total = models.DecimalField(max_digits=14, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("second-payout candidate")
        verbose_name_plural = _("second-payout candidates")
        ordering = ["-amount", "id"]
        constraints = [models.UniqueConstraint(fields=["settlement", "person"], name="ma_candidate_once")]

    def __str__(self):
        return f"{self.person_id}: {self.amount}"
