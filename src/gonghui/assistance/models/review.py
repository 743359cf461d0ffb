"""The yearly review of a filed household (at least once a year): its own record with a snapshot, the rule version,
the result, who decided (the rules' job, or a person — a person's decision is never undone by a re-run) and the
spot check by the level above."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.fields import EncryptedTextField
from gonghui.core.models.scoped import OrgScopedModel


class YearlyReview(OrgScopedModel):
    class Result(models.TextChoices):
        KEEP = "keep", _("Still in hardship")
        EXIT = "exit", _("Out of hardship: withdraw the file")
        CHECK = "check", _("Needs a closer look")

    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    # members, incomes, costs and the arithmetic at the time: encrypted like the incomes themselves
    snapshot = EncryptedTextField(_("snapshot"), purpose="assistance.income", blank=True, default="")
    rule_version = models.CharField(_("rule version"), max_length=20)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    manual = models.BooleanField(_("decided by a person"), default=False)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                 blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True, default="")
    spot_checked = models.BooleanField(_("spot-checked"), default=False)
    spot_check_result = models.CharField(_("spot-check result"), max_length=300, blank=True, default="")
    spot_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                        null=True, blank=True)

    class Meta:
        verbose_name = _("yearly review")
        verbose_name_plural = _("yearly reviews")
        ordering = ["file_id"]
        constraints = [models.UniqueConstraint(fields=["file", "year"], name="hardship_one_review_a_year")]

    def __str__(self):
        return f"{self.file_id}/{self.year}"
