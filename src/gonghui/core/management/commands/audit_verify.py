"""Walk the audit log's hash chain: prints OK, or every broken event and exits with status 1."""

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (exit status 1 when it is broken)."

    def handle(self, *args, **options):
        problems = 0
        for problem in verify_chain():
            problems += 1
            self.stdout.write(f"event {problem.event_id}: {problem.reason}")
        if problems:
            raise CommandError(f"audit chain broken: {problems} problem(s)", returncode=1)
        self.stdout.write(self.style.SUCCESS("OK"))
