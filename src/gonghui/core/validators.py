"""Identity validators: resident ID numbers (GB 11643), unified social credit codes (GB 32100) and mainland
mobile numbers. Checksums come from python-stdnum and phonenumbers; the rules about which numbers a union must
accept are ours (DOMAIN.md, "Members").
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
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
