"""Restore a backup into an empty database and files folder, then check the result (restore_check)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Restore a backup folder into an empty database (--database-url) and an empty files folder "
            "(--var-dir/private-files), then verify counts, chains, decryption and files.")

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument("--database-url", required=True)
        parser.add_argument("--var-dir", type=Path, required=True)

    def handle(self, *args, backup: Path, database_url: str, var_dir: Path, **options):
        from gonghui.core import backup as kit

        try:
            result = kit.restore(backup, database_url=database_url, var_dir=var_dir)
        except kit.BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(result.stdout)
        if result.returncode != 0:
            raise CommandError(f"the restored data failed its check:\n{result.stdout}{result.stderr[-2000:]}",
                               returncode=1)
