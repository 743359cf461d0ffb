from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup


def _document_path(instance, filename: str) -> str:
    """Where the first migration stored claim documents (its field still names this function); the files now
    live on as core.Attachment rows (migration 0007), under the same names."""
    return f"mutual_aid/claims/{instance.claim_id}/{filename}"


# The kind of core.Attachment a claim's documents are (declared in mutual_aid/attachments.py, the manifest).
CLAIM_DOCUMENT_KIND = "mutual_aid.claim_document"


class ClaimDocument(ScopedByLookup, models.Model):
    """A document of a claim: which of the plan's documents it is (``doc_type``) and the file itself, a private
    ``core.Attachment`` of the claim (kind ``mutual_aid.claim_document``: stored encrypted, read only through
    the audited file view ``/staff/files/<id>/``, or ``/m/files/<id>/`` for the worker whose claim it is).
    Who uploaded it, when, its type and size are the attachment's."""

    claim = models.ForeignKey("mutual_aid.Claim", on_delete=models.CASCADE, related_name="documents",
                              verbose_name=_("claim"))
    doc_type = models.CharField(_("document type"), max_length=40)
    attachment = models.OneToOneField("core.Attachment", on_delete=models.CASCADE, related_name="+",
                                      verbose_name=_("file"))

    scope_path_lookup = "claim__org__path"

    class Meta:
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")
        ordering = ["claim", "doc_type", "id"]

    def __str__(self):
        return f"{self.doc_type} #{self.pk}"

    # What the claim review shows, read from the attachment (select_related("attachment") in lists).
    @property
    def file(self):
        return self.attachment.file

    @property
    def content_type(self) -> str:
        return self.attachment.content_type

    @property
    def size(self) -> int:
        return self.attachment.size

    @property
    def original_name(self) -> str:
        return self.attachment.original_name

    @property
    def uploaded_by_id(self):
        return self.attachment.uploaded_by_id

    @property
    def uploaded_at(self):
        return self.attachment.created_at
