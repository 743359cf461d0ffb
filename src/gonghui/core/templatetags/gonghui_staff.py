"""Template tags for the staff frame (base.html)."""

from django import template

from .. import audit
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
