"""Permissions of the workforce module and who holds them (imported from WorkforceConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import extend_role, register_permission

WORKFORCE_VIEW = register_permission("workforce.view", _("See reform measures, training, skill levels and "
                                                         "competitions"))
WORKFORCE_CHANGE = register_permission("workforce.change", _("Record measures, courses, attendance, skill levels, "
                                                             "mentor pairs and competitions"), view=WORKFORCE_VIEW)
WORKFORCE_JUDGE = register_permission("workforce.judge", _("Enter judges' scores in skills contests"),
                                     view=WORKFORCE_VIEW)
WORKFORCE_EXPORT = register_permission("workforce.export", _("Export workforce lists"), view=WORKFORCE_VIEW)


def extend_foundation_roles() -> None:
    extend_role("org_admin", {WORKFORCE_VIEW, WORKFORCE_CHANGE, WORKFORCE_JUDGE, WORKFORCE_EXPORT})
    extend_role("member_officer", {WORKFORCE_VIEW, WORKFORCE_CHANGE, WORKFORCE_JUDGE, WORKFORCE_EXPORT})
    extend_role("reviewer", {WORKFORCE_VIEW})
    extend_role("viewer", {WORKFORCE_VIEW})
