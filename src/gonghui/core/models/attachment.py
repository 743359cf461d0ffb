from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoped import ScopedByLookup, province_code_field


def _upload_to(instance, filename):
    # A random name (the storage adds none of the uploader's words); the type is the sniffed one.
    import secrets

    return f"attachments/{instance.owner_type.replace('.', '/')}/{secrets.token_hex(16)}{instance.extension}"


class Attachment(ScopedByLookup, models.Model):
    """A private file attached to a business object of any app (owner type and id, not a foreign key: core
    imports no business app). Stored encrypted (core.files), checked by core.uploads, served only through the
    audited private file view (``/staff/files/<id>/``; ``/m/files/<id>/`` for the worker it belongs to).

    ``org_path`` is the owner's organisation path when the file was attached: lists and the file view are
    scoped by it. ``for_user`` is the worker whose own file it is (a worker uploading their papers)."""

    owner_type = models.CharField(_("attached to"), max_length=100)  # app_label.model
    owner_id = models.CharField(max_length=40)
    org_path = models.CharField(max_length=255)
    kind = models.CharField(_("kind"), max_length=60)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("file name given"), max_length=200, blank=True)
    file = models.FileField(upload_to=_upload_to, max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    for_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("worker it belongs to"))
    province_code = province_code_field()
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    scope_path_lookup = "org_path"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="attachment_owner"),
            models.Index(fields=["org_path"], name="attachment_path_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(size__gt=0), name="attachment_not_empty")]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def extension(self) -> str:
        from ..uploads import EXTENSIONS

        return EXTENSIONS.get(self.content_type, "")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
