"""The venues module's processes: county approval of a new venue, a venue's opening status (open, temporarily
closed, closed), and a problem report's handling."""

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

# Not bound to the model (the approval is Venue's bound flow): services pass flow=STATUS_FLOW. Both write into
# the venue's one history.
VS = Venue.Status
STATUS_FLOW = Workflow(
    "venue_status", states=dict(VS.choices), initial=VS.OPEN, state_field="status", audit_prefix="venues.status_",
    transitions=[
        Transition("suspend", (VS.OPEN,), VS.TEMPORARILY_CLOSED, _("Close temporarily"), VENUES_CHANGE),
        Transition("close", (VS.OPEN, VS.TEMPORARILY_CLOSED), VS.CLOSED, _("Close for good"), VENUES_CHANGE),
        Transition("reopen", (VS.TEMPORARILY_CLOSED, VS.CLOSED), VS.OPEN, _("Reopen"), VENUES_CHANGE),
    ],
)


def status_step(current: str, target: str) -> str | None:
    """The STATUS_FLOW transition from ``current`` to ``target`` (None when they are the same)."""
    if current == target:
        return None
    for step in STATUS_FLOW.transitions.values():
        if current in step.sources and step.target == target:
            return step.name
    raise ValueError(f"no venue status step from {current} to {target}")


PROBLEM_FLOW = workflow.bind(ProblemReport, Workflow(
    "venue_problem", states=dict(ProblemReport.State.choices), initial=ProblemReport.State.SUBMITTED,
    audit_prefix="venues.problem_",
    transitions=[
        Transition("acknowledge", ("submitted",), "acknowledged", _("Start handling"), VENUES_OPERATE),
        Transition("resolve", ("submitted", "acknowledged"), "resolved", _("Mark resolved"), VENUES_OPERATE),
        Transition("dismiss", ("submitted", "acknowledged"), "dismissed", _("Dismiss"), VENUES_OPERATE),
    ],
))
