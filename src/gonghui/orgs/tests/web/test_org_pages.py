import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.orgs.models import Organisation
from gonghui.orgs.services import create_grassroots

LIST = reverse("orgs:org_list")


@pytest.mark.django_db
def test_tree_starts_at_the_users_roots(world, login):
    client = login(world.user("county_officer"))
    page = client.get(LIST).context["page"]
    assert [o.pk for o in page] == [world.wuhua.pk]
    assert page[0].children_count == 2
    children = client.get(LIST, {"parent": world.wuhua.pk}).context["page"]
    assert {o.pk for o in children} == {world.wuhua_union.pk, world.wuhua_union2.pk}
    assert client.get(LIST, {"parent": world.panlong.pk}).status_code == 404


@pytest.mark.django_db
def test_search_is_scoped(world, login):
    response = login(world.user("county_officer")).get(LIST, {"q": "panlong"})
    assert list(response.context["page"]) == []
    response = login(world.user("province_admin")).get(LIST, {"q": "panlong"})
    assert world.panlong_union in list(response.context["page"])


@pytest.mark.django_db
@pytest.mark.parametrize("who, status", [("county_officer", 200), ("sibling_officer", 404), ("worker", 404)])
def test_detail_is_scoped(world, login, who, status):
    response = login(world.user(who)).get(reverse("orgs:org_detail", args=[world.wuhua_union.pk]))
    assert response.status_code == status


@pytest.mark.django_db
def test_create_a_joint_union_below_a_county(world, login):
    client = login(world.user("county_officer"))
    response = client.post(
        reverse("orgs:org_create", args=[world.wuhua.pk]),
        {"name": "五华区外卖骑手联合工会", "level": "grassroots", "kind": "joint", "address": ""},
    )
    org = Organisation.objects.get(name="五华区外卖骑手联合工会")
    assert response.status_code == 302 and org.parent == world.wuhua and org.path.startswith(world.wuhua.path)
    assert org.name_initials == "whqwmqslhgh"


@pytest.mark.django_db
def test_create_below_an_out_of_scope_org_is_not_found(world, login):
    response = login(world.user("county_officer")).post(
        reverse("orgs:org_create", args=[world.panlong.pk]),
        {"name": "越权工会", "level": "grassroots", "kind": "joint"},
    )
    assert response.status_code == 404
    assert not Organisation.objects.filter(name="越权工会").exists()


@pytest.mark.django_db
def test_member_officer_cannot_create(world, login):
    response = login(world.user("prefecture_officer")).get(reverse("orgs:org_create", args=[world.wuhua.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_edit(world, login):
    response = login(world.user("county_officer")).post(
        reverse("orgs:org_edit", args=[world.wuhua_union.pk]),
        {
            "name": "五华区测试股份公司工会",
            "address": "五华区一二一大街",
            "contact_phone": "",
            "is_active": "on",
        },
    )
    world.wuhua_union.refresh_from_db()
    assert response.status_code == 302 and world.wuhua_union.name == "五华区测试股份公司工会"


@pytest.mark.django_db
def test_children_list_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    client = login(world.user("county_officer"))
    client.get(LIST, {"parent": world.wuhua.pk})
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"parent": world.wuhua.pk})
    for i in range(20):
        create_grassroots(parent=world.wuhua, name=f"五华区第{i}工会")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST, {"parent": world.wuhua.pk})
