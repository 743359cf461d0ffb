"""Identity validators: resident ID numbers (GB 11643), unified social credit codes (GB 32100), mainland
mobile numbers, and the rule for names (``clean_name``). Checksums come from python-stdnum and phonenumbers; the
rules about which numbers a union must accept are ours (DOMAIN.md, "Members").
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

import phonenumbers
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from .errors import ValidationFailed

# GB/T 2260 province-level codes (the first two digits of every division code).
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
     "71", "81", "82"}
)

_SPACES = re.compile(r"[\s\u3000\u00a0\-]+")


def normalise_text(value: str) -> str:
    """Full-width digits and letters to half-width (NFKC), every kind of space removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(value))).strip()


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: datetime.date
    sex: str  # "M" | "F"
    region_code: str


def _birth_date(year: int, month: int, day: int) -> datetime.date:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        raise ValidationFailed(_("The birth date inside the ID number is not a real date."),
                               code="id_number_birth_date", field="id_number") from None
    # The local date only matters for births within the last days (it costs a time-zone lookup per row).
    recent = born >= datetime.date.today() - datetime.timedelta(days=2)
    if born.year < 1900 or (recent and born > timezone.localdate()):
        raise ValidationFailed(_("The birth date inside the ID number is not possible."),
                               code="id_number_birth_date", field="id_number")
    return born


def parse_resident_id(raw: str) -> ResidentId:
    """Validate an 18-digit (or legacy 15-digit) resident ID number.

    Checks the checksum, a real birth date that is not in the future, and the province. A county code that is
    unknown, abolished or younger than its holder is accepted: a number keeps the code it was issued with.
    """
    number = normalise_text(raw or "").upper()
    if not number:
        raise ValidationFailed(_("The ID number is missing."), code="id_number_missing", field="id_number")
    if len(number) == 18:
        if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
            raise ValidationFailed(_("The ID number may contain only digits and a final X."),
                                   code="id_number_format", field="id_number")
        if ric.calc_check_digit(number) != number[17]:
            raise ValidationFailed(_("The ID number's check digit is wrong; please check for a typing error."),
                                   code="id_number_checksum", field="id_number")
        born = _birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        sex_digit = int(number[16])
    elif len(number) == 15:
        if not number.isdigit():
            raise ValidationFailed(_("The ID number may contain only digits and a final X."),
                                   code="id_number_format", field="id_number")
        born = _birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
        sex_digit = int(number[14])
    else:
        raise ValidationFailed(_("An ID number has 18 characters (or 15 for old cards issued before 1999)."),
                               code="id_number_length", field="id_number")
    if number[:2] not in PROVINCE_CODES:
        raise ValidationFailed(_("The ID number does not start with a valid province code."),
                               code="id_number_region", field="id_number")
    return ResidentId(number=number, birth_date=born, sex="M" if sex_digit % 2 else "F",
                      region_code=number[:6])


def validate_credit_code(raw: str) -> str:
    """Unified social credit code (GB 32100): 18 characters with a check character."""
    code = normalise_text(raw or "").upper()
    try:
        return uscc.validate(code)
    except StdnumError:
        raise ValidationFailed(_("The unified social credit code is not valid (18 characters with a check "
                                 "character)."), code="credit_code_invalid", field="credit_code") from None


_PLAIN_MOBILE = re.compile(r"1[3-9]\d{9}")


@lru_cache(maxsize=65536)
def _mobile_prefix_valid(prefix: str) -> bool:
    """Whether phonenumbers accepts 11-digit mobiles starting with these 7 digits. The CN metadata never looks
    past the 7th digit of a mobile, so one check per prefix answers for every number under it; a prefix it
    rejects sends the number down the full path (phonenumbers decides every refusal itself)."""
    return _phonenumbers_mobile(prefix + "0000") is not None


def normalise_mobile(raw: str) -> str:
    """A mainland mobile number as 11 digits; accepts +86, spaces and dashes."""
    text = normalise_text(raw or "")
    if not text:
        raise ValidationFailed(_("The mobile number is missing."), code="phone_missing", field="phone")
    # Fast path: the plain 11-digit form almost every file holds (phonenumbers costs ~50 µs a number).
    if _PLAIN_MOBILE.fullmatch(text) and _mobile_prefix_valid(text[:7]):
        return text
    number = _phonenumbers_mobile(text)
    if number is None:
        raise ValidationFailed(_("This is not a valid mainland mobile number."), code="phone_invalid",
                               field="phone")
    return number


def _phonenumbers_mobile(text: str) -> str | None:
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is None
        or parsed.country_code != 86
        or not phonenumbers.is_valid_number(parsed)
        or phonenumbers.number_type(parsed) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    ):
        return None
    return str(parsed.national_number)


# --- names of persons, units, organisations and venues ---------------------------------------------------
# Refused anywhere in a name: every control character (NUL, tab, line breaks: C0, DEL, C1), every format
# character of the Basic Multilingual Plane (bidi marks, embeddings, overrides and isolates, zero-width space,
# joiners, word joiner, invisible operators, BOM, soft hyphen...) and the line and paragraph separators: what
# hides or reorders text on a page, in a file or in a log line. A name must also hold more than spaces.
# The API declares the same rule as two unanchored JSON-schema patterns (ECMA-262 and Python read them alike):
# the name matches NAME_VISIBLE_PATTERN and does not match NAME_REFUSED_PATTERN.
_NAME_REFUSED_CLASS = (
    r"\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
NAME_REFUSED_PATTERN = rf"[{_NAME_REFUSED_CLASS}]"
NAME_VISIBLE_PATTERN = rf"[^\s{_NAME_REFUSED_CLASS}]"
_NAME_REFUSED = re.compile(NAME_REFUSED_PATTERN)


class NameInvalid(ValidationFailed):
    code = "name_invalid"
    default_message = _("A name may not be blank or hold control characters, line breaks, invisible characters "
                        "or characters that change the direction of text.")


def clean_name(value, *, field: str = "name") -> str:
    """A person's, unit's, organisation's or venue's name without its outer spaces; NameInvalid when it holds
    a refused character (above) or nothing but spaces. Used by services, imports, forms (``name_validator``)
    and API schemas (``Name``)."""
    text = str(value or "")
    refused = _NAME_REFUSED.search(text)
    if refused:
        code = f"U+{ord(refused.group()):04X}"
        raise NameInvalid(_("The name holds a character that is not allowed (%(code)s: a control character, line "
                            "break, invisible character or direction mark).") % {"code": code}, field=field)
    text = text.strip()
    if not text:
        raise NameInvalid(_("The name is empty."), field=field)
    return text


def name_validator(value) -> None:
    """``clean_name`` as a Django form field validator."""
    from django.core.exceptions import ValidationError

    try:
        clean_name(value)
    except NameInvalid as exc:
        raise ValidationError(str(exc.message), code=exc.code) from None


class _NameJsonSchema:
    """Declares the rule in the OpenAPI document (the check itself is clean_name, with its message)."""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["pattern"] = NAME_VISIBLE_PATTERN
        schema["not"] = {"pattern": NAME_REFUSED_PATTERN}
        return schema


def _pydantic_name(value: str) -> str:
    try:
        return clean_name(value)
    except NameInvalid as exc:
        raise ValueError(str(exc.message)) from None


# A name in an API schema: ``name: Name = Field(min_length=1, max_length=50)``.
Name = Annotated[str, AfterValidator(_pydantic_name), _NameJsonSchema()]
