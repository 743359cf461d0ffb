"""Early warning (意外致困预警): a signal another module holds about a member (a mutual-aid claim with a very large
self-paid cost) that the union dismissed with a reason. Signals themselves are read live, never copied."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models.scoped import OrgScopedModel


class WarningDismissal(OrgScopedModel):
    class Source(models.TextChoices):
        LARGE_SELF_PAID = "large_self_paid", _("Large self-paid medical cost")
        LEGAL_CASE = "legal_case", _("Legal case over unpaid wages or a work injury")

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("signal"), max_length=20, choices=Source.choices)
    reference = models.CharField(_("reference"), max_length=40)
    reason = models.CharField(_("reason"), max_length=300)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("dismissed early warning")
        verbose_name_plural = _("dismissed early warnings")
        constraints = [models.UniqueConstraint(fields=["source", "reference"], name="hardship_warning_once")]

    def __str__(self):
        return f"{self.source}:{self.reference}"
