from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel


class ReformMeasure(OrgScopedModel):
    """A supporting measure of the industrial-workforce reform (产改配套措施) adopted by the federation and its
    partners. Its implementation status moves only through MEASURE_FLOW; its document is a core.Attachment of
    the kind ``workforce.measure_document``."""

    class State(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        IMPLEMENTING = "implementing", _("Being implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Area(models.TextChoices):
        SKILLS = "skills", _("Skills and training")
        CAREERS = "careers", _("Careers and promotion")
        PAY = "pay", _("Pay and benefits")
        STANDING = "standing", _("Political and social standing")
        INNOVATION = "innovation", _("Innovation and competitions")
        ORGANISATION = "organisation", _("Union organisation")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    title_pinyin = models.CharField(max_length=600, blank=True)
    title_initials = models.CharField(max_length=200, blank=True)
    issuing_bodies = models.CharField(_("issuing bodies"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("date issued"), db_index=True)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.ADOPTED)

    class Meta:
        verbose_name = _("reform measure")
        verbose_name_plural = _("reform measures")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.title
