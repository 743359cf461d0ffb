"""The workforce module's processes: a reform measure's implementation, and a member's course enrolment."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow, own_person

from .errors import SecondPersonRequired
from .models import ContestTrade, Enrolment, ReformMeasure, ScoreCorrection
from .roles import WORKFORCE_CHANGE

MEASURE_FLOW = workflow.bind(ReformMeasure, Workflow(
    "workforce_measure", states=dict(ReformMeasure.State.choices), initial=ReformMeasure.State.ADOPTED,
    audit_prefix="workforce.measure_",
    transitions=[
        Transition("start", ("adopted",), "implementing", _("Start implementing"), WORKFORCE_CHANGE),
        Transition("complete", ("adopted", "implementing"), "implemented", _("Mark implemented"), WORKFORCE_CHANGE),
        Transition("withdraw", ("adopted", "implementing"), "withdrawn", _("Withdraw"), WORKFORCE_CHANGE),
    ],
))

ENROLMENT_FLOW = workflow.bind(Enrolment, Workflow(
    "workforce_enrolment", states=dict(Enrolment.State.choices), initial=Enrolment.State.ENROLLED,
    audit_prefix="workforce.enrolment_", owner=own_person("person_id"),
    transitions=[
        Transition("complete", ("enrolled",), "completed", _("Mark completed"), WORKFORCE_CHANGE),
        Transition("withdraw", ("enrolled",), "withdrawn", _("Withdraw"), WORKFORCE_CHANGE, owner_may=True),
    ],
))

CONTEST_FLOW = workflow.bind(ContestTrade, Workflow(
    "workforce_contest_trade", states=dict(ContestTrade.State.choices), initial=ContestTrade.State.REGISTERING,
    audit_prefix="workforce.contest_",
    transitions=[
        Transition("close", ("registering",), "scoring", _("Close registration, open scoring"), WORKFORCE_CHANGE),
        Transition("publish", ("scoring",), "published", _("Publish the results"), WORKFORCE_CHANGE),
    ],
))

# A correction of a published score: the person who decides is not the one who asked (four eyes in the gate).
CORRECTION_FLOW = workflow.bind(ScoreCorrection, Workflow(
    "workforce_score_correction", states=dict(ScoreCorrection.State.choices), initial=ScoreCorrection.State.REQUESTED,
    audit_prefix="workforce.correction_",
    transitions=[
        Transition("approve", ("requested",), "approved", _("Approve the correction"), WORKFORCE_CHANGE,
                   distinct_from="requested_by_id", distinct_error=SecondPersonRequired),
        Transition("reject", ("requested",), "rejected", _("Reject the correction"), WORKFORCE_CHANGE,
                   distinct_from="requested_by_id", distinct_error=SecondPersonRequired),
    ],
))
