"""Audit actions of the organisation tree and its role assignments."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction as A
from gonghui.core.audit import register_actions

register_actions(
    A("org.create", _("Organisation created")),
    A("org.update", _("Organisation changed")),
    A("role.grant", _("Role granted")),
    A("role.revoke", _("Role revoked")),
    A("user.create", _("Staff account created")),
    A("role.request", _("Role requested")),
    A("role.request.approved", _("Role request approved")),
    A("role.request.rejected", _("Role request rejected")),
    owner="orgs",
)
