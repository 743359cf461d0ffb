from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowLog(models.Model):
    """One row per transition of any process (transfer, claim, hardship file, case, article…): the one history
    schema that pages (templates/core/_history.html) and the API (core.api.workflow) show."""

    workflow = models.CharField(_("process"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64)
    transition = models.CharField(_("step"), max_length=60)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    # Set when the step hands the case to someone, or gives it a deadline (core.workflow's assignee and due date).
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("assigned to"))
    due_date = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.object_type}:{self.object_id} {self.from_state}->{self.to_state}"
