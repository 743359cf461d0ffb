"""The worker's pages: my cover, filing a claim with photos from the phone, my claims, a claim's status with its
arithmetic and history; someone else's claim is not found; staff and anonymous users are sent to sign in."""

import pytest
from django.urls import reverse
from tests.fixtures import sign_in

from gonghui.mutual_aid.models import Claim, ClaimDocument
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(world, client):
    return sign_in(client, world.user("worker"))


def _claim_form(benefit="inpatient", **overrides) -> dict:
    data = factories.claim_data(benefit_type=benefit, **overrides)
    return {k: (" ".join(v) if isinstance(v, list) else v) for k, v in data.items()}


def test_my_cover_shows_the_period_benefits_and_what_is_left(world, worker, covered, period):
    response = worker.get(reverse("m_mutual_aid:cover"))
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="benefits"' in body
    assert response.context["cover"]["covered"] and len(response.context["cover"]["benefits"]) == 4
    assert reverse("m_mutual_aid:claim_new") in body


def test_no_cover_says_so(world, worker, period):
    response = worker.get(reverse("m_mutual_aid:cover"))
    assert response.status_code == 200 and b'data-testid="no-cover"' in response.content
    assert worker.get(reverse("m_mutual_aid:claim_new")).status_code == 302


def test_a_worker_files_a_claim_with_photos_and_it_is_submitted(world, worker, covered):
    choose = worker.get(reverse("m_mutual_aid:claim_new"))
    assert b'data-testid="choose-benefit"' in choose.content
    page = worker.get(reverse("m_mutual_aid:claim_new"), {"benefit": "inpatient"})
    body = page.content.decode()
    assert 'accept="image/*,application/pdf"' in body and "capture" in body and 'type="file"' in body
    form = _claim_form()
    for name in page.context["form"].document_fields:
        form[name] = [factories.upload("p1.png"), factories.upload("p2.png")]
    response = worker.post(reverse("m_mutual_aid:claim_new") + "?benefit=inpatient", form)
    claim = Claim.objects.get(person=covered["张伟"])
    assert response["Location"] == reverse("m_mutual_aid:claim_detail", args=[claim.pk])
    assert claim.state == Claim.State.SUBMITTED and claim.filed_by == world.user("worker")
    assert ClaimDocument.objects.filter(claim=claim).count() == 2 * len(page.context["form"].document_fields)
    detail = worker.get(response["Location"])
    assert detail.status_code == 200 and b'data-testid="arithmetic"' in detail.content
    assert detail.context["steps"] and detail.context["history"][-1].to_state == "submitted"
    document = claim.documents.first()
    link = reverse("m_files:file", args=[document.attachment_id])  # the one audited file view, the worker's own
    assert link in detail.content.decode()
    file = worker.get(link)
    assert file.status_code == 200 and "no-store" in file["Cache-Control"]


def test_without_every_document_the_claim_stays_a_draft(world, worker, covered):
    response = worker.post(reverse("m_mutual_aid:claim_new"), _claim_form())
    claim = Claim.objects.get(person=covered["张伟"])
    assert claim.state == Claim.State.DRAFT
    detail = worker.get(response["Location"])
    assert detail.context["missing"] and b'id="submit-claim" disabled' in detail.content
    for code, _label in detail.context["missing"]:
        worker.post(reverse("m_mutual_aid:claim_upload", args=[claim.pk]),
                    {"doc_type": code, "files": [factories.upload()]})
    worker.post(reverse("m_mutual_aid:claim_submit", args=[claim.pk]))
    assert Claim.objects.get(pk=claim.pk).state == Claim.State.SUBMITTED


def test_bad_input_is_shown_on_the_form(world, worker, covered):
    form = _claim_form(self_paid="99999.00")  # more than the total cost minus insurance
    response = worker.post(reverse("m_mutual_aid:claim_new"), form)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Claim.objects.exists()
    bad_file = _claim_form()
    bad_file["doc_application_form"] = [factories.upload("x.png", b"not an image", "image/png")]
    worker.post(reverse("m_mutual_aid:claim_new"), bad_file)
    claim = Claim.objects.get()
    assert claim.state == Claim.State.DRAFT and not claim.documents.exists()


def test_someone_elses_claim_is_not_found(world, worker, covered, staff):
    other = factories.file_claim(staff["filer"], covered["李娜"])
    for name, args in (("claim_detail", [other.pk]), ("claim_submit", [other.pk]), ("claim_upload", [other.pk]),
                       ("claim_document_remove", [other.pk, other.documents.first().pk])):
        method = worker.post if name != "claim_detail" else worker.get
        assert method(reverse(f"m_mutual_aid:{name}", args=args)).status_code == 404, name
    # another person's document through the worker's file view
    assert worker.get(reverse("m_files:file", args=[other.documents.first().attachment_id])).status_code == 404
    mine = factories.file_claim(world.user("worker"), covered["张伟"])
    assert worker.get(reverse("m_files:file", args=[mine.documents.first().attachment_id])).status_code == 200
    listing = worker.get(reverse("m_mutual_aid:claim_list"))
    assert mine.reference in listing.content.decode() and other.reference not in listing.content.decode()


def test_staff_and_anonymous_are_sent_to_the_worker_sign_in(world, client, covered):
    response = client.get(reverse("m_mutual_aid:cover"))
    assert response.status_code == 302 and reverse("m:login") in response["Location"]
    sign_in(client, world.user("county_officer"))
    response = client.get(reverse("m_mutual_aid:claim_list"))
    assert response.status_code == 302 and reverse("m:login") in response["Location"]


def test_the_worker_sees_paid_at_the_end(world, worker, covered, staff):
    from gonghui.mutual_aid import services

    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="B1")
    detail = worker.get(reverse("m_mutual_aid:claim_detail", args=[claim.pk]))
    assert detail.context["history"][-1].to_state == "paid"
    assert b'data-state="paid"' in detail.content
