"""The shared world (tests/fixtures.py): built once per test database, the same at the start of every test
whatever the tests before it did, committed or not."""

import pytest
from django.db import connection

from gonghui.core.models import User
from gonghui.members.models import Person
from gonghui.orgs.models import Organisation
from tests.fixtures import World, world_handle

ORIGINAL = {"wuhua_union": "五华区测试公司工会", "panlong_union": "盘龙区测试公司工会"}


def _assert_pristine(world: World):
    assert world.wuhua_union.name == ORIGINAL["wuhua_union"]
    assert Organisation.objects.get(pk=world.panlong_union.pk).name == ORIGINAL["panlong_union"]
    assert Organisation.objects.filter(level="county").count() == 129
    assert Organisation.objects.filter(level="grassroots").count() == 3
    assert set(Person.objects.values_list("name", flat=True)) == {"张伟", "李娜", "王芳"}
    assert User.objects.count() == 8 and not User.objects.filter(username="intruder").exists()
    assert world.user("worker").person.name == "张伟"


@pytest.mark.parametrize("run", [1, 2])
def test_changes_are_rolled_back_after_each_test(world, run):
    _assert_pristine(world)  # the second run sees nothing of the first's changes
    world.wuhua_union.name = "changed"
    world.wuhua_union.save(update_fields=["name"])
    Organisation.objects.filter(pk=world.panlong_union.pk).update(name="changed")
    User.objects.create_user(username="intruder", kind="staff")


def test_each_test_gets_its_own_instances(world):
    assert world.wuhua_union is not world_handle().load().wuhua_union
    assert world.wuhua_union.pk == world_handle().orgs["wuhua_union"]


def test_empty_db_has_no_world(empty_db):
    assert not Organisation.objects.exists() and not User.objects.exists() and not Person.objects.exists()


def test_the_world_is_back_after_empty_db(world):
    _assert_pristine(world)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_a_committing_test_sees_the_world_and_the_next_one_a_fresh_one(world, run):
    """transaction=True tests commit and are flushed after; the world is rebuilt before the next test."""
    assert not connection.in_atomic_block  # really committing
    _assert_pristine(world)
    Organisation.objects.filter(pk=world.wuhua_union.pk).update(name="committed")
    User.objects.create_user(username="intruder", kind="staff")
