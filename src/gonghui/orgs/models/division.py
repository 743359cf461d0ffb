from django.db import models
from django.utils.translation import gettext_lazy as _


class Division(models.Model):
    """An administrative division (GB/T 2260): province, prefecture-level or county-level."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        PREFECTURE = "prefecture", _("Prefecture / city")
        COUNTY = "county", _("County / district")

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent"))

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code"]
        constraints = [models.CheckConstraint(condition=models.Q(code__regex=r"^[0-9]{6}$"),
                                              name="division_code_six_digits")]

    def __str__(self):
        return f"{self.name} ({self.code})"
