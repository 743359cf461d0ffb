from django.db import models
from django.utils.translation import gettext_lazy as _


class Seal(models.Model):
    """A money row's fingerprint at a moment that matters (a payout marked paid or failed), chained to the seal
    before it (core/seals.py). ``gonghui seal_verify`` recomputes every sealed row's fingerprint from the table and
    walks the chain, so a payout altered or deleted behind the platform's back shows up. Append-only (a trigger
    on PostgreSQL)."""

    at = models.DateTimeField(_("sealed at"))
    model = models.CharField(_("table"), max_length=60)
    object_id = models.BigIntegerField(_("row id"))
    digest = models.CharField(_("fingerprint"), max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("seal")
        verbose_name_plural = _("seals")
        indexes = [models.Index(fields=["model", "object_id", "-id"])]

    def __str__(self):
        return f"{self.model}:{self.object_id} {self.digest[:8]}"
