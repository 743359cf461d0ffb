"""The inbox: a user's own messages, read and marked read. Every read is narrowed to the recipient, so another
user's message does not exist (NotFound, 404) whoever asks."""

from django.db.models import QuerySet
from django.utils import timezone

from .errors import NotFound
from .messaging import render
from .models import Message


def messages_for(user, *, unread: bool = False) -> QuerySet[Message]:
    qs = Message.objects.filter(recipient_id=user.pk)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Message.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def message_get(user, message_id) -> Message:
    try:
        return Message.objects.get(pk=int(message_id), recipient_id=user.pk)
    except (Message.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def message_mark_read(*, user, message_id) -> Message:
    """Mark one's own message read; marking again keeps the first reading time."""
    message = message_get(user, message_id)
    if message.read_at is None:
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
        message.refresh_from_db(fields=["read_at"])
    return message


def messages_mark_all_read(*, user) -> int:
    return Message.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


def with_text(messages) -> list[Message]:
    """Attach ``title`` and ``body`` rendered in the active language."""
    messages = list(messages)
    for message in messages:
        message.title, message.body = render(message)
    return messages
