import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from tests.fixtures import PASSWORD

from gonghui.core.auth import throttle
from gonghui.core.models import AuditEvent, LoginThrottle

from .conftest import last_code


def login(client, phone, password=PASSWORD, **extra):
    return client.post(reverse("m:login"), {"phone": phone, "password": password, **extra})


@pytest.mark.django_db
def test_login_with_password(client, world, worker_person):
    response = login(client, worker_person.phone)
    assert response.status_code == 302 and response.url == reverse("m:card")
    assert int(client.session[SESSION_KEY]) == world.user("worker").pk
    event = AuditEvent.objects.get(action="auth.worker_login")
    assert event.result == "success" and event.actor_id == world.user("worker").pk
    assert worker_person.phone not in str(event.detail) + event.object_label + event.actor_label


@pytest.mark.django_db
def test_login_follows_a_local_next_only(client, world, worker_person):
    assert login(client, worker_person.phone, next="/m/membership/").url == "/m/membership/"
    client.logout()
    assert login(client, worker_person.phone, next="https://evil.example/").url == reverse("m:card")


@pytest.mark.django_db
def test_wrong_password_is_refused_and_audited(client, world, worker_person):
    response = login(client, worker_person.phone, password="Wrong#2026")
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="auth.worker_login", result="failure").count() == 1


@pytest.mark.django_db
def test_unknown_number_gets_the_same_answer(client, world, worker_person):
    wrong = login(client, worker_person.phone, password="Wrong#2026")
    unknown = login(client, "13600001111")
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


@pytest.mark.django_db
def test_staff_account_cannot_sign_in_as_a_worker(client, world):
    from gonghui.members.tests.factories import make_person

    staff_person = make_person(world.wuhua_union, "钱七", user=world.user("grassroots_officer"))
    response = login(client, staff_person.phone)
    assert response.status_code == 200 and SESSION_KEY not in client.session


@pytest.mark.django_db
def test_password_sign_in_locks_after_repeated_failures(client, world, worker_person, settings):
    for _ in range(settings.GONGHUI_LOGIN_MAX_FAILURES):
        login(client, worker_person.phone, password="Wrong#2026")
    response = login(client, worker_person.phone)  # the right password, but locked now
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert "locked" in str(response.context["form"].non_field_errors())


@pytest.mark.django_db
def test_login_with_code(client, world, worker_person, sms_outbox):
    url = reverse("m:login_code")
    response = client.post(url, {"action": "send", "phone": worker_person.phone})
    assert response.status_code == 200 and response.context["code_sent"]
    code = last_code(sms_outbox, worker_person.phone)
    response = client.post(url, {"action": "login", "phone": worker_person.phone, "code": code})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == world.user("worker").pk
    assert AuditEvent.objects.filter(action="auth.worker_login", result="success",
                                     detail__method="code").exists()


@pytest.mark.django_db
def test_login_code_is_not_sent_to_an_unknown_number_but_the_answer_is_the_same(client, world, sms_outbox):
    response = client.post(reverse("m:login_code"), {"action": "send", "phone": "13600001111"})
    assert response.status_code == 200 and response.context["code_sent"]
    assert sms_outbox == []
    again = client.post(reverse("m:login_code"), {"action": "send", "phone": "13600001111"})
    assert again.context["form"].errors  # rate-limited exactly like a real number


@pytest.mark.django_db
def test_login_code_rate_limit(client, world, worker_person, sms_outbox):
    url = reverse("m:login_code")
    client.post(url, {"action": "send", "phone": worker_person.phone})
    response = client.post(url, {"action": "send", "phone": worker_person.phone})
    assert "less than a minute" in str(response.context["form"].errors)
    assert len(sms_outbox) == 1


@pytest.mark.django_db
def test_login_code_wrong_attempts_kill_the_code(client, world, worker_person, sms_outbox, settings):
    settings.GONGHUI_LOGIN_MAX_FAILURES = 100  # look at the code's own limit, not the account lock
    url = reverse("m:login_code")
    client.post(url, {"action": "send", "phone": worker_person.phone})
    code = last_code(sms_outbox, worker_person.phone)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = client.post(url, {"action": "login", "phone": worker_person.phone, "code": wrong})
        assert response.status_code == 200
    response = client.post(url, {"action": "login", "phone": worker_person.phone, "code": code})
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="auth.worker_login", result="failure").count() == 6


@pytest.mark.django_db
def test_logout_is_post_only(client, world):
    client.force_login(world.user("worker"))
    assert client.get(reverse("m:logout")).status_code == 405
    response = client.post(reverse("m:logout"))
    assert response.status_code == 302 and response.url == reverse("m:login")
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "county_officer", "staff_no_role"])
@pytest.mark.parametrize("name", ["m:card", "m:membership", "m:transfer_request"])
def test_protected_pages_send_non_workers_to_the_worker_sign_in(client, world, who, name):
    if who != "anonymous":
        client.force_login(world.user(who))
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("m:login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["m:login", "m:login_code", "m:signup"])
def test_sign_in_pages_open_for_everyone(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'id="id_phone"' in response.content.decode()


@pytest.mark.django_db
def test_one_address_trying_many_numbers_is_refused_without_locking_them(client, world, worker_person, settings):
    """Issue 19 §7: the per-address limit of core.auth.throttle holds for the worker sign-in too."""
    settings.GONGHUI_LOGIN_ADDRESS_MAX_FAILURES = 5
    for i in range(5):
        client.post(reverse("m:login"), {"phone": f"1390000{i:04d}", "password": "Wrong#2026"},
                    REMOTE_ADDR="10.6.6.6")
    response = client.post(reverse("m:login"), {"phone": worker_person.phone, "password": PASSWORD},
                           REMOTE_ADDR="10.6.6.6")
    assert response.status_code == 200 and SESSION_KEY not in client.session
    address = LoginThrottle.objects.get(key_hash=throttle.throttle_key("", throttle.ADDRESS, address="10.6.6.6"))
    assert address.locked_until is not None
    client.post(reverse("m:login"), {"phone": worker_person.phone, "password": PASSWORD}, REMOTE_ADDR="10.2.2.2")
    assert SESSION_KEY in client.session  # the number itself was never locked
