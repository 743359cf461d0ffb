from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Append-only: who did what to which object, from where, and with what result.

    Each row carries the hash of the previous one (a hash chain), so an edit or deletion in the middle shows up
    in ``gonghui audit_verify``. Actor and organisation are stored as ids and labels, not foreign keys, so the
    log outlives the rows it talks about. On PostgreSQL a trigger also refuses UPDATE and DELETE.
    """

    class Result(models.TextChoices):
        SUCCESS = "success", _("success")
        DENIED = "denied", _("denied")
        FAILURE = "failure", _("failure")

    at = models.DateTimeField(_("at (UTC)"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    acting_org_id = models.BigIntegerField(_("acting for organisation"), null=True, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.SUCCESS)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class AuditAnchor(models.Model):
    """Where the audit chain starts after older rows were archived and purged (``gonghui audit_purge``): the id
    and hash of the last purged row, and the archive that holds them with its SHA-256, so the remaining log still
    verifies and the archive can be checked against it. Append-only like the log (a trigger on PostgreSQL)."""

    at = models.DateTimeField(_("at (UTC)"))
    purged_through_id = models.BigIntegerField(_("purged through event id"), unique=True)
    last_hash = models.CharField(_("hash of the last purged event"), max_length=64)
    count = models.PositiveIntegerField(_("events purged"))
    oldest_at = models.DateTimeField(_("oldest purged event"))
    newest_at = models.DateTimeField(_("newest purged event"))
    archive_name = models.CharField(_("archive"), max_length=200)
    archive_sha256 = models.CharField(_("archive SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("audit chain anchor")
        verbose_name_plural = _("audit chain anchors")
        ordering = ["-purged_through_id"]

    def __str__(self):
        return f"≤{self.purged_through_id} ({self.count})"
