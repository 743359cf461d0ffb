"""The legal-aid case: intake → eligibility review (5 working days, paused while waiting for the worker) →
accepted or refused → assigned → in progress → closed; reopened when an agreement is not carried out."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import CourtMediation, Instalment, LegalCase
from .roles import RIGHTS_MANAGE, RIGHTS_WORK

CASE_FLOW = workflow.bind(LegalCase, Workflow(
    "legal_case", states=dict(LegalCase.State.choices), initial=LegalCase.State.SUBMITTED,
    audit_prefix="rights.case_", owner=own_person("person_id"), assignee_field="assignee",
    notes={"activity": _("Activity recorded"), "rated": _("Service rated"), "paper": _("Paper added"),
           "recorded": _("Recorded with this state"), "members": _("Workers of the group changed"),
           "split": _("Split: some workers moved to a new case"), "split_from": _("Created by a split"),
           "merged_in": _("Another case merged in")},
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
        Transition("reopen_unpaid", ("closed",), "in_progress", _("Reopen: a payment was not made"), RIGHTS_WORK),
        Transition("merge", ("submitted", "review", "waiting", "accepted", "assigned", "in_progress"), "merged",
                   _("Merge into another case"), RIGHTS_MANAGE),
        Transition("withdraw", ("submitted", "review", "waiting"), "withdrawn", _("Withdraw"), RIGHTS_MANAGE,
                   owner_may=True),
    ],
))

MEDIATION_FLOW = workflow.bind(CourtMediation, Workflow(
    "court_mediation", states=dict(CourtMediation.State.choices), initial=CourtMediation.State.REFERRED,
    audit_prefix="rights.mediation_",
    transitions=[
        Transition("begin", ("referred",), "mediating", _("Begin mediation"), RIGHTS_WORK,
                   scope_lookup="case__org__path"),
        Transition("agree", ("mediating",), "agreed", _("Record the agreement"), RIGHTS_WORK,
                   scope_lookup="case__org__path"),
        Transition("confirm", ("agreed",), "confirmed", _("Record the judicial confirmation"), RIGHTS_WORK,
                   scope_lookup="case__org__path"),
        Transition("give_back", ("referred", "mediating", "agreed"), "returned", _("Return to the court"),
                   RIGHTS_WORK, scope_lookup="case__org__path"),
    ],
))

INSTALMENT_FLOW = workflow.bind(Instalment, Workflow(
    "rights_instalment", states=dict(Instalment.State.choices), initial=Instalment.State.DUE,
    audit_prefix="rights.instalment_",
    transitions=[
        Transition("pay", ("due",), "paid", _("Record the payment"), RIGHTS_WORK, scope_lookup="case__org__path"),
        Transition("fail", ("due",), "failed", _("Record that it was not paid"), RIGHTS_WORK,
                   scope_lookup="case__org__path"),
    ],
))
