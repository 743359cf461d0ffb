"""Navigation entries of medical mutual aid: the staff module and the worker's "My cover" tab."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.web.nav import MOBILE, STAFF, NavEntry, register_nav

from .. import permissions as P


def register() -> None:
    register_nav(NavEntry(area=STAFF, url_name="mutual_aid:index", label=_("Mutual aid"), permission=P.VIEW,
                          order=30))
    register_nav(NavEntry(area=MOBILE, url_name="m_mutual_aid:cover", label=_("My cover"), order=30))
