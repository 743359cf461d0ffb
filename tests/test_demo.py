"""`gonghui demo`: builds a plausible, valid and deterministic data set once, and lists its accounts."""

from io import StringIO

import pyotp
import pytest
from django.core.management import call_command
from django.db import transaction

from gonghui.core import demo
from gonghui.core.models import User, WorkflowLog
from gonghui.core.validators import normalise_mobile, parse_resident_id, validate_credit_code
from gonghui.members import services, worker_accounts
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.orgs.models import Organisation, RoleAssignment

PERSONS = 300


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", scale="small", persons=PERSONS, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo_output(db) -> str:
    return run_demo()


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


@pytest.mark.django_db
def test_same_seed_builds_the_same_people():
    def build_and_roll_back(seed: int) -> list[tuple]:
        with transaction.atomic():
            call_command("demo", scale="small", persons=60, seed=seed, stdout=StringIO())
            people = list(Person.objects.order_by("id").values_list("name", "birth_date", "sex", "category"))
            transaction.set_rollback(True)
        return people

    first = build_and_roll_back(7)
    assert build_and_roll_back(7) == first
    assert build_and_roll_back(8) != first


COUNTY_PERSONS = 2500  # two batches: the worker processes run


@pytest.mark.django_db
def test_county_scale_goes_through_the_bulk_loader():
    out = StringIO()
    call_command("demo", scale="county", persons=COUNTY_PERSONS, workers=2, stdout=out, stderr=StringIO())
    assert "Demo built" in out.getvalue()
    assert Person.objects.count() == COUNTY_PERSONS
    current = Membership.objects.filter(status__in=Membership.CURRENT)
    assert current.count() == COUNTY_PERSONS
    # the persons live in Kunming prefecture (plus the one union each other county keeps)
    in_kunming = Person.objects.filter(current_org__parent__division__code__startswith="5301").count()
    assert in_kunming > 0.6 * COUNTY_PERSONS  # ~98 % at the full 100,000
    counties = Organisation.objects.filter(level="county")
    assert not counties.exclude(children__level="grassroots").exists()
    assert Organisation.objects.filter(level="grassroots", kind="joint").exists()
    assert Unit.objects.count() >= COUNTY_PERSONS // 20
    for membership in current.select_related("person")[:200]:
        assert membership.person.current_org_id == membership.org_id
    # identities: valid, unique, encrypted and hashed by the model's own code
    sample = list(Person.objects.order_by("id")[:300])
    for person in sample:
        parsed = parse_resident_id(person.id_number)
        assert parsed.birth_date == person.birth_date and parsed.sex == person.sex
        assert normalise_mobile(person.phone) == person.phone
        assert person.id_number_hash == services.id_number_hash(person.id_number)
        assert person.phone_hash == services.phone_hash(person.phone)
        assert person.name_pinyin and person.name_initials
    assert len(set(Person.objects.values_list("id_number_hash", flat=True))) == COUNTY_PERSONS
    shares = {c: Person.objects.filter(category=c).count() / COUNTY_PERSONS for c in Person.Category.values}
    assert 0.6 < shares["employee"] < 0.8 and 0.1 < shares["new_form"] < 0.2
    accepted = Transfer.objects.filter(state="accepted").first()
    assert accepted and accepted.from_membership.status == "transferred"
    assert WorkflowLog.objects.filter(object_type="members.transfer", object_id=str(accepted.pk)).count() == 2
    assert Transfer.objects.filter(state="requested").count() >= 3
    # the ORM keeps working after rows with explicit ids (sequences moved on)
    worker = User.objects.get(username="worker")
    assert worker.person.current_org == RoleAssignment.objects.get(user__username="grassroots_officer").org
    Unit.objects.create(org=worker.person.current_org, name="after the bulk load")
    _assert_settled_periods_agree_with_their_plan()


@pytest.mark.django_db
def test_county_scale_is_deterministic_per_seed():
    def build(seed: int) -> list[tuple]:
        with transaction.atomic():
            call_command("demo", scale="county", persons=300, seed=seed, workers=1, stdout=StringIO(),
                         stderr=StringIO())
            people = list(Person.objects.order_by("id").values_list("name", "birth_date", "sex", "category"))
            transaction.set_rollback(True)
        return people

    first = build(7)
    assert build(7) == first
    assert build(8) != first
