"""Notifications (core.messaging, core.inbox): the registry's templates carry no personal number, messages live
and die with the caller's transaction, SMS go after commit, once, retried, and not to those who turned them
off; the inbox is the recipient's own (404 for anyone else) in pages and API."""

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from tests.fixtures import sign_in

from gonghui.core import messaging, notify
from gonghui.core.errors import NotFound
from gonghui.core.inbox import message_get, message_mark_read
from gonghui.core.models import Message, SmsOptOut
from gonghui.core.sms import LocmemSmsBackend, SmsBackend

pytestmark = pytest.mark.django_db

APPROVED = "mutual_aid.claim_approved"  # a worker event that also goes by SMS
LOCKED = "core.account_locked"  # inbox only
ID_NUMBER, MOBILE, BANK = "53010219900307001X", "13812345678", "6222020200112233445"
PERSONAL = re.compile(r"[1-8][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]|1[3-9][0-9]{9}|[0-9]{12,}")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.GONGHUI_SMS_BACKEND = "gonghui.core.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox = []
    return LocmemSmsBackend.outbox


def _worker(world):
    return world.user("worker")


def _signed_in(user) -> Client:
    if not user.is_worker and user.password_changed_at is None:
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
    return sign_in(Client(), user)


# --- the registry -------------------------------------------------------------------------------------------

def test_every_wired_event_is_registered():
    codes = {e.code for e in messaging.all_events()}
    assert {"mutual_aid.claim_returned", APPROVED, "mutual_aid.claim_rejected", "mutual_aid.claim_paid",
            "mutual_aid.second_payout_paid", "members.transfer_accepted", "members.transfer_refused",
            "core.import_finished", "venues.problem_answered", LOCKED} <= codes
    assert {d.code for d in messaging.all_digests()} >= {"mutual_aid.claims_overdue"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_template_renders_its_demo_data_without_a_personal_number(language):
    for event in messaging.all_events():
        assert event.label and event.title, event.code
        names = set(PLACEHOLDER.findall(str(event.title) + str(event.body)))
        assert names <= set(event.prepare(event.example) if event.prepare else event.example), (
            f"{event.code}: the example lacks {names - set(event.example)}")
        message = Message(event=event.code, context={k: messaging._clean(v) for k, v in event.example.items()})
        with translation.override(language):
            title, body = messaging.render(message)
            sms = messaging.sms_text(message)
        assert title and "%(" not in title + body, event.code
        assert not PERSONAL.search(title + body + sms), f"{event.code}: {title} {body}"


def test_chinese_is_the_default_and_english_is_complete():
    message = Message(event=APPROVED, context={"claim": "MA03-0000042", "amount": "1280.00"})
    with translation.override("zh-hans"):
        chinese = messaging.render(message)[0]
    with translation.override("en"):
        english = messaging.render(message)[0]
    assert "1280.00" in chinese and chinese != english and english.startswith("Your mutual-aid claim")


def test_personal_numbers_in_a_context_are_masked_before_they_are_stored(world):
    note = f"身份证 {ID_NUMBER} 电话 {MOBILE} 账号 {BANK}"
    message = notify(_worker(world), "mutual_aid.claim_returned", None, {"claim": "MA1", "note": note,
                                                                       "number": int(MOBILE)})
    stored = Message.objects.get(pk=message.pk)
    assert not PERSONAL.search(str(stored.context)), stored.context
    assert stored.context["note"].endswith("3445")  # the tail stays: as the masked displays show it


def test_an_unknown_event_is_a_programming_error(world):
    with pytest.raises(KeyError):
        notify(_worker(world), "nobody.declared_this", None, {})


# --- transactions and SMS -----------------------------------------------------------------------------------

def test_sms_goes_after_commit_once(world, django_capture_on_commit_callbacks, _sms_outbox):
    worker = _worker(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = notify(worker, APPROVED, None, {"claim": "MA1", "amount": "10.00"})
        assert message.sms_status == Message.Sms.PENDING and _sms_outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(_sms_outbox) == 1 and "MA1" in _sms_outbox[0].text
    assert _sms_outbox[0].key == f"gonghui-message-{message.pk}"
    assert Message.objects.get(pk=message.pk).sms_status == Message.Sms.SENT
    # the task delivered again (a retry, a second worker): nothing more is sent
    assert messaging.deliver_sms(message.pk) == Message.Sms.SENT
    assert len(_sms_outbox) == 1


def test_a_rolled_back_transaction_stores_and_sends_nothing(world, django_capture_on_commit_callbacks,
                                                            _sms_outbox):
    worker = _worker(world)
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        notify(worker, APPROVED, None, {"claim": "MA1", "amount": "10.00"})
        raise RuntimeError("the service failed after notifying")
    assert not Message.objects.exists() and _sms_outbox == [] and callbacks == []


def test_staff_get_no_sms(world, django_capture_on_commit_callbacks, _sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(world.user("county_officer"), APPROVED, None, {"claim": "MA1", "amount": "1"})
    assert message.sms_status == Message.Sms.NONE and _sms_outbox == []


class _FlakyBackend(SmsBackend):
    failures = 0
    sent: list = []

    def send(self, message):
        if type(self).failures:
            type(self).failures -= 1
            raise ConnectionError("gateway down")
        type(self).sent.append(message)


def test_a_failed_send_is_retried_then_given_up(world, settings):
    settings.GONGHUI_SMS_BACKEND = f"{__name__}._FlakyBackend"
    settings.GONGHUI_NOTIFY_SMS_MAX_ATTEMPTS = 3
    _FlakyBackend.failures, _FlakyBackend.sent = 1, []
    message = notify(_worker(world), APPROVED, None, {"claim": "MA1", "amount": "1"})
    assert messaging.deliver_sms(message.pk) == Message.Sms.PENDING  # failed once: waits for the retry
    assert messaging.deliver_sms(message.pk) == Message.Sms.SENT
    assert messaging.deliver_sms(message.pk) == Message.Sms.SENT and len(_FlakyBackend.sent) == 1
    assert Message.objects.get(pk=message.pk).sms_attempts == 2

    _FlakyBackend.failures = 99
    other = notify(_worker(world), APPROVED, None, {"claim": "MA2", "amount": "1"})
    assert [messaging.deliver_sms(other.pk) for _ in range(4)] == [Message.Sms.PENDING, Message.Sms.PENDING,
                                                                   Message.Sms.FAILED, Message.Sms.FAILED]
    assert Message.objects.get(pk=other.pk).sms_attempts == 3


def test_a_message_being_sent_is_never_sent_again(world, _sms_outbox):
    message = notify(_worker(world), APPROVED, None, {"claim": "MA1", "amount": "1"})
    Message.objects.filter(pk=message.pk).update(sms_status=Message.Sms.SENDING)  # a worker died mid-send
    assert messaging.deliver_sms(message.pk) == Message.Sms.SENDING and _sms_outbox == []
    assert messaging.requeue_pending_sms(older_than_seconds=0) == 0


def test_sms_opt_out_is_honoured(world, django_capture_on_commit_callbacks, _sms_outbox):
    worker = _worker(world)
    assert messaging.sms_preferences(worker)[APPROVED] is True
    messaging.sms_preferences_set(user=worker, wanted=["mutual_aid.claim_paid", "not.an_event"])
    assert messaging.sms_preferences(worker)[APPROVED] is False
    with django_capture_on_commit_callbacks(execute=True):
        message = notify(worker, APPROVED, None, {"claim": "MA1", "amount": "1"})
    assert message.sms_status == Message.Sms.NONE and _sms_outbox == []
    assert Message.objects.filter(recipient=worker).count() == 1  # the inbox still has it
    # turned off between the message and its sending: not sent either
    messaging.sms_preferences_set(user=worker, wanted=["mutual_aid.claim_paid", APPROVED])
    pending = notify(worker, APPROVED, None, {"claim": "MA2", "amount": "1"})
    messaging.sms_preferences_set(user=worker, wanted=[])
    assert messaging.deliver_sms(pending.pk) == Message.Sms.NONE and _sms_outbox == []


def test_the_worker_settings_page_turns_sms_off(world):
    worker = _worker(world)
    client = _signed_in(worker)
    page = client.get(reverse("m_messages:settings"))
    assert page.status_code == 200 and APPROVED in page.content.decode()
    response = client.post(reverse("m_messages:settings"), {"sms": ["mutual_aid.claim_paid"]})
    assert response.status_code == 302
    assert SmsOptOut.objects.filter(user=worker, event=APPROVED).exists()
    assert not SmsOptOut.objects.filter(user=worker, event="mutual_aid.claim_paid").exists()


def test_a_key_makes_notify_idempotent(world):
    worker = _worker(world)
    assert notify(worker, LOCKED, None, {"minutes": 15}, key="k1") is not None
    assert notify(worker, LOCKED, None, {"minutes": 15}, key="k1") is None
    assert Message.objects.filter(recipient=worker).count() == 1


# --- the inbox: pages, API, scope ---------------------------------------------------------------------------

def test_one_user_never_reaches_another_users_message(world):
    worker, officer, other = _worker(world), world.user("county_officer"), world.user("sibling_officer")
    mine = notify(officer, LOCKED, officer, {"minutes": 15})
    with pytest.raises(NotFound):
        message_get(other, mine.pk)
    with pytest.raises(NotFound):
        message_mark_read(user=worker, message_id=mine.pk)
    assert _signed_in(other).post(reverse("staff:message_read", args=[mine.pk])).status_code == 404
    assert _signed_in(worker).post(reverse("m_messages:read", args=[mine.pk])).status_code == 404
    api = _signed_in(other)
    assert api.post(f"/api/v1/messages/{mine.pk}/read").status_code == 404
    assert api.get("/api/v1/messages").json()["items"] == []
    assert "15" not in _signed_in(other).get(reverse("staff:messages")).content.decode()
    _signed_in(other).post(reverse("staff:messages_read_all"))
    assert Message.objects.get(pk=mine.pk).read_at is None


def test_staff_bell_list_and_mark_read(world):
    officer = world.user("county_officer")
    first = notify(officer, "core.import_finished", None, {"job": 7, "rows": 12, "written": 10}, link="/staff/")
    notify(officer, LOCKED, officer, {"minutes": 15})
    client = _signed_in(officer)
    with translation.override("en"):
        home = client.get(reverse("staff:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="inbox-bell"' in home and ">2</span>" in home
    page = client.get(reverse("staff:messages"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Import #7 finished: 10 of 12 rows written" in page
    response = client.post(reverse("staff:message_read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert Message.objects.get(pk=first.pk).read_at is not None
    unread = client.get(reverse("staff:messages") + "?unread=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Import #7" not in unread
    client.post(reverse("staff:messages_read_all"))
    assert not Message.objects.filter(recipient=officer, read_at__isnull=True).exists()


def test_staff_list_is_paginated(world):
    officer = world.user("county_officer")
    for minutes in range(25):
        notify(officer, LOCKED, officer, {"minutes": minutes})
    client = _signed_in(officer)
    first = client.get(reverse("staff:messages"))
    assert first.content.decode().count('class="title"') == 20 and 'rel="next"' in first.content.decode()
    assert client.get(reverse("staff:messages") + "?page=2").content.decode().count('class="title"') == 5


def test_a_link_elsewhere_is_not_followed(world):
    officer = world.user("county_officer")
    message = notify(officer, LOCKED, officer, {"minutes": 1}, link="https://evil.example/")
    response = _signed_in(officer).post(reverse("staff:message_read", args=[message.pk]), {"open": "1"})
    assert response["Location"] == reverse("staff:messages")


def test_worker_inbox_and_tab_badge(world):
    worker = _worker(world)
    message = notify(worker, APPROVED, None, {"claim": "MA03-0000042", "amount": "5900.00"},
                     link=reverse("m:card"))
    client = _signed_in(worker)
    card = client.get(reverse("m:card")).content.decode()
    assert 'id="inbox-tab"' in card and 'class="m-badge"' in card
    inbox = client.get(reverse("m_messages:list")).content.decode()
    assert "MA03-0000042" in inbox and "5900.00" in inbox
    assert client.post(reverse("m_messages:read", args=[message.pk]), {"open": "1"})["Location"] == reverse("m:card")
    assert 'class="m-badge"' not in client.get(reverse("m:card")).content.decode()
    # staff pages are not for workers, nor worker pages for staff
    assert client.get(reverse("staff:messages")).status_code == 404
    assert _signed_in(world.user("county_officer")).get(reverse("m_messages:list")).status_code == 302


def test_api_lists_pages_filters_and_marks(world):
    officer = world.user("county_officer")
    ids = [notify(officer, LOCKED, officer, {"minutes": n}).pk for n in range(3)]
    client = _signed_in(officer)
    page = client.get("/api/v1/messages?limit=2", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [m["id"] for m in page["items"]] == ids[::-1][:2] and page["next_cursor"]
    assert page["items"][0]["title"].startswith("Your account was locked for 2 minutes")
    rest = client.get(f"/api/v1/messages?limit=2&cursor={page['next_cursor']}").json()
    assert [m["id"] for m in rest["items"]] == [ids[0]] and rest["next_cursor"] is None
    read = client.post(f"/api/v1/messages/{ids[0]}/read").json()
    assert read["read_at"] is not None
    again = client.post(f"/api/v1/messages/{ids[0]}/read").json()
    assert again["read_at"] == read["read_at"]  # a double click keeps the first reading
    assert [m["id"] for m in client.get("/api/v1/messages?unread=true").json()["items"]] == ids[:0:-1]
    assert client.post("/api/v1/messages/read-all").json() == {"marked": 2}
    assert client.get("/api/v1/messages?unread=true").json()["items"] == []
    assert client.get("/api/v1/messages?unread=maybe").status_code == 422
    assert client.post("/api/v1/messages/abc/read").status_code == 422
    assert Client().get("/api/v1/messages").status_code == 401


# --- account lock -------------------------------------------------------------------------------------------

def test_the_holder_is_told_once_when_failed_sign_ins_lock_the_account(world, settings):
    from gonghui.core.auth import signin
    from gonghui.core.auth.errors import SignInFailed, SignInLocked

    officer = world.user("county_officer")
    request = Client().get("/").wsgi_request
    refused = 0
    for _ in range(settings.GONGHUI_LOGIN_MAX_FAILURES + 2):
        try:
            signin.password_sign_in(request, username=officer.username, password="wrong password")
        except (SignInFailed, SignInLocked):
            refused += 1
    assert refused == settings.GONGHUI_LOGIN_MAX_FAILURES + 2
    told = Message.objects.filter(recipient=officer, event=LOCKED)
    assert told.count() == 1 and told.get().context["minutes"] >= 1
    # an unknown name: nobody to tell, and the same answer
    for _ in range(settings.GONGHUI_LOGIN_MAX_FAILURES):
        with pytest.raises((SignInFailed, SignInLocked)):
            signin.password_sign_in(request, username="nobody-here", password="wrong password")
    assert Message.objects.filter(event=LOCKED).count() == 1


def test_notify_many_writes_in_one_go_and_honours_opt_outs(world, django_assert_max_num_queries):
    worker, officer = _worker(world), world.user("county_officer")
    messaging.sms_preferences_set(user=worker, wanted=[])
    items = [(worker, None, {"claim": "MA1", "amount": "1"}), (None, None, {"claim": "MA2", "amount": "2"}),
             (officer, None, {"claim": "MA3", "amount": "3"})]
    with django_assert_max_num_queries(3):
        created = messaging.notify_many(items, APPROVED)
    assert [m.recipient for m in created] == [worker, officer]
    assert {m.sms_status for m in created} == {Message.Sms.NONE}
