from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib import admin

        from . import lookups  # noqa: F401  (registers field__charcontains)
        from .auth import admin_guard

        admin_guard.install(admin.site)
