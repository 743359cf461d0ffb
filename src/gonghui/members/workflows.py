from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.roles import MEMBERS_CHANGE, TRANSFERS_DECIDE
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import Transfer

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
