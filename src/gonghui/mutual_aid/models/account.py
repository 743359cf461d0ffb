from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


class PersonAccount(ScopedByLookup, models.Model):
    """What a person has used of one benefit's cap in one period. Approval locks this row (SELECT … FOR UPDATE)
    before reading ``used``, so concurrent approvals for one person queue and can never pass the cap."""

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    period = models.ForeignKey("mutual_aid.Period", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("period"))
    benefit_type = models.CharField(_("benefit"), max_length=20)
    used = models.DecimalField(_("used"), max_digits=12, decimal_places=2, default=Decimal("0"))
    claims_approved = models.PositiveIntegerField(_("claims approved"), default=0)
    self_paid_total = models.DecimalField(_("self-paid costs"), max_digits=14, decimal_places=2,
                                          default=Decimal("0"))
    updated_at = models.DateTimeField(auto_now=True)

    scope_path_lookup = "person__current_org__path"

    class Meta:
        verbose_name = _("benefit account")
        verbose_name_plural = _("benefit accounts")
        constraints = [
            models.UniqueConstraint(fields=["person", "period", "benefit_type"], name="ma_account_once"),
            models.CheckConstraint(condition=models.Q(used__gte=0), name="ma_account_used_not_negative"),
        ]

    def __str__(self):
        return f"{self.person_id}/{self.period_id}/{self.benefit_type}: {self.used}"
