"""``gonghui rights_reminders`` (cron, daily): payment dates coming up and activity reminders of legal-aid cases."""

from django.core.management.base import BaseCommand

from gonghui.rights import services


class Command(BaseCommand):
    help = "Remind lawyers, mediators and workers of payments due and of case reminders set for today."

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=3)

    def handle(self, *args, days_ahead, **options):
        sent = services.send_reminders(days_ahead=days_ahead)
        self.stdout.write(f"instalments: {sent['instalments']}, activities: {sent['activities']}")
