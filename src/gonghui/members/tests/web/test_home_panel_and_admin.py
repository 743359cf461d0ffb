import pytest
from django.urls import reverse

from gonghui.members.models import Person


@pytest.mark.django_db
def test_home_shows_the_members_panel(world, login):
    response = login(world.user("county_officer")).get(reverse("staff:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("members:person_list") in body and reverse("members:transfer_queue") in body


@pytest.mark.django_db
def test_members_panel_figures_follow_the_scope(world, rf):
    from gonghui.members.web.views_panels import members_home_panel

    request = rf.get("/staff/")
    request.user = world.user("county_officer")
    panel = members_home_panel(request)
    assert [item["value"] for item in panel["items"]] == [2, 1, 0]
    request.user = world.user("auditor")
    assert members_home_panel(request) is None


@pytest.mark.django_db
def test_admin_is_for_superusers_only(world, login, client):
    officer = world.user("province_admin")
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    login(officer)
    assert client.get("/admin/").status_code == 302  # sent to sign in, not let into the admin


@pytest.mark.django_db
def test_admin_never_shows_numbers_in_clear(world, login, django_user_model):
    client = login(django_user_model.objects.create_superuser("root", password="Root#2026pass"))
    person = Person.objects.get(name="张伟")
    response = client.get(reverse("admin:members_person_change", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert person.id_number_masked in body
    assert person.id_number not in body and person.phone not in body


@pytest.mark.django_db
def test_unit_options_follow_the_chosen_union(world, login):
    client = login(world.user("county_officer"))
    body = client.get(reverse("members:unit_options"), {"org": world.wuhua_union.pk}).content.decode()
    assert "五华测试科技有限公司" in body
    body = client.get(reverse("members:unit_options"), {"org": world.panlong_union.pk}).content.decode()
    assert "option value=\"\"" in body and "公司" not in body
