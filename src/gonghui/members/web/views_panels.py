"""The members panel on the staff home page (registered with core.web.panels in MembersConfig.ready)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import roles, scope
from gonghui.core.indicators import indicator_value

from .. import selectors


def members_home_panel(request) -> dict | None:
    user = request.user
    if not scope.has_perm(user, roles.MEMBERS_VIEW):
        return None
    today = timezone.localdate()  # the figures are the registry's (core.indicators), read as of today
    items = [
        {"label": _("Members in my scope"), "value": indicator_value("members.members", None, today, today, user=user),
         "url": reverse("members:person_list")},
        {"label": _("Units in my scope"), "value": indicator_value("members.units", None, today, today, user=user),
         "url": reverse("members:unit_list")},
    ]
    if scope.has_perm(user, roles.TRANSFERS_DECIDE):
        items.append({"label": _("Transfers waiting for my decision"),
                      "value": selectors.transfer_tab(user, "in").count(),
                      "url": reverse("members:transfer_queue")})
    return {"title": _("Members"), "items": items}


def register() -> None:
    from gonghui.core.web.panels import register_home_panel

    register_home_panel(members_home_panel)
