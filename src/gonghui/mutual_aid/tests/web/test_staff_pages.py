"""Every staff page of mutual aid answers, shows what is in scope, and refuses the rest (404 out of scope)."""

import datetime

import pytest
from django.urls import reverse
from tests.fixtures import sign_in

from gonghui.mutual_aid.models import Claim
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db


def _get(client, name, *args, **params):
    return client.get(reverse(f"mutual_aid:{name}", args=args), params)


def test_index_and_lists_answer_for_a_county_officer(world, login, claims, period):
    client = login(world.user("county_officer"))
    for name in ("index", "period_list", "enrol_units", "enrolment_list", "late_queue", "statement_list",
                 "claim_queue", "batch_list", "report"):
        response = _get(client, name)
        assert response.status_code == 200, name
        assert "王芳" not in response.content.decode(), f"{name} shows a person out of scope"
    assert _get(client, "claim_new").status_code == 200
    assert _get(client, "claim_new", q="张").status_code == 200


def test_pages_need_the_mutual_aid_permission(world, client, login, period):
    assert client.get(reverse("mutual_aid:index"))["Location"].startswith(reverse("staff:login"))
    login(world.user("staff_no_role"))
    for name in ("index", "claim_queue", "batch_list", "report", "late_queue", "enrol_units", "claim_new"):
        assert _get(client, name).status_code == 404, name
    login(world.user("worker"))
    assert _get(client, "index").status_code == 404


def test_the_queue_filters_by_state_benefit_age_and_amount(world, login, claims):
    client = login(world.user("county_officer"))
    Claim.objects.filter(pk=claims["submitted"].pk).update(
        submitted_at=claims["submitted"].submitted_at - datetime.timedelta(days=20))
    body = _get(client, "claim_queue").content.decode()
    assert claims["submitted"].reference in body and claims["reviewing"].reference in body
    assert claims["outside"].reference not in body
    body = _get(client, "claim_queue", state="under_review").content.decode()
    assert claims["reviewing"].reference in body and claims["submitted"].reference not in body
    body = _get(client, "claim_queue", min_age=10).content.decode()
    assert claims["submitted"].reference in body and claims["reviewing"].reference not in body
    body = _get(client, "claim_queue", overdue="on").content.decode()
    assert claims["submitted"].reference in body and claims["reviewing"].reference not in body
    assert claims["submitted"].reference not in _get(client, "claim_queue", min_amount="99999").content.decode()
    assert claims["outside"].reference not in _get(client, "claim_queue", benefit_type="inpatient").content.decode()
    # htmx asks for the table alone
    partial = client.get(reverse("mutual_aid:claim_queue"), HTTP_HX_REQUEST="true")
    assert b"<h1>" not in partial.content and claims["submitted"].reference.encode() in partial.content
    # an organisation out of scope is not silently ignored
    assert _get(client, "claim_queue", org=world.panlong_union.pk).status_code == 404


def test_the_queue_paginates_and_keeps_the_filters(world, login, claims):
    client = login(world.user("county_officer"))
    response = _get(client, "claim_queue", benefit_type="inpatient", page=99)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    assert "benefit_type=inpatient" in response.context["query_string"]


def test_the_queue_exports_csv(world, login, claims):
    client = login(world.user("county_officer"))
    response = _get(client, "claim_export")
    body = response.getvalue().decode("utf-8-sig")
    assert response.status_code == 200 and claims["submitted"].reference in body
    assert claims["outside"].reference not in body


def test_claim_detail_shows_arithmetic_history_and_actions(world, login, claims):
    client = login(world.user("county_officer"))
    claim = claims["reviewing"]
    response = _get(client, "claim_detail", claim.pk)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="arithmetic"' in body and 'data-testid="history"' in body
    assert len(response.context["steps"]) >= 5  # self-paid, deductible, bands, waiting, caps, rounding
    assert reverse("mutual_aid:claim_transition", args=[claim.pk]) in body and 'value="approve"' in body
    assert claim.bank_account not in body  # masked only
    assert _get(client, "claim_detail", claims["outside"].pk).status_code == 404


def test_claim_amounts_are_shown_by_the_money_filter(world, login, claims):
    """Amounts go through core.money's |yuan: ¥, thousands grouped, two places, in both languages."""
    claim = claims["reviewing"]
    Claim.objects.filter(pk=claim.pk).update(total_cost="123456.5")
    body = _get(login(world.user("county_officer")), "claim_detail", claim.pk).content.decode()
    assert "¥123,456.50" in body
    assert "¥123456.5" not in body


def test_documents_are_served_through_scope_only(world, login, client, claims):
    claim = claims["submitted"]
    document = claim.documents.first()
    url = reverse("staff:file", args=[document.attachment_id])  # the one audited private file view
    login(world.user("county_officer"))
    assert url in _get(client, "claim_detail", claim.pk).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    login(world.user("sibling_officer"))
    assert client.get(url).status_code == 404
    outside_doc = claims["outside"].documents.first()
    login(world.user("county_officer"))
    assert client.get(reverse("staff:file", args=[outside_doc.attachment_id])).status_code == 404


def test_documents_are_encrypted_at_rest_and_read_only_through_the_audited_view(world, login, client, claims):
    """Issue 19, section 6: an ID copy or a diagnosis is not in clear in the private folder."""
    from django.core.files.storage import default_storage

    from gonghui.core.models import AuditEvent

    document = claims["submitted"].documents.first()
    with open(default_storage.path(document.file.name), "rb") as raw:
        on_disk = raw.read()
    assert on_disk.startswith(b"GHF1") and b"\x89PNG" not in on_disk
    login(world.user("county_officer"))
    response = client.get(reverse("staff:file", args=[document.attachment_id]))
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert int(response["Content-Length"]) == document.size
    read = AuditEvent.objects.get(action="attachment.read")
    assert read.actor_id == world.user("county_officer").pk and read.detail["kind"] == "mutual_aid.claim_document"


def test_an_officer_files_a_claim_for_a_member_and_submits_it(world, login, covered, staff):
    client = login(staff["filer"])
    person = covered["李娜"]
    data = factories.claim_data()
    form = {k: (v if not isinstance(v, list) else " ".join(v)) for k, v in data.items()}
    form["person"] = person.pk
    response = client.post(reverse("mutual_aid:claim_new"), form)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    claim = Claim.objects.get(person=person)
    assert claim.state == Claim.State.DRAFT and claim.filed_by == staff["filer"]
    for code, _label in claim.plan_version.rules.required_documents(claim.benefit_type):
        client.post(reverse("mutual_aid:claim_upload", args=[claim.pk]),
                    {"doc_type": code, "files": [factories.upload()]})
    client.post(reverse("mutual_aid:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.state == Claim.State.SUBMITTED
    # the same invoice again is refused with a clear reason on the form
    response = client.post(reverse("mutual_aid:claim_new"), form)
    assert response.status_code == 200 and response.context["form"].errors


def test_filing_for_someone_out_of_scope_is_404(world, login, panlong_person):
    client = login(world.user("grassroots_officer"))
    assert client.get(reverse("mutual_aid:claim_new"), {"person": panlong_person.pk}).status_code == 404


def test_period_pages(world, login, period):
    admin = login(world.user("province_admin"))
    response = _get(admin, "period_detail", period.pk)
    assert response.status_code == 200 and b'data-testid="plan-version-1"' in response.content
    assert _get(admin, "plan_version_create", period.pk).status_code == 200
    assert _get(admin, "period_edit", period.pk).status_code == 200
    assert _get(admin, "period_create").status_code == 200
    county = login(world.user("county_officer"))
    assert _get(county, "period_detail", period.pk).status_code == 200  # every union below reads the period
    assert _get(county, "period_edit", period.pk).status_code == 404  # but only the federation changes it
    assert county.post(reverse("mutual_aid:period_close", args=[period.pk])).status_code == 404


def test_navigation_entries(world, client, login, covered):
    login(world.user("county_officer"))
    assert reverse("mutual_aid:index") in client.get(reverse("staff:home")).content.decode()
    login(world.user("staff_no_role"))
    assert reverse("mutual_aid:index") not in client.get(reverse("staff:home")).content.decode()
    sign_in(client, world.user("worker"))
    assert reverse("m_mutual_aid:cover") in client.get(reverse("m_mutual_aid:claim_list")).content.decode()


def test_list_pages_do_not_grow_in_queries_with_rows(world, login, covered, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.user("county_officer"))
    factories.file_claim(staff["filer"], covered["李娜"])

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, name).status_code == 200
        return len(queries)

    before = {name: count(name) for name in ("claim_queue", "statement_list", "enrolment_list", "batch_list")}
    for _ in range(4):
        factories.file_claim(staff["filer"], covered["张伟"])
    for name, queries in before.items():
        assert count(name) <= queries, name


def test_home_panel(world, client, login, claims):
    login(world.user("county_officer"))
    response = client.get(reverse("staff:home"))
    assert reverse("mutual_aid:claim_queue") in response.content.decode()
