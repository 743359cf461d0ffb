"""The rights panel on a member's page: what the union's legal aid knows of the person (cases, money recovered)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import money, scope
from gonghui.core.web.panels import register_member_panel

from .. import selectors
from ..roles import RIGHTS_VIEW


def member_panel(request, person) -> dict | None:
    if not scope.has_perm(request.user, RIGHTS_VIEW, person.scope_path):
        return None
    cases = list(selectors.cases_of_person(request.user, person)[:20])
    if not cases:
        return {"title": _("Legal aid"), "items": [{"label": _("Cases"), "value": 0}]}
    recovered = money.money_sum(c.amount_recovered for c in cases if c.amount_recovered is not None)
    items = [{"label": _("Cases"), "value": len(cases)},
             {"label": _("Money recovered"), "value": recovered, "unit": "yuan"}]
    for case in cases[:5]:
        items.append({"label": f"{case.reference} · {case.get_dispute_type_display()}",
                      "value": case.get_state_display(), "url": reverse("rights:case_detail", args=[case.pk])})
    return {"title": _("Legal aid"), "items": items}


def register() -> None:
    register_member_panel(member_panel)
