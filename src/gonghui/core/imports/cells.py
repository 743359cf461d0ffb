"""Turn raw cell values into clean ones, or say precisely what is wrong with them.

Every function takes a raw value (str from a CSV; str, int, float, datetime or None from a workbook) and
returns a clean value or raises CellError with a translated reason."""

import datetime
import re
import unicodedata

from django.utils.translation import gettext as _

from ..validators import NameInvalid, clean_name

MAX_TEXT = 200  # characters in any one cell: longer is refused, not cut


class CellError(Exception):
    def __init__(self, reason):
        self.reason = str(reason)
        super().__init__(self.reason)


_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_FLOAT_TEXT = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))


def text(value, *, max_length: int = MAX_TEXT) -> str:
    """Text with full-width characters made half-width (NFKC) and outer spaces (ideographic too) removed."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value.startswith("="):
            raise CellError(_("The cell holds a formula; formulas are not evaluated. Paste the values instead "
                              "(Paste Special → Values)."))
        if len(value) > max_length * 4:
            raise CellError(_("The text is too long (at most %(max)s characters).") % {"max": max_length})
        if not unicodedata.is_normalized("NFKC", value):  # the common case costs one C check
            value = unicodedata.normalize("NFKC", value)
        cleaned = value.strip().strip("\u3000\u00a0\u200b\ufeff").strip()
    elif isinstance(value, bool):
        cleaned = str(value)
    elif isinstance(value, float) and value.is_integer():
        cleaned = str(int(value))
    elif isinstance(value, datetime.datetime | datetime.date):
        cleaned = value.isoformat()
    else:
        cleaned = str(value)
    if len(cleaned) > max_length:
        raise CellError(_("The text is too long (at most %(max)s characters).") % {"max": max_length})
    return cleaned


def name(value, *, max_length: int = MAX_TEXT) -> str:
    """A name (of a person, unit, organisation or venue): ``text``, then the platform's rule for names
    (``core.validators.clean_name``: no control, invisible or direction-changing characters). Blank stays blank:
    the caller says whether the name is required."""
    cleaned = text(value, max_length=max_length)
    if not cleaned:
        return cleaned
    try:
        return clean_name(cleaned)
    except NameInvalid as exc:
        raise CellError(exc.message) from None


def compact(value, *, max_length: int = MAX_TEXT) -> str:
    """Text with every space removed (numbers and codes)."""
    return _SPACES.sub("", text(value, max_length=max_length)).replace("-", "")


def identity_number(value) -> str:
    """A resident ID number as typed. A number stored as a number has lost its last digits in Excel (it
    keeps 15 significant digits) and cannot be recovered: say so instead of guessing."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(_("The ID number was stored as a number, so Excel has lost its last digits; they cannot "
                          "be recovered. Format the column as Text and type the numbers again."))
    cleaned = compact(value, max_length=40).upper()
    if _FLOAT_TEXT.match(cleaned):
        raise CellError(_("The ID number was stored as a number, so Excel has lost its last digits; they cannot "
                          "be recovered. Format the column as Text and type the numbers again."))
    return cleaned


def phone_text(value) -> str:
    """A phone number with +86, spaces, dashes and brackets removed (validated by the caller)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = re.sub(r"[()（）]", "", compact(value, max_length=40))
    if cleaned.startswith("+86"):
        cleaned = cleaned[3:]
    elif cleaned.startswith("0086"):
        cleaned = cleaned[4:]
    elif cleaned.startswith("86") and len(cleaned) == 13:
        cleaned = cleaned[2:]
    return cleaned


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def date(value, *, earliest: datetime.date = datetime.date(1900, 1, 1)) -> datetime.date | None:
    """A date from a date cell, 2019-03-01, 2019.03.01, 2019/3/1, 2019年3月1日 or 20190301; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        parsed = value.date()
    elif isinstance(value, datetime.date):
        parsed = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(_("The date is not readable; write it as 2019-03-01."))
    elif len(value) == 10 and _ISO_DATE.match(value):  # the common case, without the general clean-up
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError:
            raise CellError(_("This date does not exist.")) from None
    else:
        cleaned = compact(value, max_length=40).split("T")[0]
        parsed = None
        for pattern in _DATE_PATTERNS:
            match = pattern.match(cleaned)
            if match:
                try:
                    parsed = datetime.date(*(int(part) for part in match.groups()))
                except ValueError:
                    raise CellError(_("This date does not exist.")) from None
                break
        if parsed is None:
            raise CellError(_("The date is not readable; write it as 2019-03-01."))
    if parsed < earliest or parsed > datetime.date.today() + datetime.timedelta(days=1):
        raise CellError(_("The date is not plausible."))
    return parsed
