"""Telling people: one ``notify`` call from a service puts a message in the recipient's inbox and, for events
marked so, sends an SMS after the transaction commits.

- Each app declares its events in ``<app>/notifications.py`` with ``register_event(Event(...))``, imported from
  its ``AppConfig.ready()``. An event holds gettext templates (title and body, ``%(name)s`` placeholders filled
  from the context) and whether it also goes by SMS.
- ``notify(recipient, event, obj, context)`` runs inside the caller's transaction: a rolled-back service leaves
  no message and sends nothing. Context values are masked like log lines (no resident ID, mobile or bank
  number survives), and the text is rendered when read, in the reader's language.
- SMS: the message row carries the SMS state. ``transaction.on_commit`` enqueues ``core.tasks.send_message_sms``
  on the job worker; the task claims the row (pending → sending) with a conditional update, so a task delivered
  twice, or a retry racing a late first try, sends once. A failed send goes back to pending and is retried
  later (``GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS``), then marked failed. The number comes from the phone provider
  (members registers one) at sending time; core stores no number.
- Digests for staff queues: ``register_digest(Digest(...))``; ``gonghui notify_digest`` (cron) counts each
  queue for every staff user holding its permission and leaves one message per queue and day.
"""

import datetime
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from . import sms
from .logging import scrub
from .models import Message, SmsOptOut

logger = logging.getLogger(__name__)

WORKER, STAFF = "worker", "staff"
# Runs of 12 or more digits: bank account numbers (and anything else no message needs whole).
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{12,}(?![0-9])")


@dataclass(frozen=True)
class Event:
    """A kind of thing people are told about. ``title`` and ``body`` are lazy gettext strings with
    ``%(name)s`` placeholders; ``example`` is a context with every placeholder (demo data: the test renders every
    template with it). ``sms``: also sent by SMS (workers may turn it off per event). ``audience`` decides where
    the SMS setting is offered."""

    code: str
    label: str
    title: str
    body: str = ""
    sms: bool = False
    audience: str = WORKER
    example: dict = field(default_factory=dict)
    # prepare(context) -> context, when read: turns stored codes into labels in the reader's language
    prepare: Callable | None = None


@dataclass(frozen=True)
class Digest:
    """A staff queue summed up by ``gonghui notify_digest``: ``count(user)`` answers how many items of the
    queue are waiting in the user's scope (a scoped selector); users holding ``permission`` nowhere are
    skipped. ``event`` is the message sent (its context gets ``count``); ``link`` the queue's page."""

    code: str
    permission: str
    event: str
    count: Callable
    link: str | Callable[[], str] = ""


_events: dict[str, Event] = {}
_digests: dict[str, Digest] = {}
_phone_provider: Callable | None = None


def register_event(event: Event) -> Event:
    _events[event.code] = event
    return event


def get_event(code: str) -> Event | None:
    return _events.get(code)


def all_events() -> list[Event]:
    return sorted(_events.values(), key=lambda e: e.code)


def register_digest(digest: Digest) -> Digest:
    _digests[digest.code] = digest
    return digest


def all_digests() -> list[Digest]:
    return sorted(_digests.values(), key=lambda d: d.code)


def register_phone_provider(provider: Callable) -> None:
    """``provider(user) -> str | None``: the mobile number an SMS for this user goes to (members registers
    the worker's person's number; core keeps none)."""
    global _phone_provider
    _phone_provider = provider


def phone_for(user) -> str | None:
    return _phone_provider(user) if _phone_provider is not None else None


# --- writing -------------------------------------------------------------------------------------------------

def _clean(value):
    """A context value as stored: numbers stay numbers, everything else becomes text with personal numbers
    masked (the same rule as log lines, plus long digit runs such as bank accounts)."""
    if isinstance(value, int) and abs(value) < 10**10:  # counts and ids; a mobile number passed as int is not
        return value
    text = scrub(str(value))
    return _LONG_NUMBER.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(0)[-4:], text)[:300]


def _object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _wants_sms(event: Event, recipient, opted_out: set | None = None) -> bool:
    if not (event.sms and getattr(recipient, "is_worker", False)):
        return False
    if opted_out is not None:
        return recipient.pk not in opted_out
    return not SmsOptOut.objects.filter(user_id=recipient.pk, event=event.code).exists()


def _build(recipient, event_code: str, obj, context: dict | None, link: str, key: str,
           opted_out: set | None = None) -> Message | None:
    event = _events.get(event_code)
    if event is None:
        raise KeyError(f"unknown notification event {event_code!r} (declare it in the app's notifications.py)")
    if recipient is None or not getattr(recipient, "is_active", True):
        return None  # a person without an account, or a closed one: nobody to tell
    object_type, object_id = _object_ref(obj)
    return Message(recipient=recipient, event=event.code, object_type=object_type, object_id=object_id,
                   context={k: _clean(v) for k, v in (context or {}).items()}, link=(link or "")[:300],
                   dedupe_key=key[:200],
                   sms_status=Message.Sms.PENDING if _wants_sms(event, recipient, opted_out) else Message.Sms.NONE)


def _after_commit(messages: list[Message]) -> None:
    ids = [m.pk for m in messages if m.sms_status == Message.Sms.PENDING]
    if ids:
        # robust: a queue that cannot be reached must not turn a committed approval into an error page; the
        # rows stay pending and `gonghui notify_digest` enqueues them again.
        transaction.on_commit(lambda: enqueue_sms(ids), robust=True)


def notify(recipient, event: str, obj=None, context: dict | None = None, *, link: str = "",
           key: str = "") -> Message | None:
    """Tell ``recipient`` (a user; None is ignored) about ``event`` concerning ``obj``. Call it inside the
    service's transaction, after the state change. ``key`` makes it idempotent per recipient (a second call
    with the same key adds nothing and returns None)."""
    message = _build(recipient, event, obj, context, link, key)
    if message is None:
        return None
    if key:
        try:
            with transaction.atomic():  # a savepoint: a duplicate key must not spoil the caller's transaction
                message.save()
        except IntegrityError:
            return None
    else:
        message.save()
    _after_commit([message])
    return message


def notify_many(items: Iterable[tuple], event: str, *, link: Callable | None = None) -> list[Message]:
    """One message per ``(recipient, obj, context)``, written in one statement (a bank answer marks hundreds of
    claims paid at once). ``link(obj)`` gives each message's page."""
    items = [item for item in items if item[0] is not None]
    # one query for the opt-outs of everyone concerned, not one per message
    opted_out = set(SmsOptOut.objects.filter(event=event, user_id__in={r.pk for r, _o, _c in items})
                    .values_list("user_id", flat=True))
    messages = [m for recipient, obj, context in items
                if (m := _build(recipient, event, obj, context, link(obj) if link else "", "", opted_out))
                is not None]
    if not messages:
        return []
    created = Message.objects.bulk_create(messages, batch_size=1000)
    _after_commit(created)
    return created


# --- reading -------------------------------------------------------------------------------------------------

class _Context(dict):
    def __missing__(self, key):  # a template that names a value the caller did not give: shown empty
        return ""


def render(message: Message) -> tuple[str, str]:
    """(title, body) in the active language."""
    event = _events.get(message.event)
    if event is None:
        return message.event, ""
    context = _Context(event.prepare(message.context or {}) if event.prepare else (message.context or {}))
    try:
        return str(event.title) % context, (str(event.body) % context if event.body else "")
    except (TypeError, ValueError):
        return str(event.label), ""


def sms_text(message: Message) -> str:
    """The SMS: the platform's name and the title, in the default language (workers read Chinese)."""
    with translation.override(settings.LANGUAGE_CODE):
        title, body = render(message)
    return f"【{settings.PLATFORM_NAME}】{title}" + (f" {body}" if body else "")


# --- SMS delivery ----------------------------------------------------------------------------------------------

def enqueue_sms(message_ids: list[int], *, run_after: datetime.datetime | None = None) -> None:
    from .tasks import send_message_sms

    task = send_message_sms
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # stays pending; `gonghui notify_digest` enqueues it again
        task = task.using(run_after=run_after)
    for message_id in message_ids:
        task.enqueue(message_id)


def _retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.GONGHUI_NOTIFY_SMS_RETRY_SECONDS * (2 ** max(0, attempts - 1)))


def deliver_sms(message_id: int) -> str:
    """Send one message's SMS; returns its SMS state afterwards. The conditional claim makes it idempotent:
    only a pending row is sent, by whoever claims it first. A send that fails goes back to pending (and is
    enqueued again later) until GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS, then fails. A worker that dies between the
    claim and the gateway's answer leaves the row "sending": it is never sent again (at most once)."""
    now = timezone.now()
    if not Message.objects.filter(pk=message_id, sms_status=Message.Sms.PENDING).update(
            sms_status=Message.Sms.SENDING, sms_attempts=F("sms_attempts") + 1):
        return Message.objects.filter(pk=message_id).values_list("sms_status", flat=True).first() or ""
    message = Message.objects.select_related("recipient").get(pk=message_id)
    phone = phone_for(message.recipient) if message.recipient.is_active else None
    if not phone or SmsOptOut.objects.filter(user_id=message.recipient_id, event=message.event).exists():
        Message.objects.filter(pk=message_id).update(sms_status=Message.Sms.NONE, sms_error="not_sent")
        return Message.Sms.NONE
    try:
        sms.get_backend().send(sms.SmsMessage(to=phone, text=sms_text(message), key=f"gonghui-message-{message_id}"))
    except Exception as exc:  # any gateway failure: try again later
        logger.warning("SMS for message %s failed (attempt %s): %s", message_id, message.sms_attempts,
                       type(exc).__name__)
        final = message.sms_attempts >= settings.GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS
        Message.objects.filter(pk=message_id, sms_status=Message.Sms.SENDING).update(
            sms_status=Message.Sms.FAILED if final else Message.Sms.PENDING, sms_error=type(exc).__name__[:120])
        if not final:
            enqueue_sms([message_id], run_after=now + _retry_delay(message.sms_attempts))
        return Message.Sms.FAILED if final else Message.Sms.PENDING
    Message.objects.filter(pk=message_id).update(sms_status=Message.Sms.SENT, sms_sent_at=timezone.now(),
                                                 sms_error="")
    return Message.Sms.SENT


def requeue_pending_sms(*, older_than_seconds: int = 600) -> int:
    """Enqueue again the SMS still pending after a while (the queue was down, or the backend cannot defer a
    retry). Sending stays idempotent, so a task that was in fact queued does no harm."""
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    ids = list(Message.objects.filter(sms_status=Message.Sms.PENDING, created_at__lte=cutoff)
               .values_list("pk", flat=True)[:10000])
    enqueue_sms(ids)
    return len(ids)


# --- SMS preferences -------------------------------------------------------------------------------------------

def sms_events_for(user) -> list[Event]:
    """The events this user may receive by SMS (the settings page lists them)."""
    audience = WORKER if getattr(user, "is_worker", False) else STAFF
    return [e for e in all_events() if e.sms and e.audience == audience]


def sms_preferences(user) -> dict[str, bool]:
    """{event code: wants SMS} for the events offered to this user."""
    off = set(SmsOptOut.objects.filter(user_id=user.pk).values_list("event", flat=True))
    return {e.code: e.code not in off for e in sms_events_for(user)}


def sms_preferences_set(*, user, wanted: Iterable[str]) -> dict[str, bool]:
    """Keep SMS for the events in ``wanted``, turn it off for the other offered ones; unknown codes are
    ignored."""
    offered = {e.code for e in sms_events_for(user)}
    wanted = set(wanted) & offered
    with transaction.atomic():
        SmsOptOut.objects.filter(user_id=user.pk, event__in=wanted).delete()
        SmsOptOut.objects.bulk_create([SmsOptOut(user_id=user.pk, event=code) for code in offered - wanted],
                                      ignore_conflicts=True)
    return sms_preferences(user)


# --- digests ---------------------------------------------------------------------------------------------------

def send_digests(*, today: datetime.date | None = None) -> int:
    """One message per staff user and queue with waiting items, at most once a day (the dedupe key). Returns
    how many messages were written."""
    from . import scope
    from .models import User

    today = today or timezone.localdate()
    written = 0
    digests = all_digests()
    for user in User.objects.filter(kind=User.Kind.STAFF, is_active=True).order_by("pk").iterator():
        for digest in digests:
            if not scope.has_perm(user, digest.permission):
                continue
            count = digest.count(user)
            if count:
                link = digest.link() if callable(digest.link) else digest.link
                with transaction.atomic():
                    written += notify(user, digest.event, None, {"count": count}, link=link,
                                      key=f"digest:{digest.code}:{today.isoformat()}") is not None
        scope.forget(user)
    return written
