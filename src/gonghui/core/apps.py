from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import pre_save

        from . import manifest
        from .auth import admin_guard
        from .auth.passwords import remember_outgoing_password
        from .middleware import forget_session, stamp_sign_in

        manifest.load(self)  # core's own registrations (core/manifest.py: MANIFEST)
        admin_guard.install(admin.site)
        user_logged_in.connect(stamp_sign_in, dispatch_uid="gonghui.core.stamp_sign_in")
        user_logged_out.connect(forget_session, dispatch_uid="gonghui.core.forget_session")
        pre_save.connect(remember_outgoing_password, sender=self.get_model("User"),
                         dispatch_uid="gonghui.core.remember_outgoing_password")
