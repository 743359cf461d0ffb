from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "gonghui.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import notifications, workflows  # noqa: F401  (registers the transfer workflow)
        from .demo import register as register_demo_parts

        register_demo_parts()
        notifications.register()
        from .indicators import register as register_indicators

        register_indicators()
        from .web.views_panels import register as register_home_panel

        register_home_panel()
        from gonghui.core.attachments import register_attachment_kind

        from .attachments import KINDS

        for kind in KINDS:
            register_attachment_kind(kind)
