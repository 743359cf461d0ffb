"""Bank accounts on the sensitive-field kit: claims, bank account changes and second payouts declare the
encrypted value and its tail once (no lookup hash), the stored columns stay as they were, writes keep the two in
step and the mask shows eight stars and the last four digits, whatever the account's length."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from gonghui.core import crypto, sensitive
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import BankAccountChange, Claim, SecondPayout
from gonghui.mutual_aid.models.claim import BANK_ACCOUNT_PURPOSE

from . import factories

pytestmark = pytest.mark.django_db


def test_the_three_models_declare_the_account_through_the_kit_without_a_migration():
    for model in (Claim, BankAccountChange, SecondPayout):
        assert sensitive.sensitive_fields(model) == ("bank_account",)
        assert not any(f.name.endswith("_hash") for f in model._meta.fields), model  # no new column
    out = io.StringIO()
    call_command("makemigrations", "mutual_aid", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
    with pytest.raises(KeyError):  # nobody finds a claim by its account number
        sensitive.lookup(Claim, "bank_account", "6222020200112233445")


def test_filing_and_editing_keep_value_and_tail_in_step_and_mask_by_the_tail(world, covered):
    worker = world.user("worker")
    claim = factories.file_claim(worker, covered["张伟"], submit=False)
    claim.refresh_from_db()
    assert claim.bank_account == "6222020200112233445" and claim.bank_account_tail == "3445"
    assert claim.bank_account_masked == "********3445"
    with connection.cursor() as cursor:  # encrypted at rest under the claim's purpose
        cursor.execute("SELECT bank_account FROM mutual_aid_claim WHERE id = %s", [claim.pk])
        stored = cursor.fetchone()[0]
    assert "3445" not in stored and crypto.decrypt(stored, purpose=BANK_ACCOUNT_PURPOSE) == claim.bank_account
    services.claim_update(actor=worker, claim=claim, bank_account="6217 0000 1234 5678 901")
    claim.refresh_from_db()
    assert (claim.bank_account, claim.bank_account_tail) == ("6217000012345678901", "8901")
    assert claim.bank_account_masked == "********8901"
    services.claim_update(actor=worker, claim=claim, hospital="云南省第一人民医院")  # account untouched
    claim.refresh_from_db()
    assert claim.bank_account_tail == "8901"


def test_an_empty_second_payout_account_has_an_empty_mask():
    payout = SecondPayout(**sensitive.columns(SecondPayout, "bank_account", ""))
    assert (payout.bank_account, payout.bank_account_tail, payout.bank_account_masked) == ("", "", "")
