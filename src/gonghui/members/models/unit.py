from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup, province_code_field


class Unit(ScopedByLookup, models.Model):
    """An employer (用人单位), identified by its unified social credit code, attached to its grassroots union
    (or to the joint union that takes in its workers)."""

    name = models.CharField(_("name"), max_length=150)
    name_pinyin = models.CharField(max_length=500, blank=True, db_index=True)
    name_initials = models.CharField(max_length=150, blank=True, db_index=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True, null=True,
                                   blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="units",
                            verbose_name=_("grassroots union"))
    staff_count = models.PositiveIntegerField(_("number of staff"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    province_code = province_code_field()  # on every large table: shardable by province
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("unit (employer)")
        verbose_name_plural = _("units (employers)")
        ordering = ["name"]

    def __str__(self):
        return self.name

