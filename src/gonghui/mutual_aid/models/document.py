import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


def _document_path(instance, filename: str) -> str:
    # The stored name says nothing about the person; the original name is kept in a column.
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(instance.content_type, "bin")
    return f"mutual_aid/claims/{instance.claim_id}/{uuid.uuid4().hex}.{extension}"


class ClaimDocument(ScopedByLookup, models.Model):
    """A document of a claim (photo or PDF). Stored in the private storage, never under a public URL: it is read
    through the scoped API and pages only."""

    claim = models.ForeignKey("mutual_aid.Claim", on_delete=models.CASCADE, related_name="documents",
                              verbose_name=_("claim"))
    doc_type = models.CharField(_("document type"), max_length=40)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    scope_path_lookup = "claim__org__path"

    class Meta:
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")
        ordering = ["claim", "doc_type", "id"]

    def __str__(self):
        return f"{self.doc_type} #{self.pk}"

