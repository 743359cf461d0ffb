"""Archive and purge audit events older than the retention period; or check an archive (--verify)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gonghui.core import audit_retention


class Command(BaseCommand):
    help = ("Archive audit events older than GONGHUI_AUDIT_RETENTION_DAYS (never fewer than 180) into a gzip "
            "JSON-lines file with its SHA-256, then delete them; the chain continues from an anchor.")

    def add_arguments(self, parser):
        parser.add_argument("--before", type=datetime.date.fromisoformat,
                            help="purge events before this date (default: the retention cutoff)")
        parser.add_argument("--archive-dir", type=Path, default=None,
                            help="where the archive is written (default: GONGHUI_AUDIT_ARCHIVE_DIR)")
        parser.add_argument("--verify", type=Path, metavar="ARCHIVE",
                            help="check an archive against its anchor instead of purging")

    def handle(self, *args, before=None, archive_dir=None, verify=None, **options):
        if verify is not None:
            try:
                count = audit_retention.verify_archive(verify)
            except ValueError as error:
                raise CommandError(f"archive broken: {error}", returncode=1) from error
            self.stdout.write(self.style.SUCCESS(f"OK: {count} events"))
            return
        cutoff = audit_retention.retention_cutoff()
        moment = (timezone.make_aware(datetime.datetime.combine(before, datetime.time.min)) if before else cutoff)
        try:
            anchor = audit_retention.purge(before=moment, archive_dir=archive_dir or settings.GONGHUI_AUDIT_ARCHIVE_DIR)
        except audit_retention.PurgeRefused as error:
            raise CommandError(str(error), returncode=2) from error
        if anchor is None:
            self.stdout.write("nothing to purge")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"{anchor.count} events archived to {anchor.archive_name} (sha256 {anchor.archive_sha256}) and purged"))
