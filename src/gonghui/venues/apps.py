from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    """服务阵地 / 驿站: the venue registry, nearest search, QR check-in, problem reports, coverage planning."""

    name = "gonghui.venues"
    label = "venues"
    verbose_name = _("Service venues")

    def ready(self):
        from gonghui.core.web.nav import MOBILE, STAFF, NavEntry, register_nav

        from . import roles, workflows  # noqa: F401  (register the role and the workflows)
        from .demo import register as register_demo_parts

        roles.extend_foundation_roles()
        from . import notifications

        notifications.register()
        register_nav(NavEntry(STAFF, "venues:venue_list", _("Service venues"), roles.VENUES_VIEW, order=50))
        register_nav(NavEntry(MOBILE, "m_venues:map", _("Stations"), None, order=50))
        register_demo_parts()
        from .indicators import register as register_indicators

        register_indicators()
        from .web.views_panels import register as register_home_panel

        register_home_panel()
