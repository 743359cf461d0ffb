"""The legal-aid case: intake → eligibility review (5 working days, paused while waiting for the worker) →
accepted or refused → assigned → in progress → closed; reopened when an agreement is not carried out."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import LegalCase
from .roles import RIGHTS_MANAGE, RIGHTS_WORK

CASE_FLOW = workflow.bind(LegalCase, Workflow(
    "legal_case", states=dict(LegalCase.State.choices), initial=LegalCase.State.SUBMITTED,
    audit_prefix="rights.case_", owner=own_person("person_id"), assignee_field="assignee",
    notes={"activity": _("Activity recorded"), "rated": _("Service rated"), "paper": _("Paper added")},
    transitions=[
        Transition("review", ("submitted",), "review", _("Start the eligibility review"), RIGHTS_MANAGE),
        Transition("ask_worker", ("submitted", "review"), "waiting", _("Ask the worker for more"), RIGHTS_MANAGE),
        Transition("resume", ("waiting",), "review", _("Resume the review"), RIGHTS_MANAGE, owner_may=True),
        Transition("accept", ("submitted", "review"), "accepted", _("Accept"), RIGHTS_MANAGE),
        Transition("refuse", ("submitted", "review", "waiting"), "refused", _("Refuse"), RIGHTS_MANAGE),
        Transition("assign", ("accepted", "assigned"), "assigned", _("Assign"), RIGHTS_MANAGE),
        Transition("start", ("assigned",), "in_progress", _("Start work"), RIGHTS_WORK),
        Transition("close", ("assigned", "in_progress"), "closed", _("Close"), RIGHTS_WORK),
        Transition("reopen", ("closed",), "in_progress", _("Reopen"), RIGHTS_MANAGE),
        Transition("withdraw", ("submitted", "review", "waiting"), "withdrawn", _("Withdraw"), RIGHTS_MANAGE,
                   owner_may=True),
    ],
))
