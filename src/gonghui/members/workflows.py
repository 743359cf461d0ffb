from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.roles import MEMBERS_CHANGE, TRANSFERS_DECIDE
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import IdentityConflict, Transfer

S = Transfer.State

TRANSFER_FLOW = workflow.bind(Transfer, Workflow(
    "membership_transfer",
    states=dict(S.choices),
    initial=S.REQUESTED,
    audit_prefix="transfer.",
    owner=own_person("person_id"),  # the member who asked may withdraw their own request
    transitions=[
        Transition("accept", (S.REQUESTED,), S.ACCEPTED, _("Accept"), TRANSFERS_DECIDE),
        Transition("refuse", (S.REQUESTED,), S.REFUSED, _("Refuse"), TRANSFERS_DECIDE),
        # Withdrawing is the old union's business (or the member's own), not the receiving union's.
        Transition("cancel", (S.REQUESTED,), S.CANCELLED, _("Cancel"), MEMBERS_CHANGE,
                   scope_lookup="from_org__path", owner_may=True),
    ],
))

C = IdentityConflict.Status

# A self-registered identity the union's record met (issue 19 §3): an officer of the union resolves it
# (services.identity_conflict_confirm / _detach). The audit rows keep their codes and are recorded for the union, so
# its auditors read them; the conflict is found by an import or a registration (start / start_many).
IDENTITY_CONFLICT_FLOW = workflow.bind(IdentityConflict, Workflow(
    "identity_conflict",
    states=dict(C.choices),
    initial=C.PENDING,
    state_field="status",
    audit_prefix="person.identity_conflict.",
    audit_org="org_id",
    transitions=[
        Transition("confirm", (C.PENDING,), C.CONFIRMED, _("Confirm: the account is the person's"), MEMBERS_CHANGE,
                   audit_action="person.identity_conflict.confirmed"),
        Transition("detach", (C.PENDING,), C.DETACHED, _("Detach: close the account"), MEMBERS_CHANGE,
                   audit_action="person.identity_conflict.detached"),
    ],
))
