"""``{% load money %}``: ``{{ amount|yuan }}`` → ¥1,234.50 (core.money.format_yuan)."""

from django import template

from .. import money

register = template.Library()


@register.filter
def yuan(value) -> str:
    """An amount in yuan as shown everywhere; a value that is not an amount is shown as it is."""
    try:
        return money.format_yuan(value)
    except TypeError:
        return "" if value is None else str(value)


@register.filter
def yuan_plain(value) -> str:
    """The same without the ¥ sign, for a column headed "Amount (yuan)"."""
    try:
        return money.format_yuan(value, symbol=False)
    except TypeError:
        return "" if value is None else str(value)
