"""`gonghui notify_digest`: the daily digest of staff queues ("7 claims are past their review deadline"), one
message per user and queue and day (running it twice a day adds nothing), and the SMS still waiting in the queue
enqueued again. Run it from cron once a day (docs/deploy.md)."""

from django.core.management.base import BaseCommand

from gonghui.core import messaging


class Command(BaseCommand):
    help = "Send the staff queue digests (once per day and queue) and re-enqueue SMS notifications still pending."

    def handle(self, *args, **options):
        written = messaging.send_digests()
        requeued = messaging.requeue_pending_sms()
        self.stdout.write(f"digest messages: {written}; SMS enqueued again: {requeued}")
