"""Delete import uploads and error reports that are no longer needed (core.imports.uploads.purge_uploads): run it
from cron or a systemd timer, hourly (docs/deploy.md); `make run` runs it before starting the worker."""

from django.core.management.base import BaseCommand

from gonghui.core import audit
from gonghui.core.imports.uploads import purge_uploads


class Command(BaseCommand):
    help = "Delete committed or expired import uploads and old error reports (GONGHUI_IMPORT_RETENTION_HOURS)."

    def handle(self, *args, **options):
        deleted = purge_uploads()
        if any(deleted.values()):
            audit.record("imports.purge_uploads", object_type="core.job", detail=deleted)
        self.stdout.write(f"{deleted['uploads']} upload(s) and {deleted['reports']} report(s) deleted")
