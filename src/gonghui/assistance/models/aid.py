"""Aid funds (with a balance that never goes below zero) and aid records given to filed households."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models.scoped import OrgScopedModel


class Fund(OrgScopedModel):
    name = models.CharField(_("name"), max_length=100)
    balance = models.DecimalField(_("balance"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("aid fund")
        verbose_name_plural = _("aid funds")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(balance__gte=0), name="hardship_fund_not_negative")]

    def __str__(self):
        return self.name


class AidRecord(OrgScopedModel):
    class Kind(models.TextChoices):
        LIVING = "living", _("Living aid")
        MEDICAL = "medical", _("Medical aid")
        SCHOOLING = "schooling", _("Schooling aid (金秋助学)")
        EMPLOYMENT = "employment", _("Employment aid")
        EMERGENCY = "emergency", _("Emergency aid")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REFUSED = "refused", _("Refused")

    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.PROTECT, related_name="aid")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="aid")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    given_on = models.DateField(_("date"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("aid record")
        verbose_name_plural = _("aid records")
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["file", "kind", "given_on"], name="hardship_aid_file_kind")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="hardship_aid_positive"),
            # three people for money: the approver is not the proposer, the payer neither of them
            models.CheckConstraint(condition=models.Q(approved_by__isnull=True)
                                   | ~models.Q(approved_by=models.F("proposed_by")),
                                   name="hardship_aid_approver_not_proposer"),
            models.CheckConstraint(condition=models.Q(paid_by__isnull=True)
                                   | (~models.Q(paid_by=models.F("proposed_by"))
                                      & ~models.Q(paid_by=models.F("approved_by"))),
                                   name="hardship_aid_payer_distinct"),
        ]

    scope_path_lookup = "org__path"
