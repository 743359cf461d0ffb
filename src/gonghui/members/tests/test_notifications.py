"""What members tells: the member (and the officer who asked) when a transfer is accepted or refused, once;
whoever ran an import, when it is committed; an account holder, when failed sign-ins lock their number."""

import pytest
from django.test import Client

from gonghui.core.errors import InvalidTransition
from gonghui.core.models import Message
from gonghui.members import services
from gonghui.members.models import Person

from .imports.helpers import commit, csv_bytes, good_rows, preview, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_an_accepted_transfer_tells_the_member_and_the_officer_who_asked_once(world):
    person = Person.objects.get(name="张伟")
    asker, decider = world.user("grassroots_officer"), world.user("sibling_officer")
    transfer = services.transfer_request(actor=asker, person=person, to_org=world.panlong_union, reason="换工作")
    services.transfer_accept(actor=decider, transfer=transfer)
    with pytest.raises(InvalidTransition):
        services.transfer_accept(actor=decider, transfer=transfer)  # a double click
    told = Message.objects.filter(event="members.transfer_accepted", object_id=str(transfer.pk))
    assert sorted(m.recipient.username for m in told) == ["grassroots_officer", "worker"]
    assert told.get(recipient=world.user("worker")).context["union"] == world.panlong_union.name
    assert not Message.objects.filter(recipient=decider).exists()


def test_a_refused_transfer_says_why(world):
    person = Person.objects.get(name="张伟")
    transfer = services.transfer_request(actor=world.user("worker"), person=person, to_org=world.panlong_union)
    services.transfer_refuse(actor=world.user("sibling_officer"), transfer=transfer, comment="单位不在本工会")
    told = Message.objects.get(event="members.transfer_refused")  # the member asked: one message
    assert told.recipient == world.user("worker") and told.context["comment"] == "单位不在本工会"
    assert told.sms_status == Message.Sms.PENDING


def test_a_committed_import_tells_its_owner_with_counts(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    job = preview(officer, xlsx_bytes(good_rows(12)), org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert not Message.objects.exists()  # a preview tells nothing
    done = commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded", done.error_message
    told = Message.objects.get(event="core.import_finished")
    assert told.recipient == officer and told.context == {"job": done.pk, "rows": 12, "written": 12}
    assert told.link.endswith(f"/import/{done.pk}/")


def test_an_import_that_writes_nothing_tells_nothing(world, django_capture_on_commit_callbacks):
    from gonghui.members.tests.factories import make_person

    officer = world.user("grassroots_officer")
    rows = good_rows(10)
    job = preview(officer, csv_bytes(rows), name="m.csv", org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    make_person(world.wuhua_union, "抢先", phone=rows[5][3])  # the file is wrong by the time it is committed
    done = commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "failed" and not Message.objects.exists()


def test_a_locked_worker_number_tells_the_worker(world, settings):
    person = Person.objects.get(name="张伟")
    client = Client()
    for _ in range(settings.GONGHUI_LOGIN_MAX_FAILURES + 1):
        client.post("/m/login/", {"phone": person.phone, "password": "wrong password 1"})
    told = Message.objects.filter(recipient=world.user("worker"), event="core.account_locked")
    assert told.count() == 1
    assert person.phone not in str(told.get().context)
