"""The grant waiting for a second person (issue 19 §4) on the workflow kit: a RoleRequest is approved or rejected
by someone who may grant the role there — never the person who asked for it nor the one who receives it (four
eyes, checked by the kit's gate and by a database constraint). The services (``orgs.services``) add what the kit
does not know: the grantable roles of the approver and the three administrators kept apart."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.roles import ROLES_MANAGE
from gonghui.core.workflow import Transition, Workflow

from .errors import RoleRequestOwn
from .models import RoleRequest

S = RoleRequest.Status
# The requester and the grantee: neither decides.
_NOT_THEIRS = ("requested_by_id", "user_id")

ROLE_REQUEST_FLOW = workflow.bind(RoleRequest, Workflow(
    "role_request",
    states=dict(S.choices),
    initial=S.PENDING,
    state_field="status",
    audit_prefix="role.request.",
    transitions=[
        # The audit codes predate the kit ("role.request.approved"); the log keeps one spelling.
        Transition("approve", (S.PENDING,), S.APPROVED, _("Approve"), ROLES_MANAGE, distinct_from=_NOT_THEIRS,
                   distinct_error=RoleRequestOwn, audit_action="role.request.approved"),
        Transition("reject", (S.PENDING,), S.REJECTED, _("Reject"), ROLES_MANAGE, distinct_from=_NOT_THEIRS,
                   distinct_error=RoleRequestOwn, audit_action="role.request.rejected"),
    ],
))
