from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup
from gonghui.core.sensitive import SensitiveField

from .claim import BANK_ACCOUNT_PURPOSE, mask_account


class BankAccountChange(ScopedByLookup, models.Model):
    """A change of the payee's bank account asked after approval (a failed payment paid again to another
    account). It takes effect only when a second person — a reviewer, never the requester — approves it; until
    then the claim keeps its account and stays out of payout batches (issue 19 §4)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    claim = models.ForeignKey("mutual_aid.Claim", on_delete=models.PROTECT, related_name="bank_changes",
                              verbose_name=_("claim"))
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    # The same purpose as the claim's column: on approval the ciphertext's value moves to the claim.
    bank_account = SensitiveField(_("bank account"), purpose=BANK_ACCOUNT_PURPOSE, hash_field=None,
                                  tail_field="bank_account_tail", mask=mask_account)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_path_lookup = "claim__org__path"

    class Meta:
        verbose_name = _("bank account change")
        verbose_name_plural = _("bank account changes")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim"], condition=models.Q(status="pending"),
                                    name="ma_one_pending_bank_change_per_claim"),
            # the four-eyes rule held by the database too: the requester never decides
            models.CheckConstraint(condition=models.Q(decided_by__isnull=True)
                                   | ~models.Q(decided_by=models.F("requested_by")),
                                   name="ma_bank_change_decided_by_another"),
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.bank_account_masked} ({self.status})"

