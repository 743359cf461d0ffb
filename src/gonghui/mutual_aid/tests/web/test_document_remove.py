"""Removing a document from a draft or returned claim: the worker on /m/, an officer on the staff page and the
API; audited; refused once the claim is submitted; someone else's document is not found."""

import pytest
from django.urls import reverse
from tests.api.openapi_check import session_client

from gonghui.core.models import AuditEvent
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import ClaimDocument
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db


def _draft(actor, person):
    claim = factories.file_claim(actor, person, submit=False)
    factories.add_required_documents(actor, claim)
    return claim


def _removals():
    return AuditEvent.objects.filter(action="mutual_aid.claim.document_remove").count()


def test_worker_removes_a_document_of_their_draft(world, client, covered):
    from tests.fixtures import sign_in

    worker = world.user("worker")
    claim = _draft(worker, covered["张伟"])
    document = claim.documents.first()
    sign_in(client, worker)
    url = reverse("m_mutual_aid:claim_document_remove", args=[claim.pk, document.pk])
    assert client.post(url).status_code == 302
    assert not ClaimDocument.objects.filter(pk=document.pk).exists() and _removals() == 1
    assert document.doc_type in {code for code, _label in services.missing_documents(claim)}
    other = _draft(world.user("grassroots_officer"), covered["李娜"]).documents.first()
    assert client.post(reverse("m_mutual_aid:claim_document_remove", args=[claim.pk, other.pk])).status_code == 404
    assert client.post(reverse("m_mutual_aid:claim_document_remove",
                               args=[other.claim_id, other.pk])).status_code == 404
    assert ClaimDocument.objects.filter(pk=other.pk).exists()


def test_officer_removes_on_the_staff_page_but_not_after_submission(world, login, covered):
    officer = world.user("grassroots_officer")
    claim = _draft(officer, covered["李娜"])
    client = login(officer)
    first, second = list(claim.documents.all()[:2])
    assert client.post(reverse("mutual_aid:claim_document_remove", args=[claim.pk, first.pk])).status_code == 302
    assert not ClaimDocument.objects.filter(pk=first.pk).exists()
    factories.add_required_documents(officer, claim)
    services.claim_submit(actor=officer, claim=claim)
    client.post(reverse("mutual_aid:claim_document_remove", args=[claim.pk, second.pk]))
    assert ClaimDocument.objects.filter(pk=second.pk).exists() and _removals() == 1
    outsider = login(world.user("sibling_officer"))
    assert outsider.post(reverse("mutual_aid:claim_document_remove", args=[claim.pk, second.pk])).status_code == 404


def test_api_delete_is_audited_as_a_removal_not_a_read(world, covered):
    worker = world.user("worker")
    claim = _draft(worker, covered["张伟"])
    document = claim.documents.first()
    api = session_client(worker)
    reads = AuditEvent.objects.filter(action="mutual_aid.claim.document_read").count()
    assert api.client.delete(f"/api/v1/mutual-aid/documents/{document.pk}").status_code == 204
    assert _removals() == 1
    assert AuditEvent.objects.filter(action="mutual_aid.claim.document_read").count() == reads
    assert session_client(world.user("sibling_officer")).client.delete(
        f"/api/v1/mutual-aid/documents/{claim.documents.first().pk}").status_code == 404
