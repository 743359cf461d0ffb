from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """维权: legal aid and court+union mediation cases, with the money recovered for workers."""

    name = "gonghui.rights"
    label = "rights"
    verbose_name = _("Rights protection")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # rights/manifest.py
