"""Issue 19 §7: the sign-up "send code" action sent codes to 40 numbers from one client. Per-address and overall
limits on SMS, with a picture challenge (core.captcha) once they are reached."""

import pytest
from django.urls import reverse

from gonghui.core import captcha

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictures(monkeypatch):
    """The digits of each challenge drawn (a person reads them off the picture)."""
    drawn = []
    monkeypatch.setattr(captcha, "_draw", lambda text: drawn.append(text) or b"\x89PNG")
    return drawn


def send(client, phone, address="10.7.7.7", page="m:signup", **extra):
    return client.post(reverse(page), {"action": "send", "phone": phone, **extra}, REMOTE_ADDR=address)


def numbers(count, start=0):
    return [f"1390000{start + i:04d}" for i in range(count)]


def test_one_client_cannot_text_forty_numbers(client, world, sms_outbox, settings):
    for phone in numbers(40):
        send(client, phone)
    assert len(sms_outbox) == settings.GONGHUI_SMS_ADDRESS_FREE_PER_HOUR


def test_past_the_free_limit_a_solved_picture_lets_a_code_go(client, world, sms_outbox, settings, pictures):
    settings.GONGHUI_SMS_ADDRESS_FREE_PER_HOUR, settings.GONGHUI_SMS_ADDRESS_MAX_PER_HOUR = 2, 4
    first, second, third, fourth, fifth = numbers(5)
    send(client, first), send(client, second)
    asked = send(client, third)
    assert asked.status_code == 200 and asked.context["challenge"] and len(sms_outbox) == 2
    assert b'id="captcha-image"' in asked.content and b"data:image/png;base64," in asked.content
    wrong = send(client, third, captcha="0" * captcha.DIGITS)  # never drawn: digits 2-9 only
    assert wrong.context["challenge"] and len(sms_outbox) == 2  # refused, and a new picture
    assert send(client, third, captcha=pictures[-1]).context["challenge"] is None
    assert [m.to for m in sms_outbox] == [first, second, third]
    again = send(client, fourth, captcha=pictures[-1])  # a challenge is good for one attempt
    assert again.context["challenge"] and len(sms_outbox) == 3
    send(client, fourth, captcha=pictures[-1])
    assert len(sms_outbox) == 4
    send(client, fifth)
    refused = send(client, fifth, captcha=pictures[-1])  # past the hard limit: not even with a picture
    assert refused.context["challenge"] is None and refused.context["form"].non_field_errors()
    assert len(sms_outbox) == 4
    send(client, fifth, address="10.8.8.8")  # another client is not held back
    assert len(sms_outbox) == 5


def test_the_overall_limits_hold_across_addresses(client, world, sms_outbox, settings, pictures):
    settings.GONGHUI_SMS_FREE_PER_HOUR, settings.GONGHUI_SMS_MAX_PER_HOUR = 3, 5
    for i, phone in enumerate(numbers(3)):
        send(client, phone, address=f"10.9.0.{i}")
    asked = send(client, numbers(1, 10)[0], address="10.9.1.1")
    assert asked.context["challenge"] and len(sms_outbox) == 3
    for i, phone in enumerate(numbers(3, 20)):
        send(client, phone, address=f"10.9.2.{i}")
        send(client, phone, address=f"10.9.2.{i}", captcha=pictures[-1])
    assert len(sms_outbox) == 5


def test_the_sign_in_code_page_has_the_same_limits_known_number_or_not(client, world, sms_outbox, settings,
                                                                      pictures, worker_person):
    settings.GONGHUI_SMS_ADDRESS_FREE_PER_HOUR = 1
    send(client, numbers(1)[0], page="m:login_code")  # nobody's number: no text, but counted alike
    asked = send(client, worker_person.phone, page="m:login_code")
    assert asked.context["challenge"] and sms_outbox == []
    send(client, worker_person.phone, page="m:login_code", captcha=pictures[-1])
    assert [m.to for m in sms_outbox] == [worker_person.phone]
