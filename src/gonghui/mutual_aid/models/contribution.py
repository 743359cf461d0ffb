from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


class ContributionStatement(ScopedByLookup, models.Model):
    """What a unit owes for a period (headcount × shares × contribution) and what it paid. Reconciled after each
    payment: paid in full → cover active; short → pending and listed for follow-up; over → a credit."""

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SHORT = "short", _("Paid short")
        PAID = "paid", _("Paid")
        OVER = "over", _("Overpaid (credit)")

    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="statements",
                               verbose_name=_("period"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("union"))
    # Individual enrolments through a joint union have no unit: one statement for the union itself.
    unit = models.ForeignKey("members.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit (employer)"))
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    shares = models.PositiveIntegerField(_("shares"), default=0)
    amount_due = models.DecimalField(_("amount due"), max_digits=14, decimal_places=2, default=Decimal("0"))
    amount_paid = models.DecimalField(_("amount paid"), max_digits=14, decimal_places=2, default=Decimal("0"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DUE)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("contribution statement")
        verbose_name_plural = _("contribution statements")
        ordering = ["period", "org", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], condition=models.Q(unit__isnull=False),
                                    name="ma_statement_once_per_unit"),
            models.UniqueConstraint(fields=["period", "org"], condition=models.Q(unit__isnull=True),
                                    name="ma_statement_once_per_union_without_unit"),
            models.CheckConstraint(condition=models.Q(amount_due__gte=0, amount_paid__gte=0),
                                   name="ma_statement_amounts"),
        ]

    def __str__(self):
        return f"{self.unit or self.org} / {self.period}"

    @property
    def credit(self) -> Decimal:
        return max(self.amount_paid - self.amount_due, Decimal("0"))

    @property
    def outstanding(self) -> Decimal:
        return max(self.amount_due - self.amount_paid, Decimal("0"))


class Payment(ScopedByLookup, models.Model):
    """Money received against a statement. The bank reference is unique per statement, so recording the same
    transfer twice is refused."""

    statement = models.ForeignKey(ContributionStatement, on_delete=models.PROTECT, related_name="payments",
                                  verbose_name=_("statement"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    scope_path_lookup = "statement__org__path"

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "reference"], name="ma_payment_reference_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ma_payment_positive"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.amount}"

