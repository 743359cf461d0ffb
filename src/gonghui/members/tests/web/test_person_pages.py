import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.core.models import AuditEvent
from gonghui.members.models import Membership, Person
from gonghui.members.tests.factories import id_number, make_person

LIST = reverse("members:person_list")


def names(response) -> set[str]:
    return {p.name for p in response.context["page"]}


@pytest.mark.django_db
def test_list_is_scoped(world, login):
    assert names(login(world.user("county_officer")).get(LIST)) == {"张伟", "李娜"}
    assert names(login(world.user("sibling_officer")).get(LIST)) == {"王芳"}
    assert names(login(world.user("province_admin")).get(LIST)) == {"张伟", "李娜", "王芳"}
    assert names(login(world.user("staff_no_role")).get(LIST)) == set()


@pytest.mark.django_db
def test_list_shows_masked_numbers_only(world, login):
    person = Person.objects.get(name="张伟")
    body = login(world.user("county_officer")).get(LIST).content.decode()
    assert person.id_number_masked in body
    assert person.id_number not in body
    assert person.phone not in body


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["zhangwei", "zw", "ZW", "张"])
def test_search_by_name_pinyin_and_initials(world, login, query):
    response = login(world.user("province_admin")).get(LIST, {"q": query})
    assert names(response) == {"张伟"}


@pytest.mark.django_db
def test_search_by_id_tail_and_phone_tail(world, login):
    person = Person.objects.get(name="李娜")
    client = login(world.user("county_officer"))
    assert "李娜" in names(client.get(LIST, {"q": person.id_number[-4:]}))
    assert "李娜" in names(client.get(LIST, {"q": person.phone[-4:]}))


@pytest.mark.django_db
def test_filters_by_org_and_category(world, login):
    make_person(world.wuhua_union2, "赵敏", category="new_form")
    client = login(world.user("province_admin"))
    assert names(client.get(LIST, {"org": world.wuhua.pk})) == {"张伟", "李娜", "赵敏"}
    assert names(client.get(LIST, {"category": "new_form"})) == {"赵敏"}
    # an organisation outside the scope is not found
    assert login(world.user("county_officer")).get(LIST, {"org": world.panlong.pk}).status_code == 404


@pytest.mark.django_db
def test_htmx_search_returns_the_table_only(world, login):
    response = login(world.user("county_officer")).get(LIST, {"q": "zw"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "张伟" in body and "李娜" not in body


@pytest.mark.django_db
def test_pagination_keeps_the_filters(world, login):
    for i in range(55):
        make_person(world.wuhua_union, f"张{i}")
    response = login(world.user("county_officer")).get(LIST, {"q": "zhang"})
    assert response.context["page"].paginator.count == 56
    assert "q=zhang&amp;page=2" in response.content.decode()


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login(world.user("county_officer"))
    client.get(LIST)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(40):
        make_person(world.wuhua_union, f"成员{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"]) == 42


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, status",
    [
        ("sibling_officer", 404),
        ("worker", 404),
        ("staff_no_role", 404),
        ("county_officer", 200),
        ("province_admin", 200),
    ],
)
def test_detail_is_scoped(world, login, who, status):
    person = Person.objects.get(name="张伟")
    response = login(world.user(who)).get(reverse("members:person_detail", args=[person.pk]))
    assert response.status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(world, client):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("staff:login") in response["Location"]


def _register_data(world, **overrides):
    data = {
        "name": "陈静",
        "id_number": id_number("530102"),
        "phone": "",
        "category": "employee",
        "occupation": "",
        "org": world.wuhua_union.pk,
        "unit": "",
        "joined_on": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_add_member(world, login):
    response = login(world.user("county_officer")).post(
        reverse("members:person_create"), _register_data(world)
    )
    person = Person.objects.get(name="陈静")
    assert response.status_code == 302
    assert response["Location"] == reverse("members:person_detail", args=[person.pk])
    assert person.current_org == world.wuhua_union
    assert AuditEvent.objects.filter(action="person.create", object_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_add_member_with_wrong_checksum_shows_the_error_and_writes_nothing(world, login):
    good = id_number("530102")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    persons, memberships = Person.objects.count(), Membership.objects.count()
    response = login(world.user("county_officer")).post(
        reverse("members:person_create"), _register_data(world, id_number=bad)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("id_number")
    assert (Person.objects.count(), Membership.objects.count()) == (persons, memberships)


@pytest.mark.django_db
def test_add_member_duplicate_id_is_refused(world, login):
    existing = Person.objects.get(name="张伟")
    response = login(world.user("county_officer")).post(
        reverse("members:person_create"), _register_data(world, id_number=existing.id_number)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() or response.context["form"].errors
    assert not Person.objects.filter(name="陈静").exists()


@pytest.mark.django_db
def test_add_member_outside_scope_is_refused(world, login):
    response = login(world.user("county_officer")).post(
        reverse("members:person_create"), _register_data(world, org=world.panlong_union.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors.get("org")
    assert not Person.objects.filter(name="陈静").exists()


@pytest.mark.django_db
def test_edit_member_keeps_numbers_when_left_empty(world, login):
    person = Person.objects.get(name="李娜")
    phone, number = person.phone, person.id_number
    response = login(world.user("county_officer")).post(
        reverse("members:person_edit", args=[person.pk]),
        {"name": "李娜娜", "id_number": "", "phone": "", "category": "migrant", "occupation": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.category, person.phone, person.id_number) == (
        "李娜娜",
        "migrant",
        phone,
        number,
    )


@pytest.mark.django_db
def test_retire_membership(world, login):
    person = Person.objects.get(name="李娜")
    response = login(world.user("county_officer")).post(
        reverse("members:person_membership_status", args=[person.pk]), {"status": "retired"}
    )
    assert response.status_code == 302
    assert person.memberships.get().status == "retired"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["auditor", "staff_no_role"])
def test_add_pages_do_not_exist_without_change_permission(world, login, who):
    client = login(world.user(who))
    assert client.get(reverse("members:person_create")).status_code == 404
    assert client.get(reverse("members:unit_create")).status_code == 404
    assert client.get(reverse("members:union_options"), {"purpose": "transfer", "q": "pl"}).status_code == 404


@pytest.mark.django_db
def test_long_lists_count_up_to_a_limit_and_say_more(world, login, monkeypatch):
    from gonghui.core.web import pages

    monkeypatch.setattr(pages, "COUNT_LIMIT", 60)
    for i in range(70):
        make_person(world.wuhua_union, f"张{i:02d}")
    response = login(world.user("county_officer")).get(LIST, {"q": "zhang"})
    paginator = response.context["page"].paginator
    assert paginator.count_capped and paginator.count == 60 and paginator.num_pages == 2
    body = response.content.decode()
    assert body.count("page=2") == 1  # the "next" link; no "last" link when the count stopped at the limit
    last = login(world.user("county_officer")).get(LIST, {"q": "zhang", "page": 2})
    assert len(last.context["page"]) == 10  # the pages end at the limit


@pytest.mark.django_db
def test_selective_search_keeps_the_name_order(world, login):
    for name in ("张伟丙", "张伟甲", "张伟乙"):
        make_person(world.wuhua_union, name)
    response = login(world.user("county_officer")).get(LIST, {"q": "张伟"})
    listed = [p.name for p in response.context["page"]]
    assert listed == sorted(listed) and len(listed) >= 3
