from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import TRANSFERS_DECIDE
from gonghui.core.workflow import Transition, Workflow

from .models import Transfer

S = Transfer.State

TRANSFER_FLOW = Workflow(
    "membership_transfer",
    states=dict(S.choices),
    initial=S.REQUESTED,
    transitions=[
        Transition("accept", (S.REQUESTED,), S.ACCEPTED, _("Accept"), TRANSFERS_DECIDE),
        Transition("refuse", (S.REQUESTED,), S.REFUSED, _("Refuse"), TRANSFERS_DECIDE),
        Transition("cancel", (S.REQUESTED,), S.CANCELLED, _("Cancel")),
    ],
)
