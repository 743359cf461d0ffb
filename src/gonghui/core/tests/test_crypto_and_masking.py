"""Field encryption (AES-256-GCM and SM4-GCM), keyed hashes, and masking."""

import base64

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.core import crypto, masking

AES_KEY = "a1:aes:" + base64.b64encode(b"A" * 32).decode()
SM4_KEY = "s1:sm4:" + base64.b64encode(b"S" * 16).decode()


@pytest.fixture(params=[AES_KEY, SM4_KEY], ids=["aes", "sm4"])
def keyring(request, settings):
    settings.GONGHUI_FIELD_KEYS = request.param
    return request.param


@pytest.mark.parametrize("value", ["530102199001011234", "13800138000", "张伟", "x" * 1000])
def test_round_trip(keyring, value):
    stored = crypto.encrypt(value, purpose="person.id_number")
    assert stored.startswith(f"g1${keyring.split(':')[0]}$") and value not in stored
    assert crypto.decrypt(stored, purpose="person.id_number") == value


def test_same_value_encrypts_differently(keyring):
    assert crypto.encrypt("same", purpose="p") != crypto.encrypt("same", purpose="p")


def test_wrong_purpose_fails(keyring):
    stored = crypto.encrypt("530102199001011234", purpose="person.id_number")
    with pytest.raises(InvalidTag):
        crypto.decrypt(stored, purpose="person.phone")


def test_tampered_ciphertext_fails(keyring):
    prefix, key_id, body = crypto.encrypt("secret", purpose="p").split("$")
    blob = bytearray(base64.b64decode(body))
    blob[-1] ^= 1
    with pytest.raises(InvalidTag):
        crypto.decrypt(f"{prefix}${key_id}${base64.b64encode(bytes(blob)).decode()}", purpose="p")


def test_old_key_still_decrypts_after_rotation(settings):
    settings.GONGHUI_FIELD_KEYS = AES_KEY
    stored = crypto.encrypt("value", purpose="p")
    settings.GONGHUI_FIELD_KEYS = f"{SM4_KEY},{AES_KEY}"
    assert crypto.current_key_id() == "s1"
    assert crypto.decrypt(stored, purpose="p") == "value"
    settings.GONGHUI_FIELD_KEYS = SM4_KEY
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(stored, purpose="p")


@pytest.mark.parametrize("spec", ["nokey", "k:aes:" + base64.b64encode(b"short").decode(),
                                  "k:des:" + base64.b64encode(b"A" * 32).decode(), ""])
def test_bad_keyring_is_refused(spec):
    with pytest.raises(ImproperlyConfigured):
        crypto.parse_keyring(spec)


def test_keyed_hash_stable_and_purpose_bound(settings):
    first = crypto.lookup_hash("530102199001011234", purpose="person.id_number")
    assert first == crypto.lookup_hash("530102199001011234", purpose="person.id_number")
    assert len(first) == 64
    assert first != crypto.lookup_hash("530102199001011234", purpose="person.phone")
    settings.GONGHUI_HASH_KEY = "another-key"
    assert first != crypto.lookup_hash("530102199001011234", purpose="person.id_number")


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_round_trip_any_text(value):
    assert crypto.decrypt(crypto.encrypt(value, purpose="p"), purpose="p") == value


@pytest.mark.parametrize(("function", "value", "masked"), [
    (masking.mask_id_number, "530102199001011234", "5301**********1234"),
    (masking.mask_id_number, "530102900101123", "5301*******1123"),
    (masking.mask_id_number, "", ""),
    (masking.mask_id_number, None, ""),
    (masking.mask_id_number, "1234", "****"),
    (masking.mask_phone, "13800138000", "138****8000"),
    (masking.mask_phone, "12345", "*****"),
    (masking.mask_phone, "", ""),
    (masking.mask_bank_account, "6222020200112233445", "***************3445"),
    (masking.mask_name, "张伟", "张*"),
    (masking.mask_name, "欧阳娜娜", "欧阳**"),
    (masking.mask_name, "王", "王"),
])
def test_masking(function, value, masked):
    assert function(value) == masked
