"""Roles of medical mutual aid, and its permissions added to the foundation roles (imported from ready())."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import roles

from . import permissions as P

REVIEWER = roles.register_role(roles.Role(
    "mutual_aid_reviewer", _("Mutual-aid reviewer"), 20,
    frozenset({roles.ORGS_VIEW, roles.MEMBERS_VIEW, P.VIEW, P.REVIEW, P.APPROVE_LARGE}),
    description=_("Reviews mutual-aid claims: approves, returns, rejects; gives the second approval of large "
                  "claims from the level above."),
))
CASHIER = roles.register_role(roles.Role(
    "mutual_aid_cashier", _("Mutual-aid cashier"), 20, frozenset({roles.ORGS_VIEW, P.VIEW, P.PAY}),
    description=_("Records contributions received, builds payout batches, exports the bank file and marks "
                  "payouts paid."),
))


def extend_foundation_roles() -> None:
    # approving, paying and settling move money: a role with any of them is granted by two people
    roles.register_money_permissions(P.REVIEW, P.APPROVE_LARGE, P.PAY, P.SETTLE)
    roles.extend_role("org_admin", P.ALL)
    roles.extend_role("member_officer", {P.VIEW, P.ENROL, P.CLAIM_FILE})
    roles.extend_role("reviewer", {P.VIEW, P.REVIEW})
    roles.extend_role("viewer", {P.VIEW})
