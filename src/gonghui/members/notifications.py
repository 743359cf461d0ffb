"""What members tells people: a transfer accepted or refused (the member, and the officer who asked for it);
staff, once a day, how many transfers wait for their decision. Registers the phone provider the SMS of
notifications use (core keeps no number)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core import roles
from gonghui.core.messaging import (
    STAFF,
    Digest,
    Event,
    notify,
    register_digest,
    register_event,
    register_phone_provider,
)

TRANSFER_ACCEPTED = "members.transfer_accepted"
TRANSFER_REFUSED = "members.transfer_refused"
TRANSFERS_WAITING = "members.transfers_waiting"


def register() -> None:
    register_event(Event(
        TRANSFER_ACCEPTED, _("Transfer accepted"),
        _("Your membership transfer to %(union)s was accepted"),
        _("Your member card now shows your new union."), sms=True,
        example={"union": "五华区第二测试工会"}))
    register_event(Event(
        TRANSFER_REFUSED, _("Transfer refused"),
        _("Your membership transfer to %(union)s was refused"),
        _("The union says: %(comment)s"), sms=True,
        example={"union": "五华区第二测试工会", "comment": "单位不在本工会"}))
    register_event(Event(
        TRANSFERS_WAITING, _("Transfers waiting for a decision"),
        _("%(count)s membership transfers are waiting for your decision"),
        _("Open the transfer queue to accept or refuse them."), audience=STAFF, example={"count": 3}))
    register_digest(Digest("members.transfers_waiting", roles.TRANSFERS_DECIDE, TRANSFERS_WAITING,
                           count=_waiting_count, link=lambda: reverse("members:transfer_queue")))
    register_phone_provider(_phone_of)


def _waiting_count(user) -> int:
    from .selectors import transfer_queue

    return transfer_queue(user, direction="in").count()


def _phone_of(user) -> str | None:
    from .models import Person

    person = Person.objects.filter(user_id=user.pk).only("phone").first()
    return person.phone if person is not None and person.phone else None


def tell_transfer_decided(transfer, event: str, *, actor) -> None:
    """The member (if they have an account) and the officer who asked, unless that officer decided it."""
    from .models import Person

    person = Person.objects.select_related("user").get(pk=transfer.person_id)
    context = {"union": transfer.to_org.name, "comment": transfer.decision_comment[:200]}
    recipients = [person.user]
    if transfer.requested_by_id not in (actor.pk, person.user_id):
        recipients.append(transfer.requested_by)
    for recipient in recipients:
        notify(recipient, event, transfer, context,
               link=reverse("m:membership") if recipient is person.user else reverse("members:transfer_queue"))
