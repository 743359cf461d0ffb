"""The shared test world: Yunnan's tree, grassroots unions in two sibling counties and one far county, and one
user for each kind of actor in the authorization matrix."""

from dataclasses import dataclass

import pyotp
import pytest
from django.utils import timezone

from gonghui.core.auth.policy import SESSION_SECOND_FACTOR_OK
from gonghui.core.models import User
from gonghui.members.tests.factories import make_person, make_unit
from gonghui.orgs.models import Organisation, RoleAssignment
from gonghui.orgs.services import create_grassroots, load_federation_tree

PASSWORD = "Gonghui#2026"


@dataclass
class World:
    province: Organisation
    kunming: Organisation
    wuhua: Organisation          # county
    panlong: Organisation        # sibling county of wuhua
    wuhua_union: Organisation    # grassroots in wuhua
    wuhua_union2: Organisation   # second grassroots in wuhua
    panlong_union: Organisation  # grassroots in panlong (out of scope for the wuhua officer)
    users: dict

    def user(self, key: str) -> User:
        return self.users[key]


def make_user(username: str, *, kind: str = "staff", roles: list[tuple[Organisation, str]] = (),
              totp: bool = False, password_expired: bool = False) -> User:
    """A user with a current password (unless ``password_expired``) and, with ``totp``, a confirmed second
    factor."""
    user = User.objects.create_user(username=username, password=PASSWORD, kind=kind, display_name=username)
    user.password_changed_at = None if password_expired else timezone.now()
    if totp:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "password_changed_at"])
    for org, role in roles:
        RoleAssignment.objects.create(user=user, org=org, role=role)
    return user


def build_world() -> World:
    province = load_federation_tree()
    kunming = Organisation.objects.get(division_id="530100")
    wuhua = Organisation.objects.get(division_id="530102")
    panlong = Organisation.objects.get(division_id="530103")
    wuhua_union = create_grassroots(parent=wuhua, name="五华区测试公司工会")
    wuhua_union2 = create_grassroots(parent=wuhua, name="五华区快递联合工会", kind=Organisation.Kind.JOINT)
    panlong_union = create_grassroots(parent=panlong, name="盘龙区测试公司工会")
    users = {
        "province_admin": make_user("province_admin", roles=[(province, "org_admin")], totp=True),
        "prefecture_officer": make_user("prefecture_officer", roles=[(kunming, "member_officer")], totp=True),
        "county_officer": make_user("county_officer", roles=[(wuhua, "org_admin")], totp=True),
        "sibling_officer": make_user("sibling_officer", roles=[(panlong, "org_admin")], totp=True),
        "grassroots_officer": make_user("grassroots_officer", roles=[(wuhua_union, "member_officer")]),
        "auditor": make_user("auditor", roles=[(province, "auditor")], totp=True),
        "staff_no_role": make_user("staff_no_role"),
    }
    unit = make_unit(wuhua_union, "五华测试科技有限公司")
    worker_user = make_user("worker", kind="worker")
    make_person(wuhua_union, "张伟", unit=unit, user=worker_user)
    users["worker"] = worker_user
    make_person(wuhua_union, "李娜", unit=unit)
    make_person(panlong_union, "王芳", region="530103")
    return World(province, kunming, wuhua, panlong, wuhua_union, wuhua_union2, panlong_union, users)


@pytest.fixture
def world(db) -> World:
    return build_world()


def sign_in(client, user):
    """force_login plus the second factor marked done: a session that owes no sign-in step (the user's own
    password_changed_at still decides about expiry)."""
    client.force_login(user)
    session = client.session
    session[SESSION_SECOND_FACTOR_OK] = True
    session.save()
    return client


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as the staff pages expect (password current, second factor
    done) and returns it."""

    def _login(user):
        if user.password_changed_at is None:
            user.password_changed_at = timezone.now()
            user.save(update_fields=["password_changed_at"])
        return sign_in(client, user)

    return _login
