from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MutualAidConfig(AppConfig):
    """职工医疗互助: periods and benefit plans, unit enrolment, contributions, claims, payouts, settlement."""

    name = "gonghui.mutual_aid"
    label = "mutual_aid"
    verbose_name = _("Medical mutual aid")

    def ready(self):
        from . import roles, workflows  # noqa: F401  (register the roles and the claim workflow)

        roles.extend_foundation_roles()
        from . import notifications

        notifications.register()
        from .demo import register as register_demo_parts

        register_demo_parts()
        from .indicators import register as register_indicators

        register_indicators()
        # The pages register their navigation entries and home panels (web/nav.py, web/panels.py:
        # ``register()``), so no entry names a URL that does not exist.
        for module in ("web.nav", "web.panels"):
            try:
                pages = import_module(f"{self.name}.{module}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{self.name}.{module}":
                    raise
            else:
                pages.register()
