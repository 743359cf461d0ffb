"""The money kit: fen, strict parsing, sums, the |yuan filter, the Excel format, and venues using them."""

import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core import exports, money
from gonghui.core.money import AmountField, AmountInvalid, format_yuan, money_sum, parse_amount, to_fen


def test_to_fen_rounds_half_up_and_refuses_floats():
    assert to_fen(Decimal("1.005")) == Decimal("1.01")
    assert to_fen("2.004") == Decimal("2.00")
    assert to_fen(3) == Decimal("3.00")
    assert to_fen(None) == Decimal("0.00")
    for bad in (0.1, True, "abc", Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(TypeError):
            to_fen(bad)


@pytest.mark.parametrize("text, expected", [
    ("1280", "1280.00"), ("1280.5", "1280.50"), ("1,234.56", "1234.56"), ("¥99.90", "99.90"),
    ("￥12", "12.00"), (" 12.30 ", "12.30"), ("１２３．４５", "123.45"), ("1\u30002", "12.00"), ("0", "0.00"),
    (Decimal("7.10"), "7.10"), (15, "15.00"),
])
def test_parse_amount_accepts_what_people_type(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", [
    "", "abc", "1.234", "1e3", "1,23", "12,34.00", "1,2345", ".5", "5.", "NaN", "Infinity", "--1", "¥-5", "1 2.3.4",
    12.5, True, None, [], "-1", "1000000000000",
])
def test_parse_amount_refuses_the_rest(text):
    with pytest.raises(AmountInvalid) as exc:
        parse_amount(text, field="amount")
    assert exc.value.field == "amount" and exc.value.status == 422


def test_parse_amount_options():
    assert parse_amount("-3.50", allow_negative=True) == Decimal("-3.50")
    with pytest.raises(AmountInvalid):
        parse_amount("0.00", allow_zero=False)
    with pytest.raises(AmountInvalid):
        parse_amount("101", maximum=Decimal("100"))


@given(st.decimals(min_value=0, max_value=10**11, places=2))
def test_parse_reads_back_what_format_writes(amount):
    assert parse_amount(format_yuan(amount)) == amount
    assert parse_amount(format_yuan(amount, symbol=False)) == amount


def test_money_sum_is_exact():
    assert money_sum(["0.10"] * 10) == Decimal("1.00")  # 0.1 * 10 in float is 0.9999999999999999
    assert money_sum([]) == Decimal("0.00") and str(money_sum([])) == "0.00"
    assert money_sum([Decimal("1.10"), None, 2]) == Decimal("3.10")


def test_format_yuan_groups_thousands_in_both_languages():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert format_yuan(Decimal("1234.5")) == "¥1,234.50"
            assert format_yuan(Decimal("97000000")) == "¥97,000,000.00"
            assert format_yuan(Decimal("-1234567.891")) == "-¥1,234,567.89"
            assert format_yuan(0) == "¥0.00"
            assert format_yuan(None) == ""


def test_yuan_filter():
    template = Template("{% load money %}{{ a|yuan }}|{{ a|yuan_plain }}|{{ b|yuan }}|{{ c|yuan }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"a": Decimal("1234.5"), "b": None, "c": "n/a"})) == "¥1,234.50|1,234.50||n/a"


def test_amount_form_field():
    from django import forms

    class Form(forms.Form):
        amount = AmountField(label="amount")

    assert Form({"amount": "1,280.5"}).is_valid()
    form = Form({"amount": "12.345"})
    assert not form.is_valid() and "amount" in form.errors
    assert 'inputmode="decimal"' in str(Form()["amount"])


def test_excel_money_cells_use_the_one_number_format():
    import openpyxl

    book = exports.Workbook()
    sheet = book.sheet("t", header=["amount"])
    sheet.write_row([Decimal("1234.50")])
    wb = openpyxl.load_workbook(io.BytesIO(book.close()))
    cell = wb.active.cell(row=2, column=1)
    assert cell.value == 1234.5 and cell.number_format == money.XLSX_NUMBER_FORMAT
