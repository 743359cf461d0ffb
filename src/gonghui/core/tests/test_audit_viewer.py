"""The audit viewer: who may open it, scope, filters, pagination, CSV export (audited) and the chain check."""

import csv
import io

import pytest
from django.urls import reverse
from tests.fixtures import make_user

from gonghui.core import audit
from gonghui.core.models import AuditEvent

from .helpers import login_fully

pytestmark = pytest.mark.django_db

# Codes only these tests write: the registry refuses undeclared actions.
TEST_CODES = ("test.first", "test.second", "probe", "test.bulk", "test.export_me", "test.inside", "test.county",
              "test.sibling", "test.nowhere", "test.one")
audit.register_actions(*(audit.AuditAction(code, code) for code in TEST_CODES), owner="tests")


@pytest.mark.parametrize("username", ["county_officer", "province_admin", "prefecture_officer"])
def test_staff_without_audit_view_get_404(client, world, username):
    login_fully(client, world.user(username))
    for name in ("staff:audit_list", "staff:audit_export", "staff:audit_verify"):
        assert client.get(reverse(name)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("staff:audit_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_province_auditor_sees_everything_newest_first(client, world):
    audit.record("test.first", object_type="x", object_id=1)
    audit.record("test.second", object_type="x", object_id=2, acting_org_id=world.panlong.pk)
    login_fully(client, world.user("auditor"))
    response = client.get(reverse("staff:audit_list"))
    assert response.status_code == 200
    actions = [e.action for e in response.context["page"]]
    assert actions.index("test.second") < actions.index("test.first")


def test_filters(client, world):
    actor = world.user("county_officer")
    audit.record("person.reveal", actor=actor, object_type="members.person", object_id=7)
    audit.record("person.reveal", actor=world.user("sibling_officer"), object_type="members.person",
                 object_id=8, result="denied")
    audit.record("unit.create", actor=actor, object_type="members.unit", object_id=7)
    login_fully(client, world.user("auditor"))

    def actions(**params):
        page = client.get(reverse("staff:audit_list"), params).context["page"]
        return sorted((e.action, e.object_id) for e in page)

    assert actions(action="person.") == [("person.reveal", "7"), ("person.reveal", "8")]
    assert actions(actor="county_off", object_type="members.person") == [("person.reveal", "7")]
    assert actions(actor=str(actor.pk), action="unit") == [("unit.create", "7")]
    assert actions(result="denied") == [("person.reveal", "8")]
    assert actions(object_type="members.person", object_id="8") == [("person.reveal", "8")]
    today = audit.record("probe").at.astimezone().date().isoformat()
    assert len(actions(action="person", date_from=today, date_to=today)) == 2
    assert actions(action="person", date_from="2000-01-01", date_to="2000-01-02") == []


def test_pagination_is_50_a_page(client, world):
    for number in range(60):
        audit.record("test.bulk", object_type="x", object_id=number)
    login_fully(client, world.user("auditor"))
    first = client.get(reverse("staff:audit_list"), {"action": "test.bulk"}).context["page"]
    second = client.get(reverse("staff:audit_list"), {"action": "test.bulk", "page": 2}).context["page"]
    assert len(first) == 50 and len(second) == 10
    assert first[0].object_id == "59" and second[9].object_id == "0"


def test_export_is_csv_and_audited(client, world):
    audit.record("test.export_me", object_type="x", object_id=1, object_label="=HYPERLINK(\"x\")")
    auditor = world.user("auditor")
    login_fully(client, auditor)
    response = client.get(reverse("staff:audit_export"), {"action": "test.export_me"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["id", "at", "actor_id"] and len(rows) == 2
    assert rows[1][rows[0].index("object_label")].startswith("'=")  # no live formula in Excel
    event = AuditEvent.objects.get(action="audit.export")
    assert event.actor_id == auditor.pk and event.detail["filters"] == {"action": "test.export_me"}


def test_county_auditor_sees_only_events_for_their_subtree(client, world):
    county_auditor = make_user("county_auditor", roles=[(world.wuhua, "auditor")], totp=True)
    audit.record("test.inside", acting_org_id=world.wuhua_union.pk)
    audit.record("test.county", acting_org_id=world.wuhua.pk)
    audit.record("test.sibling", acting_org_id=world.panlong_union.pk)
    audit.record("test.nowhere")
    login_fully(client, county_auditor)
    page = client.get(reverse("staff:audit_list"), {"action": "test."}).context["page"]
    assert sorted(e.action for e in page) == ["test.county", "test.inside"]
    export = b"".join(client.get(reverse("staff:audit_export")).streaming_content).decode("utf-8-sig")
    assert "test.sibling" not in export and "test.nowhere" not in export
    assert client.get(reverse("staff:audit_verify")).status_code == 404


def test_verify_section(client, world):
    audit.record("test.one")
    login_fully(client, world.user("auditor"))
    response = client.get(reverse("staff:audit_verify"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.context["problem_count"] == 0
    assert b"<html" not in response.content  # htmx gets the fragment only
    full = client.get(reverse("staff:audit_verify"))
    assert b"<html" in full.content
