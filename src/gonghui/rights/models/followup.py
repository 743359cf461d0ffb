from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup

from .case import LegalCase


class CourtMediation(ScopedByLookup, models.Model):
    """Court + union mediation (诉调对接) of a case the court referred: union mediation, the feedback letter to the
    court (委托调解反馈函) and then the agreement confirmed by the court (司法确认) or the case returned to it. The
    result comes back into the same legal-aid case."""

    class State(models.TextChoices):
        REFERRED = "referred", _("Referred by the court")
        MEDIATING = "mediating", _("Mediation under way")
        AGREED = "agreed", _("Agreement reached")
        CONFIRMED = "confirmed", _("Judicially confirmed")
        RETURNED = "returned", _("Returned to the court")

    case = models.OneToOneField(LegalCase, on_delete=models.CASCADE, related_name="mediation")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REFERRED)
    points_in_dispute = models.TextField(_("points in dispute"), blank=True)
    agreement_terms = models.TextField(_("terms of the agreement"), blank=True)
    agreed_amount = models.DecimalField(_("amount agreed"), max_digits=12, decimal_places=2, null=True, blank=True)
    return_reason = models.TextField(_("why it goes back to the court"), blank=True)
    feedback_on = models.DateField(_("feedback letter sent on"), null=True, blank=True)
    confirmation_number = models.CharField(_("judicial confirmation number"), max_length=60, blank=True)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path_lookup = "case__org__path"

    class Meta:
        verbose_name = _("court referral mediation")
        verbose_name_plural = _("court referral mediations")
        constraints = [
            models.CheckConstraint(condition=~Q(state="confirmed") | ~Q(confirmation_number=""),
                                   name="rights_confirmed_has_number"),
            models.CheckConstraint(condition=Q(agreed_amount__isnull=True) | Q(agreed_amount__gte=0),
                                   name="rights_agreed_not_negative"),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.get_state_display()}"


class Instalment(ScopedByLookup, models.Model):
    """One payment the employer owes under an agreement, award or judgment (履行监督): reminded before its date,
    the money actually received recorded; a failed payment reopens the case."""

    class State(models.TextChoices):
        DUE = "due", _("Due")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Not paid")

    case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount due"), max_digits=12, decimal_places=2)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DUE)
    received_amount = models.DecimalField(_("amount received"), max_digits=12, decimal_places=2, null=True,
                                          blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    scope_path_lookup = "case__org__path"

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="rights_instalment_positive"),
            models.CheckConstraint(condition=~Q(state="paid") | Q(received_amount__isnull=False),
                                   name="rights_paid_has_amount"),
        ]

    def __str__(self):
        return f"{self.due_on} {self.amount}"
