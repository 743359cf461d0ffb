from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """融媒体矩阵: articles written once, reviewed in three steps, delivered to every channel of every level."""

    name = "gonghui.media"
    label = "media"
    verbose_name = _("Converged media")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # media/manifest.py
