"""Check the database and files in use against a backup's manifest (run by `gonghui restore`)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.core import backup


class Command(BaseCommand):
    help = "Compare row counts and migrations with a backup manifest; verify the audit and seal chains; decrypt."

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)

    def handle(self, *args, manifest: Path, **options):
        problems = backup.check(json.loads(manifest.read_text(encoding="utf-8")))
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"restore check failed: {len(problems)} problem(s)", returncode=1)
        self.stdout.write(self.style.SUCCESS("restore check OK"))
