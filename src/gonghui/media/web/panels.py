"""The newsroom's panel on the staff home page (with the overdue scheduled posts) and on a member's page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import scope
from gonghui.core.web.panels import register_home_panel
from gonghui.core.web.panels import register_member_panel as _register_member

from .. import selectors
from ..roles import MEDIA_REVIEW, MEDIA_VIEW


def newsroom_panel(request) -> dict | None:
    user = request.user
    if not scope.has_perm(user, MEDIA_VIEW):
        return None
    items = [{"label": _("Scheduled posts past their time, not live"), "value": selectors.overdue(user).count(),
              "url": reverse("media:article_list") + "?state=scheduled"}]
    if scope.has_perm(user, MEDIA_REVIEW):
        items.append({"label": _("Articles in review"), "value": selectors.review_queue(user).count(),
                      "url": reverse("media:article_list") + "?state=reviewing"})
    return {"title": _("Newsroom"), "items": items}


def person_articles(request, person) -> dict | None:
    user = request.user
    account = getattr(person, "user", None)
    if account is None or not scope.has_perm(user, MEDIA_VIEW):
        return None
    count = selectors.articles_of_person_author(user, account).count()
    if not count:
        return None
    return {"title": _("Newsroom"), "items": [{"label": _("Articles written"), "value": count}]}


def register() -> None:
    register_home_panel(newsroom_panel)


def register_member_panel() -> None:
    _register_member(person_articles)
