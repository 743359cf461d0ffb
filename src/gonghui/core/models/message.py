from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message in a user's inbox (core.messaging.notify). The text is not stored: the event code and its
    context are, and the page renders them in the reader's language from the event's gettext templates. The
    context holds no personal number (notify masks anything that looks like one); the SMS number is looked up
    when the SMS is sent, never stored here."""

    class Sms(models.TextChoices):
        NONE = "none", _("Not by SMS")
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("recipient"))
    event = models.CharField(_("event"), max_length=80)
    context = models.JSONField(_("context"), default=dict, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # Set by callers that may run twice for one fact (the digest, run by cron): one message per key and user.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sms_status = models.CharField(_("SMS"), max_length=10, choices=Sms.choices, default=Sms.NONE)
    sms_attempts = models.PositiveSmallIntegerField(default=0)
    sms_sent_at = models.DateTimeField(null=True, blank=True)
    sms_error = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="message_inbox"),
            # the unread badge on every page: a count over the few unread rows of one user
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="message_unread"),
            models.Index(fields=["sms_status"], condition=models.Q(sms_status="pending"), name="message_sms_pending"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], condition=~models.Q(dedupe_key=""),
                                    name="message_once_per_key"),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient_id}"


class SmsOptOut(models.Model):
    """A user who does not want this kind of event by SMS (the inbox still gets it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SMS opt-out")
        verbose_name_plural = _("SMS opt-outs")
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="sms_opt_out_once")]

    def __str__(self):
        return f"{self.user_id}: {self.event}"
