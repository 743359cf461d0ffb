from django.core.management.base import BaseCommand

from gonghui.core import jobs


class Command(BaseCommand):
    help = "Mark running jobs whose worker has stopped as failed (worker_lost), so their users can start again."

    def handle(self, *args, **options):
        count = jobs.reap_lost()
        self.stdout.write(f"{count} lost job(s) marked failed")
