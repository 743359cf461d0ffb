import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.core import synthetic
from gonghui.members.models import Unit
from gonghui.members.tests.factories import make_unit

LIST = reverse("members:unit_list")


@pytest.mark.django_db
def test_unit_list_is_scoped_and_searchable(world, login):
    make_unit(world.panlong_union, "盘龙物流有限公司")
    client = login(world.user("county_officer"))
    assert {u.name for u in client.get(LIST).context["page"]} == {"五华测试科技有限公司"}
    assert {u.name for u in client.get(LIST, {"q": "wuhua"}).context["page"]} == {"五华测试科技有限公司"}
    assert {u.name for u in client.get(LIST, {"q": "panlong"}).context["page"]} == set()
    unit = Unit.objects.get(name="五华测试科技有限公司")
    assert {u.name for u in client.get(LIST, {"q": unit.credit_code}).context["page"]} == {unit.name}
    assert client.get(LIST, {"q": "wh"}, HTTP_HX_REQUEST="true").content.decode().count("<table") == 1


@pytest.mark.django_db
def test_unit_detail_lists_its_members_and_is_scoped(world, login):
    unit = Unit.objects.get(name="五华测试科技有限公司")
    response = login(world.user("county_officer")).get(reverse("members:unit_detail", args=[unit.pk]))
    assert {p.name for p in response.context["page"]} == {"张伟", "李娜"}
    response = login(world.user("sibling_officer")).get(reverse("members:unit_detail", args=[unit.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_create_and_edit_a_unit(world, login):
    client = login(world.user("grassroots_officer"))
    code = synthetic.credit_code("530102", random.Random(7))
    response = client.post(
        reverse("members:unit_create"),
        {
            "org": world.wuhua_union.pk,
            "name": "云岭快递站",
            "credit_code": code,
            "industry": "物流",
            "address": "",
            "staff_count": "12",
        },
    )
    unit = Unit.objects.get(name="云岭快递站")
    assert response.status_code == 302 and unit.org == world.wuhua_union and unit.name_initials == "ylkdz"
    response = client.post(
        reverse("members:unit_edit", args=[unit.pk]),
        {
            "name": "云岭快递服务站",
            "credit_code": code,
            "industry": "物流",
            "address": "",
            "staff_count": "15",
            "is_active": "on",
        },
    )
    unit.refresh_from_db()
    assert response.status_code == 302 and unit.name == "云岭快递服务站" and unit.staff_count == 15


@pytest.mark.django_db
def test_bad_credit_code_is_a_field_error(world, login):
    response = login(world.user("county_officer")).post(
        reverse("members:unit_create"),
        {"org": world.wuhua_union.pk, "name": "错误单位", "credit_code": "91530102ABCDEFGH12"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Unit.objects.filter(name="错误单位").exists()


@pytest.mark.django_db
def test_unit_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login(world.user("county_officer"))
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(30):
        make_unit(world.wuhua_union2)
        make_unit(world.wuhua_union) if i % 2 else None
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


@pytest.mark.django_db
def test_unit_list_of_a_county_covers_its_unions(world, login):
    make_unit(world.wuhua_union2, "五华快递网点")
    client = login(world.user("province_admin"))
    names = {u.name for u in client.get(LIST, {"org": world.wuhua.pk}).context["page"]}
    assert names == {"五华测试科技有限公司", "五华快递网点"}
    assert login(world.user("sibling_officer")).get(LIST, {"org": world.wuhua.pk}).status_code == 404
