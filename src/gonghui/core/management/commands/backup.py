"""Write a backup: the database, the private files (still encrypted) and a manifest (no key)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from gonghui.core import backup


class Command(BaseCommand):
    help = "Back up the database and the private files into a new folder under --output, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True, help="where the backup folder is made")

    def handle(self, *args, output, **options):
        folder = backup.backup(output)
        self.stdout.write(self.style.SUCCESS(f"backup written to {folder}"))
