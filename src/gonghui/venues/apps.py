from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    """服务阵地 / 驿站: the venue registry, nearest search, QR check-in, problem reports, coverage planning."""

    name = "gonghui.venues"
    label = "venues"
    verbose_name = _("Service venues")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # venues/manifest.py
