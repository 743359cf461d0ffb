"""Permissions of the hardship-worker module and who holds them (imported from AssistanceConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import roles
from gonghui.core.roles import register_permission

VIEW = register_permission("assistance.view", _("See hardship files, their history and aid"))
CHANGE = register_permission("assistance.change", _("Open hardship files and record screening, visits and checks"),
                             view=VIEW)
APPROVE = register_permission("assistance.approve", _("Approve and file hardship files (county level or above)"),
                              view=VIEW)
SENSITIVE = register_permission("assistance.sensitive", _("See household incomes, costs and health whole"),
                                view=VIEW, sensitive=True)
AID_PROPOSE = register_permission("assistance.aid_propose", _("Propose aid to a filed household"), view=VIEW)
AID_APPROVE = register_permission("assistance.aid_approve", _("Approve or refuse proposed aid"), view=VIEW)
AID_PAY = register_permission("assistance.aid_pay", _("Record approved aid as paid"), view=VIEW)
FUNDS = register_permission("assistance.funds", _("Keep hardship-aid funds and their balance"), view=VIEW)
STANDARDS = register_permission("assistance.standards", _("Keep the minimum-living standards per county"))
EXPORT = register_permission("assistance.export", _("Export hardship files"), view=VIEW)

ALL = {VIEW, CHANGE, APPROVE, SENSITIVE, AID_PROPOSE, AID_APPROVE, AID_PAY, FUNDS, STANDARDS, EXPORT}


def extend_foundation_roles() -> None:
    # approving and paying aid move money: a role holding either is granted by two people
    roles.register_money_permissions(AID_APPROVE, AID_PAY)
    roles.extend_role("org_admin", ALL)
    roles.extend_role("member_officer", {VIEW, CHANGE, AID_PROPOSE, EXPORT})
    roles.extend_role("reviewer", {VIEW, APPROVE, AID_APPROVE})
    roles.extend_role("viewer", {VIEW})
