"""Identity validators and the password rule, mostly as properties (hypothesis)."""

import datetime
import random

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gonghui.core import synthetic, validators
from gonghui.core.auth.passwords import CharacterClassValidator, character_classes
from gonghui.core.errors import ValidationFailed

provinces = st.sampled_from(sorted(validators.PROVINCE_CODES))
# Any county part: real, abolished, renamed or never existing, all must be accepted.
regions = st.builds(lambda province, rest: province + rest, provinces,
                    st.text(alphabet="0123456789", min_size=4, max_size=4))
births = st.dates(min_value=datetime.date(1900, 1, 1),
                  max_value=datetime.date.today() - datetime.timedelta(days=1))
sequences = st.integers(min_value=0, max_value=999)


def _id_with_x() -> str:
    for sequence in range(1000):
        number = synthetic.resident_id("530102", datetime.date(1990, 1, 1), sequence)
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")


@settings(max_examples=200, deadline=None)
@given(regions, births, sequences)
def test_generated_ids_always_parse(region, birth, sequence):
    number = synthetic.resident_id(region, birth, sequence)
    parsed = validators.parse_resident_id(number)
    assert parsed.number == number and parsed.birth_date == birth and parsed.region_code == region
    assert parsed.sex == ("M" if sequence % 2 else "F")


@settings(max_examples=300, deadline=None)
@given(regions, births, sequences, st.integers(min_value=0, max_value=17),
       st.integers(min_value=1, max_value=10))
def test_single_character_corruption_is_detected(region, birth, sequence, position, shift):
    number = synthetic.resident_id(region, birth, sequence)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = number[position]
    new = alphabet[(alphabet.index(old) + shift) % len(alphabet)]
    assume(new != old)
    with pytest.raises(ValidationFailed):
        validators.parse_resident_id(number[:position] + new + number[position + 1:])


@settings(max_examples=50, deadline=None)
@given(regions, st.integers(min_value=1, max_value=3000), sequences)
def test_future_birth_date_is_refused(region, days_ahead, sequence):
    birth = timezone.localdate() + datetime.timedelta(days=days_ahead)
    with pytest.raises(ValidationFailed) as caught:
        validators.parse_resident_id(synthetic.resident_id(region, birth, sequence))
    assert caught.value.code == "id_number_birth_date"


def test_unknown_province_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        validators.parse_resident_id(synthetic.resident_id("990102", datetime.date(1990, 1, 1), 1))
    assert caught.value.code == "id_number_region"


@pytest.mark.parametrize("region", ["532399", "530199", "532601", "539999"])
def test_unknown_or_abolished_county_is_accepted(region):
    number = synthetic.resident_id(region, datetime.date(1960, 5, 4), 7)
    assert validators.parse_resident_id(number).region_code == region


def test_legacy_15_digit_number():
    parsed = validators.parse_resident_id("530102800101123")
    assert parsed.birth_date == datetime.date(1980, 1, 1) and parsed.sex == "M"


def test_full_width_lowercase_x_and_spaces_are_normalised():
    number = _id_with_x()
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number[:-1])
    messy = "\u3000" + full_width[:6] + "\u3000" + full_width[6:14] + " " + full_width[14:] + "x\u00a0"
    assert validators.parse_resident_id(messy).number == number


@pytest.mark.parametrize("raw", ["", "12345", "53010219900101123A", "5301021990010112"])
def test_malformed_ids_are_refused(raw):
    with pytest.raises(ValidationFailed):
        validators.parse_resident_id(raw)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["530102", "110105", "440305"]), st.integers(min_value=0))
def test_generated_credit_codes_are_valid_in_any_case_and_spacing(region, seed):
    code = synthetic.credit_code(region, random.Random(seed))
    assert validators.validate_credit_code(code) == code
    assert validators.validate_credit_code(" " + code.lower()[:9] + "\u3000" + code.lower()[9:]) == code


def test_corrupted_credit_code_is_refused():
    code = synthetic.credit_code("530102", random.Random(1))
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationFailed):
        validators.validate_credit_code(broken)


@pytest.mark.parametrize(("raw", "expected"), [
    ("13800138000", "13800138000"),
    ("+86 138-0013-8000", "13800138000"),
    ("+86-13800138000", "13800138000"),
    ("0086 13800138000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("138 0013 8000", "13800138000"),
])
def test_mobile_numbers_are_normalised(raw, expected):
    assert validators.normalise_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["", "12345", "+1 415 555 0100", "0871-65123456", "2380013800"])
def test_bad_mobile_numbers_are_refused(raw):
    with pytest.raises(ValidationFailed):
        validators.normalise_mobile(raw)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0))
def test_synthetic_mobiles_are_valid(seed):
    number = synthetic.mobile(random.Random(seed))
    assert validators.normalise_mobile(number) == number


# --- password rule ---------------------------------------------------------------------------------------

def _independent_classes(password: str) -> int:
    return sum([any(c.islower() for c in password), any(c.isupper() for c in password),
                any(c.isdigit() for c in password), any(not c.isalnum() for c in password)])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_class_validator_refuses_exactly_below_three_classes(password):
    validator = CharacterClassValidator(min_classes=3)
    assert character_classes(password) == _independent_classes(password)
    if _independent_classes(password) >= 3:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError):
            validator.validate(password)


strong_passwords = st.builds(
    lambda lower, upper, digit, symbol, rest, seed: "".join(random.Random(seed).sample(
        list(lower + upper + digit + symbol + rest), len(lower + upper + digit + symbol + rest))),
    st.text(alphabet="abcdefghijkmnpqrstuvwxyz", min_size=2, max_size=6),
    st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=2, max_size=6),
    st.text(alphabet="23456789", min_size=2, max_size=6),
    st.text(alphabet="#$%&*+-=?@^_~!", min_size=2, max_size=6),
    st.text(alphabet="abcXYZ789#", max_size=6),
    st.integers(),
)


@settings(max_examples=100, deadline=None)
@given(strong_passwords)
def test_strong_passwords_pass_the_configured_validators(password):
    assert len(password) >= 8
    password_validation.validate_password(password)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=30))
def test_two_classes_are_not_enough(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


@pytest.mark.parametrize("password", ["Ab1#", "Ab1#xyz"])
def test_short_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)
