"""Anonymise hardship files withdrawn more than 10 years ago (assistance.services.retention): run it daily from
cron or a systemd timer."""

from django.core.management.base import BaseCommand

from gonghui.assistance.services.retention import anonymise_withdrawn


class Command(BaseCommand):
    help = "Anonymise hardship files lifted out or refused more than 10 years ago."

    def handle(self, *args, **options):
        total = 0
        while done := anonymise_withdrawn():
            total += done
        self.stdout.write(f"{total} hardship file(s) anonymised")
