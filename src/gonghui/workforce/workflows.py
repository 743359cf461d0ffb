"""The workforce module's processes: a reform measure's implementation, and a member's course enrolment."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import workflow
from gonghui.core.workflow import Transition, Workflow, own_person

from .models import Enrolment, ReformMeasure
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
