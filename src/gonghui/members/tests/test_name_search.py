"""Name search: contains semantics on every database; on PostgreSQL served by the per-character index
(core.lookups, members migration 0004), and listed either way round depending on how many persons match."""

import pytest
from django.db import connection

from gonghui.members import selectors
from gonghui.members.models import Person
from gonghui.members.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_two_characters_find_names_holding_them_in_order(world):
    for name in ("张伟", "李张伟", "张伟强", "伟张", "张小伟"):
        make_person(world.wuhua_union, name)
    found = set(Person.objects.filter(selectors.person_search_q("张伟")).values_list("name", flat=True))
    assert {"张伟", "李张伟", "张伟强"} <= found
    assert not found & {"伟张", "张小伟"}
    assert "张小伟" in set(Person.objects.filter(selectors.person_search_q("小")).values_list("name", flat=True))


def test_search_with_like_wildcards_is_literal(world):
    make_person(world.wuhua_union, "王%芳")
    make_person(world.wuhua_union, "王大芳")
    found = set(Person.objects.filter(selectors.person_search_q("王%")).values_list("name", flat=True))
    assert found == {"王%芳"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the character index exists on PostgreSQL only")
def test_postgresql_answers_from_the_character_index(world):
    make_person(world.wuhua_union, "张伟")
    qs = Person.objects.filter(selectors.person_search_q("张伟"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: make the planner show what it can use
        plan = qs.explain()
    assert "person_name_chars" in plan


def test_broad_and_narrow_searches_list_the_same_persons_in_name_order(world, monkeypatch):
    for name in ("王芳", "王小芳", "王大伟", "李王"):
        make_person(world.wuhua_union, name)
    admin = world.user("province_admin")
    narrow = list(selectors.person_list(admin, query="王").values_list("name", flat=True))
    monkeypatch.setattr(selectors, "DENSE_MATCHES", 2)  # now "王" counts as broad
    broad = list(selectors.person_list(admin, query="王").values_list("name", flat=True))
    assert narrow == broad and len(broad) >= 4
