"""Field encryption for personal data: authenticated encryption with rotatable keys.

Stored form: ``g1$<key id>$<base64(nonce || ciphertext || tag)>``. The key id names the key and its algorithm
(AES-256-GCM or SM4-GCM), so old rows stay readable after a new key becomes current, and rows are re-encrypted
in the background (``gonghui rotate_field_keys``) with no downtime. Lookup and uniqueness use a keyed hash
(HMAC-SHA256) of the normalised value, never the ciphertext.
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "g1"
NONCE_BYTES = 12
TAG_BYTES = 16


@dataclass(frozen=True)
class FieldKey:
    key_id: str
    algorithm: str  # "aes" | "sm4"
    secret: bytes

    def encrypt(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        if self.algorithm == "aes":
            return nonce + AESGCM(self.secret).encrypt(nonce, plaintext, associated)
        encryptor = Cipher(algorithms.SM4(self.secret), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(associated)
        body = encryptor.update(plaintext) + encryptor.finalize()
        return nonce + body + encryptor.tag

    def decrypt(self, blob: bytes, associated: bytes) -> bytes:
        nonce, body = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
        if self.algorithm == "aes":
            return AESGCM(self.secret).decrypt(nonce, body, associated)
        ciphertext, tag = body[:-TAG_BYTES], body[-TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(self.secret), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(associated)
        return decryptor.update(ciphertext) + decryptor.finalize()


def parse_keyring(spec: str) -> list[FieldKey]:
    keys = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        try:
            key_id, algorithm, encoded = item.split(":", 2)
            secret = base64.b64decode(encoded)
        except ValueError as exc:
            raise ImproperlyConfigured(f"GONGHUI_FIELD_KEYS entry is not id:algorithm:base64key ({exc})") from None
        sizes = {"aes": (32,), "sm4": (16,)}
        if algorithm not in sizes or len(secret) not in sizes[algorithm]:
            raise ImproperlyConfigured(
                f"GONGHUI_FIELD_KEYS key {key_id!r}: aes needs 32 bytes, sm4 needs 16 bytes"
            )
        keys.append(FieldKey(key_id, algorithm, secret))
    if not keys:
        raise ImproperlyConfigured("GONGHUI_FIELD_KEYS holds no key")
    return keys


@lru_cache(maxsize=8)
def _keyring(spec: str) -> tuple[FieldKey, dict[str, FieldKey]]:
    keys = parse_keyring(spec)
    return keys[0], {key.key_id: key for key in keys}


def keyring() -> tuple[FieldKey, dict[str, FieldKey]]:
    return _keyring(settings.GONGHUI_FIELD_KEYS)


def current_key_id() -> str:
    return keyring()[0].key_id


def encrypt(value: str, *, purpose: str) -> str:
    """Encrypt with the current key. ``purpose`` (e.g. "person.id_number") is bound as associated data,
    so a ciphertext copied into another column does not decrypt."""
    current, _ = keyring()
    blob = current.encrypt(value.encode(), purpose.encode())
    return f"{PREFIX}${current.key_id}${base64.b64encode(blob).decode()}"


def decrypt(stored: str, *, purpose: str) -> str:
    prefix, key_id, encoded = stored.split("$", 2)
    if prefix != PREFIX:
        raise ValueError("not an encrypted value")
    _, by_id = keyring()
    key = by_id.get(key_id)
    if key is None:
        raise ImproperlyConfigured(f"field key {key_id!r} is no longer configured; cannot decrypt")
    return key.decrypt(base64.b64decode(encoded), purpose.encode()).decode()


def key_id_of(stored: str) -> str:
    return stored.split("$", 2)[1]


def lookup_hash(value: str, *, purpose: str) -> str:
    """Keyed hash for exact lookup and uniqueness (hex, 64 chars)."""
    # hmac.digest: the one-shot C path (an import hashes two columns of every row)
    return hmac.digest(settings.GONGHUI_HASH_KEY.encode(), f"{purpose}\x00{value}".encode(), hashlib.sha256).hex()
