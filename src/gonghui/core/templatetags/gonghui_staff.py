"""Template tags for the staff frame (base.html)."""

from django import template
from django.utils.translation import gettext as _

from .. import audit, workflow
from ..auth import policy
from ..web import acting

register = template.Library()


@register.simple_tag(takes_context=True)
def org_switcher(context) -> dict:
    """Choices for the organisation switcher; none until every sign-in step is done."""
    request = context.get("request")
    if request is None or not policy.session_fully_authenticated(request) or request.user.is_worker:
        return {"choices": [], "current": None}
    return {"choices": acting.acting_choices(request.user), "current": acting.current_acting_org(request)}


@register.filter
def audit_label(code: str) -> str:
    """The translated label of an audit action code (old aliases included); the code itself if unknown."""
    return audit.action_label(code)


@register.filter
def step_label(log) -> str:
    """The translated label of a history row's step ("create" is the case being opened)."""
    try:
        return str(workflow.get_workflow(log.workflow).step_label(log.transition))
    except KeyError:
        return str(_("Created")) if log.transition == "create" else log.transition


@register.filter
def state_label(log) -> str:
    try:
        return str(workflow.get_workflow(log.workflow).state_label(log.to_state))
    except KeyError:
        return log.to_state
