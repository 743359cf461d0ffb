from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MutualAidConfig(AppConfig):
    """职工医疗互助: periods and benefit plans, unit enrolment, contributions, claims, payouts, settlement."""

    name = "gonghui.mutual_aid"
    label = "mutual_aid"
    verbose_name = _("Medical mutual aid")

    def ready(self):
        from gonghui.core import manifest

        manifest.load(self)  # mutual_aid/manifest.py
