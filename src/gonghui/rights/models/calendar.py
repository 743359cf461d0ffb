from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A day of the official calendar that breaks the Monday–Friday rule: a public holiday (no work) or a
    make-up working day on a weekend (调休, ``is_workday``). The SLA clock counts working days through it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_workday = models.BooleanField(_("make-up working day"), default=False)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date} {self.name}"
