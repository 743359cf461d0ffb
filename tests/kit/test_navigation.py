"""Navigation comes only from the apps' manifests (core.web.nav): the foundation's links too (members, orgs, core).
Every entry resolves, names a registered permission (or none), and the header shows exactly the entries the
user holds the permission for somewhere; the worker's tab bar shows the worker's entries."""

import re

import pytest
from django.urls import reverse

from gonghui.core import roles, scope
from gonghui.core.web import nav
from tests.fixtures import sign_in

pytestmark = pytest.mark.django_db

FOUNDATION_STAFF = ["staff:home", "members:person_list", "members:unit_list", "members:transfer_queue",
                    "orgs:org_list", "orgs:role_list", "staff:audit_list", "staff:api_tokens"]
FOUNDATION_MOBILE = ["m:card", "m:membership", "m:transfer_request"]


def _entries(area):
    return [entry for entry in nav._entries if entry.area == area]


def _links(html: str, selector: str) -> list[str]:
    block = re.search(rf'<nav class="{selector}"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', block.group(1)) if block else []


def test_every_entry_resolves_and_names_a_registered_permission():
    for entry in nav._entries:
        assert entry.area in (nav.STAFF, nav.MOBILE)
        assert reverse(entry.url_name).startswith("/staff/" if entry.area == nav.STAFF else "/m/"), entry
        assert str(entry.label), entry
        assert entry.permission is None or roles.get_permission(entry.permission) is not None, entry
    names = [entry.url_name for entry in nav._entries]
    assert set(FOUNDATION_STAFF) <= set(names) and set(FOUNDATION_MOBILE) <= set(names)
    assert len(names) == len(set(names)), "an entry registered twice"
    staff_order = [entry.url_name for entry in _entries(nav.STAFF)]
    # the foundation's order as the header had it: home and members first, the audit log and tokens last
    assert staff_order[:6] == FOUNDATION_STAFF[:6] and staff_order[-2:] == FOUNDATION_STAFF[-2:]


def test_the_base_templates_hard_code_no_link():
    from pathlib import Path

    from django.template.loader import get_template

    for name, names in (("staff/base.html", FOUNDATION_STAFF), ("mobile/base.html", FOUNDATION_MOBILE)):
        text = Path(get_template(name).origin.name).read_text()
        for url_name in names:
            if url_name == "staff:home":
                continue  # the brand links home, outside the navigation
            assert f"'{url_name}'" not in text and f'"{url_name}"' not in text, (name, url_name)


@pytest.mark.parametrize("username", ["staff_no_role", "county_officer", "grassroots_officer", "auditor",
                                      "province_admin"])
def test_the_staff_header_shows_exactly_the_entries_the_user_may_open(world, client, username):
    user = world.user(username)
    sign_in(client, user)
    html = client.get(reverse("staff:home")).content.decode()
    shown = _links(html, "modules")
    expected = [reverse(entry.url_name) for entry in _entries(nav.STAFF)
                if entry.permission is None or scope.has_perm(user, entry.permission)]
    assert shown == expected
    hidden = [entry for entry in _entries(nav.STAFF)
              if entry.permission is not None and not scope.has_perm(user, entry.permission)]
    assert not {reverse(entry.url_name) for entry in hidden} & set(shown)
    if username == "staff_no_role":  # gated as the header was: members, organisations, roles, audit hidden
        assert {entry.url_name for entry in hidden} >= set(FOUNDATION_STAFF[1:6]) | {"staff:audit_list"}


def test_the_workers_tab_bar_lists_the_worker_entries(world, client):
    sign_in(client, world.user("worker"))
    html = client.get(reverse("m:card")).content.decode()
    shown = _links(html, "m-tabs")
    expected = [reverse(entry.url_name) for entry in _entries(nav.MOBILE)]
    assert shown[:len(expected)] == expected
    assert shown[-1] == reverse("m_messages:list")  # the inbox, with its unread badge, last
