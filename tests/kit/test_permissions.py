"""The permission registry (labels, the sensitivity flag that decides the second factor) and the one scope gate
``scope.require``: pass with the permission, 403 when the object is visible without it, 404 out of sight."""

import re

import pytest
from django.utils import translation

from gonghui.core import roles, scope
from gonghui.core.auth import policy
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.members.models import Person
from tests.fixtures import make_user

CJK = re.compile(r"[\u4e00-\u9fff]")

# A module of its own, declared the way an app would: one sensitive permission and a role holding it.
KIT_VIEW = roles.register_permission("kit_test.view", "See kit test rows")
KIT_SECRET = roles.register_permission("kit_test.secret", "See kit test secrets", sensitive=True, view=KIT_VIEW)
roles.register_role(roles.Role("kit_test_holder", "Kit test holder", 5, frozenset({KIT_VIEW, KIT_SECRET})))


def test_every_permission_any_role_holds_is_registered_with_labels_in_both_languages():
    held = {p for role in roles.all_roles() for p in role.permissions}
    assert len(held) > 20
    for code in held:
        permission = roles.get_permission(code)
        assert permission is not None, f"{code} is held by a role but not registered"
        if code.startswith("kit_test."):
            continue
        with translation.override("zh-hans"):
            assert CJK.search(str(permission.label)), code
        with translation.override("en"):
            assert not CJK.search(str(permission.label)), code
        if permission.view:
            assert roles.get_permission(permission.view) is not None, code


def test_a_permission_cannot_be_registered_twice_differently():
    with pytest.raises(ValueError):
        roles.register_permission("members.view", "something else")


BUSINESS_APPS = {"assistance"}


def test_the_foundations_sensitive_permissions_are_personal_data_and_the_three_administrators():
    # business apps may add their own (assistance.sensitive: household incomes and health whole)
    sensitive = {p.code for p in roles.all_permissions() if p.sensitive and not p.code.startswith("kit_test.")
                 and p.code.split(".")[0] not in BUSINESS_APPS}
    assert sensitive == {roles.MEMBERS_VIEW_SENSITIVE, roles.USERS_MANAGE, roles.ROLES_MANAGE, roles.AUDIT_VIEW}


@pytest.mark.django_db
def test_the_second_factor_follows_the_sensitive_flag_not_a_named_permission(world):
    grassroots = world.user("grassroots_officer")  # member officer at a grassroots union: nothing sensitive
    assert not policy.second_factor_required(grassroots)
    holder = make_user("kit_holder", roles=[(world.wuhua_union, "kit_test_holder")])
    assert policy.second_factor_required(holder)
    admin = make_user("grassroots_admin", roles=[(world.wuhua_union, "org_admin")])  # holds members.view_sensitive
    assert policy.second_factor_required(admin)


@pytest.mark.django_db
def test_gate_passes_with_the_permission_over_the_object(world):
    officer = world.user("grassroots_officer")
    person = Person.objects.get(name="李娜")
    scope.require(officer, roles.MEMBERS_CHANGE, person)
    scope.require(officer, roles.MEMBERS_CHANGE, world.wuhua_union.path)
    scope.require(officer, roles.MEMBERS_CHANGE)  # anywhere


@pytest.mark.django_db
def test_gate_is_403_when_the_object_is_visible_but_the_permission_missing(world):
    officer = world.user("grassroots_officer")
    person = Person.objects.get(name="李娜")
    with pytest.raises(PermissionDenied):
        scope.require(officer, roles.MEMBERS_VIEW_SENSITIVE, person)
    with pytest.raises(PermissionDenied):
        scope.require(officer, "mutual_aid.review", person.scope_path)  # sees mutual aid there, may not review


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["sibling_officer", "staff_no_role", "auditor", "worker", None])
def test_gate_is_404_out_of_sight(world, who):
    from django.contrib.auth.models import AnonymousUser

    user = world.user(who) if who else AnonymousUser()
    person = Person.objects.get(name="李娜")
    for permission in (roles.MEMBERS_VIEW, roles.MEMBERS_CHANGE, roles.MEMBERS_VIEW_SENSITIVE):
        with pytest.raises(NotFound):
            scope.require(user, permission, person)


@pytest.mark.django_db
def test_gate_without_an_object_is_404_when_the_permission_is_held_nowhere(world):
    with pytest.raises(NotFound):
        scope.require(world.user("auditor"), roles.MEMBERS_CHANGE)
