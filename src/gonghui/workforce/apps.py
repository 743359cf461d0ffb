from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    """建功立业 / 产改: reform measures, skills training and attendance, skill levels, master-apprentice pairs,
    labour competitions and each member's skills record."""

    name = "gonghui.workforce"
    label = "workforce"
    verbose_name = _("Building the workforce")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # workforce/manifest.py
