"""Money: yuan as ``Decimal`` with two places (fen), never a float.

One place for the rules every module shares: quantising to fen, reading an amount a user typed, adding amounts,
showing one (``|yuan`` in templates: ``¥1,234.50``) and the Excel number format of money cells (core.exports).
"""

import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from .errors import ValidationFailed

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
# Above any single figure the platform holds (a province's five-year total is ~10^10); typing slips past it.
MAX_AMOUNT = Decimal("1000000000000")
# Excel's number format for money cells: thousands separated, two places (core.exports writes every money cell
# with it, so a sum in the sheet is a number, not text).
XLSX_NUMBER_FORMAT = "#,##0.00"

# An amount as people type it: an optional yuan sign, digits (optionally grouped by commas in threes), at most
# two decimals. Nothing else: "1e3", "12.345", "1,23" and "¥-5" are refused, not guessed at.
_AMOUNT = re.compile(r"^(?P<sign>-?)[¥￥]?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?$")
_BLANKS = re.compile(r"[\s\u3000]+")


class AmountInvalid(ValidationFailed):
    code = "amount_invalid"
    default_message = _("Enter an amount in yuan with at most two decimals, for example 1280.50.")


def to_fen(value) -> Decimal:
    """``value`` (a Decimal, an int or a numeric string) rounded half up to fen. A float is refused: it has
    already lost the cents it was meant to carry."""
    if isinstance(value, float | bool):
        raise TypeError("money is never a float (or a bool)")
    if value is None:
        return ZERO
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise TypeError(f"not an amount: {value!r}") from None
    if not number.is_finite():
        raise TypeError("an amount is finite")
    return number.quantize(FEN, rounding=ROUND_HALF_UP)


def parse_amount(text, *, field: str = "amount", allow_negative: bool = False, allow_zero: bool = True,
                 maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """Read an amount a person typed (a form, an import cell): strict, never rounded. Full-width digits and
    blanks are tolerated (Chinese input methods); anything else that is not exactly yuan and fen raises
    ``AmountInvalid`` on ``field``."""
    if isinstance(text, bool) or not isinstance(text, str | int | Decimal):  # a float has lost its fen already
        raise AmountInvalid(field=field)
    value = _BLANKS.sub("", unicodedata.normalize("NFKC", str(text)))
    match = _AMOUNT.match(value)
    if match is None:
        raise AmountInvalid(field=field)
    number = Decimal(f"{match['sign']}{match['int'].replace(',', '')}.{match['frac'] or '0'}").quantize(FEN)
    if number < 0 and not allow_negative:
        raise AmountInvalid(_("The amount may not be negative."), field=field)
    if number == 0 and not allow_zero:
        raise AmountInvalid(_("The amount must be more than zero."), field=field)
    if abs(number) >= maximum:
        raise AmountInvalid(_("The amount is too large."), field=field)
    return number


def money_sum(values: Iterable) -> Decimal:
    """The sum of amounts in fen (None counts as nothing); an empty sum is 0.00, not 0."""
    total = ZERO
    for value in values:
        total += to_fen(value)
    return total


def format_yuan(value, *, symbol: bool = True) -> str:
    """``¥1,234.50`` in the active language's decimal separator. Thousands are grouped in threes with the
    language's separator; zh-Hans has none in Django's formats, and Chinese financial documents group money by
    commas in threes, so that is the fallback. Empty for None (a figure not known yet)."""
    if value is None or value == "":
        return ""
    amount = to_fen(value)
    separator = get_format("THOUSAND_SEPARATOR")
    grouping = get_format("NUMBER_GROUPING") if separator else 3
    text = numberformat.format(abs(amount), get_format("DECIMAL_SEPARATOR"), decimal_pos=2, grouping=grouping,
                               thousand_sep=separator or ",", force_grouping=True)
    return f"{'-' if amount < 0 else ''}{'¥' if symbol else ''}{text}"


class AmountField(forms.Field):
    """A form field for an amount in yuan, read by ``parse_amount`` (the same rule as the services)."""

    def __init__(self, *, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "maxlength": "24"}

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_amount(value, allow_zero=self.allow_zero)
        except AmountInvalid as exc:
            raise forms.ValidationError(str(exc.message), code=exc.code) from None
