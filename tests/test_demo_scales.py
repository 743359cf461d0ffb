"""`gonghui demo` at other seeds and the county scale: each test builds its own demo, on a database without
the test world (the small demo that many tests read is built once in test_demo.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from gonghui.core.models import User, WorkflowLog
from gonghui.core.validators import normalise_mobile, parse_resident_id
from gonghui.members import services
from gonghui.members.models import Membership, Person, Transfer, Unit
from gonghui.orgs.models import Organisation, RoleAssignment
from tests.test_demo import _assert_settled_periods_agree_with_their_plan


@pytest.mark.usefixtures("empty_db")
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


@pytest.mark.usefixtures("empty_db")
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


@pytest.mark.usefixtures("empty_db")
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
