from django.db import models
from django.utils.translation import gettext_lazy as _


class DemandPoint(models.Model):
    """A place where outdoor workers need a station: an imported delivery hotspot, or a demo population point.
    Coverage planning measures how many of them have an open station within walking distance."""

    class Source(models.TextChoices):
        HOTSPOT = "hotspot", _("Delivery hotspot")
        POPULATION = "population", _("Population point")

    county_code = models.CharField(_("county code"), max_length=6, db_index=True)
    lat = models.FloatField(_("latitude (WGS-84)"))
    lng = models.FloatField(_("longitude (WGS-84)"))
    weight = models.PositiveIntegerField(_("weight"), default=1)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.POPULATION)
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("demand point")
        verbose_name_plural = _("demand points")
        ordering = ["county_code", "id"]

    def __str__(self):
        return f"{self.county_code} ({self.lat:.5f}, {self.lng:.5f})"
