from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    """困难职工帮扶: hardship files (one per household), their entry workflow, aid from funds, exit and return."""

    name = "gonghui.assistance"
    label = "assistance"
    verbose_name = _("Hardship workers")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # assistance/manifest.py
