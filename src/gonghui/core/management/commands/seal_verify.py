"""Check every sealed money row against its seal and the seal chain: prints OK, or each problem and exits 1."""

from django.core.management.base import BaseCommand, CommandError

from gonghui.core import seals


class Command(BaseCommand):
    help = "Verify the seals over money rows (payouts): exit status 1 when a row or the chain was tampered with."

    def handle(self, *args, **options):
        problems = 0
        for problem in seals.verify():
            problems += 1
            self.stdout.write(f"{problem.model} {problem.object_id}: {problem.reason}")
        if problems:
            raise CommandError(f"seals broken: {problems} problem(s)", returncode=1)
        self.stdout.write(self.style.SUCCESS("OK"))
