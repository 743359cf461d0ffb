from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import ScopedByLookup
from gonghui.core.roles import role_choices


class RoleAssignment(ScopedByLookup, models.Model):
    """A role held by a user at an organisation; it reaches the organisation's subtree (core.scope)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments",
                             verbose_name=_("user"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="role_assignments",
                            verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=40, choices=role_choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="role_once_per_org")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} @ {self.org}"

