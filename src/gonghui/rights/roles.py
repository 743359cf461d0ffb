"""Permissions of the rights module and who holds them (imported from RightsConfig.ready).

Officers (``rights.manage``) take cases in, decide eligibility, assign and close them, and read the papers.
Lawyers and mediators (``rights.work``) see and work only the cases assigned to them; they read those cases'
papers too. Papers are confidential: nobody else reads them, not even holders of ``rights.view``."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import Role, extend_role, register_permission, register_role

RIGHTS_VIEW = register_permission("rights.view", _("See legal-aid cases and their figures"))
RIGHTS_MANAGE = register_permission("rights.manage", _("Take in, decide, assign and close legal-aid cases"),
                                    view=RIGHTS_VIEW)
RIGHTS_PAPERS = register_permission("rights.papers", _("Read the confidential papers of legal-aid cases"),
                                    view=RIGHTS_VIEW)
RIGHTS_WORK = register_permission("rights.work", _("Work the legal-aid cases assigned to oneself"))
RIGHTS_EXPORT = register_permission("rights.export", _("Export the legal-aid case list"), view=RIGHTS_VIEW)

RIGHTS_OFFICER = register_role(Role(
    "rights_officer", _("Legal-aid officer"), 30,
    frozenset({RIGHTS_VIEW, RIGHTS_MANAGE, RIGHTS_PAPERS, RIGHTS_WORK, RIGHTS_EXPORT}),
    description=_("Takes in legal-aid requests, decides them, assigns lawyers and mediators, closes cases."),
))
CASE_WORKER = register_role(Role(
    "rights_case_worker", _("Lawyer or mediator"), 15, frozenset({RIGHTS_WORK}),
    description=_("Works the legal-aid and mediation cases assigned to them."),
))


def extend_foundation_roles() -> None:
    extend_role("org_admin", {RIGHTS_VIEW, RIGHTS_MANAGE, RIGHTS_PAPERS, RIGHTS_WORK, RIGHTS_EXPORT})
    extend_role("member_officer", {RIGHTS_VIEW})
    extend_role("viewer", {RIGHTS_VIEW})
