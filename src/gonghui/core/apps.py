from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django.utils.module_loading import autodiscover_modules

        from . import (
            lookups,  # noqa: F401  (registers field__charcontains)
            notifications,
        )
        from .auth import admin_guard
        from .middleware import stamp_sign_in

        # Each app declares its audit actions in <app>/audit_actions.py; every app is loaded by now.
        autodiscover_modules("audit_actions")
        admin_guard.install(admin.site)
        notifications.register()
        user_logged_in.connect(stamp_sign_in, dispatch_uid="gonghui.core.stamp_sign_in")
