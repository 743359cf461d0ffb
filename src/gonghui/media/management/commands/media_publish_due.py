"""Publish scheduled articles whose time has come and flag those past their time (run from cron every minute:
a safety net for a lost job or a stopped worker)."""

from django.core.management.base import BaseCommand

from gonghui.media import services


class Command(BaseCommand):
    help = "Publish due scheduled articles and flag overdue ones."

    def handle(self, *args, **options):
        published = services.publish_due()
        flagged = services.flag_overdue()
        self.stdout.write(f"published {published}, flagged {flagged}")
