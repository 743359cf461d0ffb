from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup
from gonghui.core.sensitive import SensitiveField

from .claim import mask_account


class Settlement(ScopedByLookup, models.Model):
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


class SecondPayoutCandidate(ScopedByLookup, models.Model):
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


class SecondPayout(ScopedByLookup, models.Model):
    """The second payout (二次补助) of one person in one period, payable once the settlement is approved: paid
    through a payout batch of second payouts like any other. One per person and period (a database constraint),
    so approving or batching twice can never pay twice. The account is the one of the person's latest claim in
    the period, kept encrypted."""

    class Status(models.TextChoices):
        PAYABLE = "payable", _("Payable")
        IN_BATCH = "in_batch", _("In a payout batch")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")

    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="second_payouts")
    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("period"))
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("union"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PAYABLE)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = SensitiveField(_("bank account"), purpose="mutual_aid.second_payout.bank_account",
                                  hash_field=None, tail_field="bank_account_tail", mask=mask_account, optional=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("approved by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("second payout")
        verbose_name_plural = _("second payouts")
        ordering = ["period", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "person"], name="ma_second_payout_once_per_period"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ma_second_payout_positive"),
        ]

    def __str__(self):
        return f"SP{self.pk:06d}" if self.pk else "SP"

