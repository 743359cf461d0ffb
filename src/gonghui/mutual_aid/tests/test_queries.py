"""Lists answer in a fixed number of queries, whatever the number of rows; marking a batch twice pays once."""

import pytest
from tests.api.openapi_check import session_client

from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import BatchNotOpen
from gonghui.mutual_aid.models import Payout

from . import factories

pytestmark = pytest.mark.django_db


def _claims(world, covered, count):
    for _ in range(count):
        factories.file_claim(world.user("worker"), covered["张伟"], submit=False)


@pytest.mark.parametrize("path", ["/mutual-aid/claims?all=true", "/mutual-aid/enrolments", "/mutual-aid/statements",
                                  "/mutual-aid/payout-batches", "/mutual-aid/periods"])
def test_list_query_count_does_not_grow_with_rows(world, covered, path, django_assert_max_num_queries):
    client = session_client(world.user("county_officer"))
    _claims(world, covered, 2)
    with django_assert_max_num_queries(12) as few:
        assert client.client.get("/api/v1" + path).status_code == 200
    _claims(world, covered, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.client.get("/api/v1" + path).status_code == 200


def test_marking_a_batch_twice_pays_once(world, covered, staff):
    claim = factories.file_claim(world.user("worker"), covered["张伟"])
    services.claim_start_review(actor=staff["reviewer"], claim=claim)
    services.claim_approve(actor=staff["reviewer"], claim=claim)
    batch = services.payout_batch_create(actor=staff["cashier"], org=world.wuhua, period=claim.period)
    services.payout_batch_export(actor=staff["cashier"], batch=batch)
    services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-1")
    with pytest.raises(BatchNotOpen):
        services.payout_batch_mark(actor=staff["cashier"], batch=batch, bank_reference="R-1")
    assert Payout.objects.filter(claim=claim, status="paid").count() == 1
