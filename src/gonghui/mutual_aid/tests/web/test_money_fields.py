"""The mutual-aid forms read amounts with core.money's rule, the same as the services behind them."""

from decimal import Decimal

import pytest

from gonghui.mutual_aid.web.forms import ClaimFilterForm, PaymentForm


@pytest.mark.parametrize("typed, read", [("1280.5", Decimal("1280.50")), ("￥1,280.50", Decimal("1280.50")),
                                         ("１２８０", Decimal("1280.00"))])
def test_an_amount_is_read_as_people_type_it(typed, read):
    form = PaymentForm(data={"amount": typed, "reference": "BANK-1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == read


@pytest.mark.parametrize("typed", ["1e3", "12.345", "1,23", "-5", "0", "abc"])
def test_a_bad_amount_is_refused_on_its_field(typed):
    form = PaymentForm(data={"amount": typed, "reference": "BANK-1"})
    assert not form.is_valid() and "amount" in form.errors


def test_an_empty_filter_amount_is_no_filter():
    form = ClaimFilterForm(data={"min_amount": "", "max_amount": "5,000"}, orgs=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["min_amount"] is None and form.cleaned_data["max_amount"] == Decimal("5000.00")
