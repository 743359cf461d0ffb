"""`gonghui demo`: builds a plausible, valid and deterministic data set once, and lists its accounts."""

from io import StringIO

import pyotp
import pytest
from django.core.management import call_command

from gonghui.core import demo
from gonghui.core.models import User, WorkflowLog
from gonghui.core.validators import normalise_mobile, parse_resident_id, validate_credit_code
from gonghui.members import worker_accounts
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.orgs.models import Organisation, RoleAssignment
from tests.fixtures import remove_world, shared_transaction

PERSONS = 300


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", scale="small", persons=PERSONS, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_built(django_db_setup, django_db_blocker) -> str:
    """The demo, built once for the tests that only read it, on a database without the test world, in a
    transaction rolled back after the module (tests/fixtures.py: shared_transaction)."""
    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            remove_world()
            output = run_demo()
        yield output


@pytest.fixture
def demo_output(db, _demo_built) -> str:
    return _demo_built


def test_second_run_builds_nothing_and_prints_the_accounts_again(demo_output):
    def counts():
        return [model.objects.count() for model in (Person, Membership, Organisation, User, Transfer)]

    before = counts()
    again = run_demo()
    assert "already present" in again
    assert counts() == before
    for username in ("province_admin", "kunming_officer", "wuhua_officer", "grassroots_officer", "auditor",
                     "security_admin", "security_reviewer", "system_admin", "worker"):
        assert username in demo_output and username in again
    assert demo.DEMO_PASSWORD in again
    assert "http://127.0.0.1:8000/staff/" in again and "http://127.0.0.1:8000/m/" in again
    assert "otpauth://totp/" in again


def test_counts_are_plausible(demo_output):
    assert Person.objects.count() == PERSONS
    counties = Organisation.objects.filter(level="county")
    assert counties.count() == 129
    # every county has at least one grassroots union; the centre of Kunming has several
    assert not counties.exclude(children__level="grassroots").exists()
    assert Organisation.objects.filter(parent__division_id="530102", level="grassroots").count() >= 4
    assert Organisation.objects.filter(level="grassroots", kind="joint").exists()
    # one current membership per person, all in grassroots unions, the person's scope following it
    current = Membership.objects.filter(status__in=Membership.CURRENT)
    assert current.count() == PERSONS
    assert not current.exclude(org__level="grassroots").exists()
    assert not Person.objects.exclude(current_org__isnull=False).exists()
    for membership in current.select_related("person")[:50]:
        assert membership.person.current_org_id == membership.org_id
    shares = {c: Person.objects.filter(category=c).count() / PERSONS for c in Person.Category.values}
    assert 0.55 < shares["employee"] < 0.85 and 0.05 < shares["new_form"] < 0.25
    assert not Person.objects.filter(category="new_form", occupation="").exists()
    # some past transfers with their history, a queue arriving in Wuhua
    accepted = Transfer.objects.filter(state="accepted")
    assert accepted.exists()
    transfer = accepted.first()
    assert list(WorkflowLog.objects.filter(object_type="members.transfer", object_id=str(transfer.pk))
                .values_list("to_state", flat=True)) == ["requested", "accepted"]
    assert Transfer.objects.filter(state="requested", to_org__parent__division_id="530102").count() >= 3


def _assert_settled_periods_agree_with_their_plan():
    """The demo's settled periods were settled by the real job, which recomputes every claim in approval order:
    the demo's amounts are the plan's."""
    from gonghui.mutual_aid.models import Settlement

    settlements = list(Settlement.objects.all())
    assert settlements
    for settlement in settlements:
        recheck = settlement.totals["recheck"]
        assert recheck["claims"] > 0 and recheck["differing"] == 0, recheck
        # the second payouts of a settled period are paid, one per candidate with an amount
        paid = settlement.second_payouts.filter(status="paid", payouts__status="paid").count()
        assert paid == settlement.candidates.filter(amount__gt=0).count()


def test_mutual_aid_history_follows_the_plan(demo_output):
    _assert_settled_periods_agree_with_their_plan()


def test_every_mutual_aid_process_has_a_history_ending_in_its_state(demo_output):
    from django.apps import apps

    from gonghui.core import workflow

    for name, model in (("mutual_aid_period", "Period"), ("mutual_aid_settlement", "Settlement"),
                        ("mutual_aid_payout_batch", "PayoutBatch"), ("mutual_aid_second_payout", "SecondPayout")):
        flow = workflow.get_workflow(name)
        last = dict(WorkflowLog.objects.filter(workflow=name).order_by("id").values_list("object_id", "to_state"))
        rows = list(apps.get_model("mutual_aid", model).objects.values_list("pk", flow.state_field))
        assert rows or model == "SecondPayout", name
        for pk, state in rows:  # the latest history row names the state the row is in
            assert last.get(str(pk)) == state, (name, pk, state)


def test_identities_are_valid(demo_output):
    for person in Person.objects.all():
        parsed = parse_resident_id(person.id_number)
        assert parsed.birth_date == person.birth_date and parsed.sex == person.sex
        assert parsed.region_code.startswith("53")
        assert 16 <= (person.created_at.date() - person.birth_date).days // 365 <= 66
        assert normalise_mobile(person.phone) == person.phone and person.phone_tail == person.phone[-4:]
    codes = list(Unit.objects.values_list("credit_code", flat=True))
    assert codes and all(validate_credit_code(code) == code for code in codes)
    cards = list(Membership.objects.values_list("card_number", flat=True))
    assert len(cards) == len(set(cards))


STAFF_ACCOUNTS = [  # username, level of the organisation, role, second factor
    ("province_admin", "province", "org_admin", True),
    ("kunming_officer", "prefecture", "member_officer", True),
    ("wuhua_officer", "county", "org_admin", True),
    ("grassroots_officer", "grassroots", "member_officer", False),
    ("auditor", "province", "auditor", True),
    ("security_admin", "province", "security_admin", True),
    ("security_reviewer", "province", "security_admin", True),
    ("system_admin", "province", "system_admin", True),
]


def test_staff_accounts_have_their_roles(demo_output):
    for username, level, role, second_factor in STAFF_ACCOUNTS:
        user = User.objects.get(username=username)
        assignment = RoleAssignment.objects.select_related("org").get(user=user)
        assert (assignment.org.level, assignment.role) == (level, role), username
        assert user.check_password(demo.DEMO_PASSWORD) and user.password_changed_at is not None
        assert bool(user.totp_secret) is second_factor, username
        if second_factor:
            assert user.totp_secret == demo.demo_totp_secret(username) and user.totp_confirmed_at
            assert user.totp_secret in demo_output
            pyotp.TOTP(user.totp_secret).now()  # a valid base32 secret
    assert RoleAssignment.objects.get(user__username="kunming_officer").org.name == "昆明市总工会"
    assert RoleAssignment.objects.get(user__username="wuhua_officer").org.name == "五华区总工会"
    assert RoleAssignment.objects.get(user__username="grassroots_officer").org.parent.division_id == "530102"


def test_worker_belongs_to_the_grassroots_officers_union(demo_output):
    worker = User.objects.get(username="worker")
    assert worker.is_worker and worker.check_password(demo.DEMO_PASSWORD)
    officer_union = RoleAssignment.objects.get(user__username="grassroots_officer").org
    assert worker.person.current_org == officer_union
    assert worker.person.phone in demo_output
    # and signs in at /m/ with that number and the demo password
    signed_in = worker_accounts.login_with_password(phone=worker.person.phone, password=demo.DEMO_PASSWORD)
    assert signed_in == worker
