"""The hardship file's entry path (applied → screened → visited → cross-checked → public notice → approved → filed),
refusal at each step, exit (解困脱困) and return (返困, reopening the same file with its history); and aid's
three-person path (proposed → approved → paid)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import AidRecord, HardshipFile
from .roles import AID_APPROVE, AID_PAY, APPROVE, CHANGE

OPEN_STATES = ("applied", "screened", "visited", "checked", "notice", "approved")

FILE_FLOW = workflow.bind(HardshipFile, Workflow(
    "hardship_file", states=dict(HardshipFile.State.choices), initial=HardshipFile.State.APPLIED,
    audit_prefix="assistance.file.", owner=own_person("person_id"),
    notes={"member_add": _("Household member added"), "objection": _("Objection recorded"),
           "category": _("Category confirmed"), "permanent": _("Temporary file made permanent")},
    transitions=[
        Transition("screen", ("applied",), "screened", _("Screened by the grassroots union"), CHANGE),
        Transition("visit", ("screened",), "visited", _("Home visit done"), CHANGE),
        Transition("cross_check", ("visited",), "checked", _("Cross-check done"), CHANGE),
        Transition("publish", ("checked",), "notice", _("Put on public notice"), CHANGE),
        Transition("approve", ("notice",), "approved", _("Approve (county)"), APPROVE),
        Transition("file", ("approved",), "filed", _("File the household"), APPROVE),
        Transition("refuse", OPEN_STATES, "refused", _("Refuse"), CHANGE),
        Transition("exit", ("filed",), "exited", _("Lifted out of hardship"), CHANGE),
        Transition("reopen", ("exited",), "applied", _("Return to hardship (reopen)"), CHANGE),
    ],
))

AID_FLOW = workflow.bind(AidRecord, Workflow(
    "hardship_aid", states=dict(AidRecord.State.choices), initial=AidRecord.State.PROPOSED,
    audit_prefix="assistance.aid.",
    transitions=[
        Transition("approve", ("proposed",), "approved", _("Approve aid"), AID_APPROVE),
        Transition("refuse", ("proposed",), "refused", _("Refuse aid"), AID_APPROVE),
        Transition("pay", ("approved",), "paid", _("Mark paid"), AID_PAY),
    ],
))
