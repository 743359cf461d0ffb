"""The hardship panel on a member's staff page: the files the person heads or belongs to."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.web.panels import register_member_panel

from .. import selectors
from ..roles import VIEW


def member_panel(request, person) -> dict | None:
    if not scope.has_perm(request.user, VIEW):
        return None
    files = list(selectors.files_of_person(request.user, person)[:5])
    if not files:
        return None
    return {"title": _("Hardship files"),
            "items": [{"label": f"{f.name} · {f.get_category_display()}", "value": f.get_state_display(),
                       "url": reverse("assistance:file_detail", args=[f.pk])} for f in files]}


def register() -> None:
    register_member_panel(member_panel)
