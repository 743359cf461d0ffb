"""Identity squatting at sign-up (issue 19 §3). The attack: sign up at /m/signup/ with someone's ID number and
one's own phone; the union then imports (or registers) the real member — before, the membership went to the
squatter's account and the union's phone was replaced. Now the union's record is kept, the account gets
nothing, and the conflict waits for an officer. Runs on SQLite and PostgreSQL (the import writes with COPY there)."""

import datetime

import pytest
from django.urls import reverse
from tests.api.openapi_check import assert_problem, session_client, token_client

from gonghui.core import synthetic
from gonghui.core.errors import NotFound
from gonghui.core.models import AuditEvent, User
from gonghui.members import services, worker_accounts
from gonghui.members.models import IdentityConflict, Membership, Person
from gonghui.members.tests.imports.helpers import commit, preview, xlsx_bytes

from .conftest import last_code

pytestmark = pytest.mark.django_db

REAL_ID = synthetic.resident_id("530102", datetime.date(1988, 8, 8), 808)
SQUATTER_PHONE = "13600001111"
UNION_PHONE = "13900002222"
PASSWORD = "Worker#2026a"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def sign_up(outbox, *, phone=SQUATTER_PHONE, name="冒名者", id_number=REAL_ID) -> User:
    worker_accounts.request_signup_code(phone=phone)
    return worker_accounts.worker_signup(phone=phone, code=last_code(outbox, phone), name=name,
                                         id_number=id_number, password=PASSWORD)


def import_member(world, capture, *, phone=UNION_PHONE, name="真会员"):
    officer = world.user("grassroots_officer")
    rows = [[1, name, REAL_ID, phone, "2020-01-01", "职工"]]
    job = preview(officer, xlsx_bytes(rows), org=world.wuhua_union, capture=capture)
    assert job.status == "succeeded" and job.result["errors"] == 0, job.result
    done = commit(officer, job, capture=capture)
    assert done.status == "succeeded", done.error_message
    return Person.objects.get(id_number_hash=services.id_number_hash(REAL_ID))


def test_the_squatter_sees_nothing_of_the_person_before_the_union_confirms(world, sms_outbox, client):
    squatter = sign_up(sms_outbox)
    person = squatter.person
    assert person.identity_unverified and person.current_org is None
    client.force_login(squatter)
    page = client.get(reverse("m:card"))
    assert page.status_code == 200 and 'data-testid="identity-unverified"' in page.content.decode()
    assert session_client(squatter).get("/me").json().get("person") is None


def test_the_attack_replayed_with_a_roster_import(world, sms_outbox, django_capture_on_commit_callbacks):
    squatter = sign_up(sms_outbox)
    person = import_member(world, django_capture_on_commit_callbacks)
    # the union's record: its name and phone; the membership is the person's, and the squatter's account has none
    assert person.name == "真会员" and person.phone == UNION_PHONE
    assert Membership.objects.filter(person=person, org=world.wuhua_union, status="active").exists()
    assert person.user_id is None
    squatter.refresh_from_db()
    assert getattr(squatter, "person", None) is None
    conflict = IdentityConflict.objects.get()
    assert (conflict.person, conflict.account, conflict.org, conflict.status) == (
        person, squatter, world.wuhua_union, "pending")
    assert conflict.claimed_phone == SQUATTER_PHONE and conflict.claimed_name == "冒名者"
    # the squatter's phone no longer signs anyone in
    with pytest.raises(worker_accounts.WorkerLoginFailed):
        worker_accounts.login_with_password(phone=SQUATTER_PHONE, password=PASSWORD)
    assert AuditEvent.objects.filter(action="person.identity_conflict").exists()


def test_the_attack_replayed_with_a_staff_registration(world, sms_outbox):
    squatter = sign_up(sms_outbox)
    person = services.person_register(actor=world.user("grassroots_officer"), org=world.wuhua_union,
                                      name="真会员", id_number=REAL_ID, phone=UNION_PHONE)
    person.refresh_from_db()
    assert (person.name, person.phone, person.user_id, person.current_org) == (
        "真会员", UNION_PHONE, None, world.wuhua_union)
    assert IdentityConflict.objects.get().account == squatter


def test_the_same_verified_phone_and_id_verify_the_identity(world, sms_outbox,
                                                            django_capture_on_commit_callbacks):
    worker = sign_up(sms_outbox, phone=UNION_PHONE, name="真会员")
    person = import_member(world, django_capture_on_commit_callbacks)
    assert person.user == worker and not person.identity_unverified
    assert not IdentityConflict.objects.exists()


def test_sign_up_with_a_members_id_and_another_phone_is_refused(world, sms_outbox):
    li_na = Person.objects.get(name="李娜")
    with pytest.raises(worker_accounts.IdentityUnconfirmed):
        sign_up(sms_outbox, name="李娜", id_number=li_na.id_number)
    li_na.refresh_from_db()
    assert li_na.user_id is None and li_na.phone != SQUATTER_PHONE


def test_an_officer_confirms_or_detaches(world, sms_outbox, django_capture_on_commit_callbacks):
    squatter = sign_up(sms_outbox)
    person = import_member(world, django_capture_on_commit_callbacks)
    conflict = IdentityConflict.objects.get()
    with pytest.raises(NotFound):  # out of scope
        services.identity_conflict_detach(actor=world.user("sibling_officer"), conflict=conflict)
    services.identity_conflict_detach(actor=world.user("grassroots_officer"), conflict=conflict, note="非本人")
    squatter.refresh_from_db()
    person.refresh_from_db()
    assert not squatter.is_active and person.user_id is None
    from gonghui.core.errors import Conflict

    with pytest.raises(Conflict):  # resolved once
        services.identity_conflict_confirm(actor=world.user("grassroots_officer"), conflict=conflict)


def test_a_confirmed_account_gets_the_person(world, sms_outbox, django_capture_on_commit_callbacks):
    worker = sign_up(sms_outbox)
    person = import_member(world, django_capture_on_commit_callbacks)
    services.identity_conflict_confirm(actor=world.user("grassroots_officer"), conflict=IdentityConflict.objects.get())
    person.refresh_from_db()
    assert person.user == worker and not person.identity_unverified and person.phone == UNION_PHONE
    assert AuditEvent.objects.filter(action="person.identity_conflict.confirmed").exists()


def test_the_queue_on_pages_and_api(world, sms_outbox, login, django_capture_on_commit_callbacks):
    sign_up(sms_outbox)
    import_member(world, django_capture_on_commit_callbacks)
    conflict = IdentityConflict.objects.get()
    page = login(world.user("grassroots_officer")).get(reverse("members:identity_conflict_list"))
    assert f"confirm-{conflict.pk}" in page.content.decode() and SQUATTER_PHONE not in page.content.decode()
    assert token_client(world.user("sibling_officer")).get("/identity-conflicts").json()["items"] == []
    assert_problem(token_client(world.user("sibling_officer")).post(f"/identity-conflicts/{conflict.pk}/detach"),
                   404, "not_found")
    api = token_client(world.user("grassroots_officer"))
    assert [c["id"] for c in api.get("/identity-conflicts").json()["items"]] == [conflict.pk]
    answer = api.post(f"/identity-conflicts/{conflict.pk}/detach", {"note": "非本人"})
    assert answer.status_code == 200 and answer.json()["status"] == "detached"


def test_an_unverified_worker_cannot_file_a_claim_for_the_person(world, sms_outbox):
    squatter = sign_up(sms_outbox)
    answer = session_client(squatter).get("/mutual-aid/me/cover")
    assert answer.status_code == 200 and answer.json()["cover"] is None
