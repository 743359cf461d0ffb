"""The import's fast path for plain 11-digit mobiles answers exactly as phonenumbers does."""

import random

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.core.validators import _phonenumbers_mobile, normalise_mobile


def _verdict(text: str):
    try:
        return normalise_mobile(text)
    except ValidationFailed:
        return None


def test_fast_path_agrees_with_phonenumbers_on_random_numbers():
    rng = random.Random(11)
    for _ in range(3000):
        text = f"1{rng.randint(0, 9)}{rng.randrange(10**9):09d}"
        assert _verdict(text) == _phonenumbers_mobile(text), text


@pytest.mark.parametrize(("raw", "expected"), [
    ("13800138000", "13800138000"),
    ("+86 138-0013-8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("19800000007", "19800000007"),
    ("14000000000", None),      # no such mobile range
    ("12345678901", None),
    ("0871-63123456", None),    # a fixed line
    ("1380013800", None),       # ten digits
])
def test_plain_and_odd_inputs(raw, expected):
    assert _verdict(raw) == expected
