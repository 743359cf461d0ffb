"""The venues module's processes: county approval of a new venue, and a problem report's handling."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow

from .models import ProblemReport, Venue
from .roles import VENUES_APPROVE, VENUES_CHANGE, VENUES_OPERATE

APPROVAL_FLOW = workflow.bind(Venue, Workflow(
    "venue_approval", states=dict(Venue.Approval.choices), initial=Venue.Approval.PENDING, state_field="approval",
    audit_prefix="venues.",
    transitions=[
        Transition("approve", ("pending",), "approved", _("Approve"), VENUES_APPROVE),
        Transition("reject", ("pending",), "rejected", _("Return for changes"), VENUES_APPROVE),
        Transition("resubmit", ("rejected",), "pending", _("Submit again"), VENUES_CHANGE),
    ],
))

PROBLEM_FLOW = workflow.bind(ProblemReport, Workflow(
    "venue_problem", states=dict(ProblemReport.State.choices), initial=ProblemReport.State.SUBMITTED,
    audit_prefix="venues.problem_",
    transitions=[
        Transition("acknowledge", ("submitted",), "acknowledged", _("Start handling"), VENUES_OPERATE),
        Transition("resolve", ("submitted", "acknowledged"), "resolved", _("Mark resolved"), VENUES_OPERATE),
        Transition("dismiss", ("submitted", "acknowledged"), "dismissed", _("Dismiss"), VENUES_OPERATE),
    ],
))
