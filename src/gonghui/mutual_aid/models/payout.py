from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


class PayoutBatch(ScopedByLookup, models.Model):
    """Approved claims of one union's subtree paid together: exported as a bank file, then marked paid (with the
    bank's reference) or failed claim by claim."""

    class Kind(models.TextChoices):
        CLAIMS = "claims", _("Claims")
        SECOND = "second", _("Second payouts")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        EXPORTED = "exported", _("Exported to the bank")
        CLOSED = "closed", _("Closed")

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("union"))
    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("period"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CLAIMS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, default=Decimal("0"))
    count = models.PositiveIntegerField(_("claims"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    exported_at = models.DateTimeField(_("exported"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    scope_path_lookup = "org__path"
    sealed_fields = ("org_id", "period_id", "kind", "status", "total", "count", "exported_at", "bank_reference",
                     "closed_at")

    class Meta:
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"PB{self.pk:06d}" if self.pk else "PB"


class Payout(ScopedByLookup, models.Model):
    """The payment of one approved claim, or of one second payout (二次补助) in a batch of those. At most one
    payout per claim (per second payout) that is not failed — a database constraint — so approving twice or
    batching twice can never pay twice; a failed payout stays as history and may be paid by a new one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts",
                              verbose_name=_("batch"))
    claim = models.ForeignKey("mutual_aid.Claim", on_delete=models.PROTECT, related_name="payouts",
                              verbose_name=_("claim"), null=True, blank=True)
    second_payout = models.ForeignKey("mutual_aid.SecondPayout", on_delete=models.PROTECT, related_name="payouts",
                                      verbose_name=_("second payout"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    bank_reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    scope_path_lookup = "batch__org__path"
    # what a payout paid or failed may never change behind the platform's back (core/seals.py)
    sealed_fields = ("batch_id", "claim_id", "second_payout_id", "amount", "status", "bank_reference",
                     "decided_by_id", "decided_at")

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["batch", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim"], condition=~models.Q(status="failed"),
                                    name="ma_one_live_payout_per_claim"),
            models.UniqueConstraint(fields=["second_payout"], condition=~models.Q(status="failed"),
                                    name="ma_one_live_payout_per_second_payout"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ma_payout_positive"),
            models.CheckConstraint(condition=models.Q(claim__isnull=False, second_payout__isnull=True)
                                   | models.Q(claim__isnull=True, second_payout__isnull=False),
                                   name="ma_payout_claim_or_second_payout"),
        ]

    def __str__(self):
        return f"{self.claim_id or self.second_payout_id}: {self.amount} ({self.status})"
