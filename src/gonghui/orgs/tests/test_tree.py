"""Yunnan's tree: the divisions file, the federations built from it, and subtree queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core import scope
from gonghui.core.errors import NotFound
from gonghui.orgs import selectors, services
from gonghui.orgs.errors import RoleTooHigh
from gonghui.orgs.models import Division, Organisation


@pytest.fixture
def province(empty_db):
    return services.load_federation_tree()


def test_yunnan_has_16_prefectures_and_129_counties(province):
    assert Division.objects.filter(level="prefecture").count() == 16
    assert Division.objects.filter(level="county").count() == 129
    assert Organisation.objects.filter(level="prefecture").count() == 16
    assert Organisation.objects.filter(level="county").count() == 129
    assert province.division_id == "530000" and province.level == "province" and province.parent is None


@pytest.mark.parametrize(("code", "name", "parent"), [
    ("530100", "昆明市", "530000"),
    ("530102", "五华区", "530100"),
    ("532800", "西双版纳傣族自治州", "530000"),
    ("532801", "景洪市", "532800"),
    ("530800", "普洱市", "530000"),       # renamed from 思茅市 in 2007
    ("532302", "禄丰市", "532300"),       # county became a city in 2021
])
def test_known_codes(province, code, name, parent):
    division = Division.objects.get(code=code)
    assert division.name == name and division.parent_id == parent
    federation = Organisation.objects.get(division=division)
    assert federation.name == name + "总工会"
    assert federation.parent.division_id == parent


def test_every_county_sits_in_its_prefecture(province):
    for county in Organisation.objects.filter(level="county").select_related("parent"):
        assert county.division_id[:4] == county.parent.division_id[:4]
        assert county.path.startswith(county.parent.path)


def test_loading_twice_changes_nothing(province):
    before = list(Organisation.objects.values_list("pk", "path"))
    assert services.load_federation_tree() == province
    assert list(Organisation.objects.values_list("pk", "path")) == before


def test_subtree_is_one_prefix_query(province):
    kunming = Organisation.objects.get(division_id="530100")
    with CaptureQueriesContext(connection) as queries:
        names = set(selectors.subtree(kunming).values_list("name", flat=True))
    assert len(queries) == 1 and "LIKE" in queries[0]["sql"].upper()
    assert len(names) == 1 + 14 and "五华区总工会" in names and "曲靖市总工会" not in names


def test_ancestors_walk_up_to_the_province(province):
    wuhua = Organisation.objects.get(division_id="530102")
    assert [o.division_id for o in selectors.ancestors(wuhua)] == ["530000", "530100", "530102"]


def test_pinyin_search_of_organisations(world):
    found = selectors.organisation_search(world.user("province_admin"), "kunming")
    assert "昆明市总工会" in set(found.values_list("name", flat=True))
    assert selectors.organisation_search(world.user("province_admin"), "kmszgh").exists()


@pytest.mark.django_db
def test_grant_only_down_the_tree_and_no_higher_than_own_rank(world):
    from tests.fixtures import make_user

    security = make_user("wuhua_security", roles=[(world.wuhua, "security_admin")])  # grants at Wuhua
    county_admin = world.user("county_officer")          # org_admin at Wuhua: grants nothing (三员分立)
    grassroots = world.user("grassroots_officer")        # member_officer at a Wuhua union
    target = world.user("staff_no_role")
    services.role_grant(actor=security, user=target, org=world.wuhua_union, role="member_officer")
    scope.forget(target)
    assert scope.has_perm(target, "members.change", world.wuhua_union.path)
    # a member officer cannot even see roles (so the organisation is "not found" to them); an org admin sees
    # them but grants none; the security administrator grants nothing above Wuhua
    with pytest.raises(NotFound):
        services.role_grant(actor=grassroots, user=target, org=world.wuhua_union, role="viewer")
    with pytest.raises(RoleTooHigh):
        services.role_grant(actor=county_admin, user=target, org=world.wuhua_union, role="viewer")
    with pytest.raises(NotFound):
        services.role_grant(actor=security, user=target, org=world.kunming, role="viewer")
