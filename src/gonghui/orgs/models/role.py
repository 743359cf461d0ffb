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
    # A role that handles money: the second person who approved the grant (RoleRequest).
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="role_once_per_org")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} @ {self.org}"



class RoleRequest(ScopedByLookup, models.Model):
    """A grant waiting for a second person (issue 19 §4): a role that handles money asked by one security
    administrator, or the first role of an account the system administrator created. It becomes a
    RoleAssignment only when someone else who may grant it approves; nobody approves their own request or a
    request for themself (checked by orgs.services, and by a database constraint)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_requests",
                             verbose_name=_("user"))
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="role_requests",
                            verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=40, choices=role_choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_path_lookup = "org__path"

    class Meta:
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], condition=models.Q(status="pending"),
                                    name="role_request_once_pending"),
            models.CheckConstraint(condition=models.Q(decided_by__isnull=True)
                                   | (~models.Q(decided_by=models.F("requested_by"))
                                      & ~models.Q(decided_by=models.F("user"))),
                                   name="role_request_decided_by_another"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} @ {self.org} ({self.status})"

