"""Field encryption for personal data: authenticated encryption with rotatable keys.

Stored form: ``g1$<key id>$<base64(nonce || ciphertext || tag)>``. The key id names the key and its algorithm
(AES-256-GCM or SM4-GCM), so old rows stay readable after a new key becomes current, and rows are re-encrypted
in the background (``gonghui rotate_field_keys``) with no downtime. Lookup and uniqueness use a keyed hash
(HMAC-SHA256) of the normalised value, never the ciphertext.
"""

import base64
import hashlib
import hmac
import io
import os
from collections.abc import Iterator
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
        return nonce + self.seal(nonce, plaintext, associated)

    def decrypt(self, blob: bytes, associated: bytes) -> bytes:
        return self.open(blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated)

    def seal(self, nonce: bytes, plaintext: bytes, associated: bytes) -> bytes:
        """ciphertext || tag under ``nonce`` (the caller makes it unique)."""
        if self.algorithm == "aes":
            return AESGCM(self.secret).encrypt(nonce, plaintext, associated)
        encryptor = Cipher(algorithms.SM4(self.secret), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(associated)
        return encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag

    def open(self, nonce: bytes, body: bytes, associated: bytes) -> bytes:
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


# --- files ---------------------------------------------------------------------------------------------------
# A private file at rest: FILE_MAGIC | key id length (1 byte) | key id | nonce prefix (7 random bytes), then the
# content in chunks of FILE_CHUNK bytes (the last one shorter, possibly empty), each sealed on its own
# (ciphertext || 16-byte tag) under the nonce prefix || chunk number (4 bytes) || 1 on the last chunk, else 0,
# with the header as associated data. Chunks cannot be reordered, dropped or cut off unseen (the STREAM
# construction), memory stays at one chunk whatever the file's size, and a reader can seek.

FILE_MAGIC = b"GHF1"
FILE_CHUNK = 64 * 1024
_FILE_PREFIX_BYTES = 7


def _file_nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _read_full(read, size: int) -> bytes:
    parts, left = [], size
    while left:
        part = read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def encrypt_file_chunks(read) -> Iterator[bytes]:
    """The encrypted form of what ``read(n)`` gives, under the current key: the header, then chunk by chunk."""
    key = keyring()[0]
    key_id = key.key_id.encode()
    header = FILE_MAGIC + bytes([len(key_id)]) + key_id + os.urandom(_FILE_PREFIX_BYTES)
    prefix = header[-_FILE_PREFIX_BYTES:]
    yield header
    chunk, index = _read_full(read, FILE_CHUNK), 0
    while True:
        following = _read_full(read, FILE_CHUNK) if len(chunk) == FILE_CHUNK else b""
        last = not following
        yield key.seal(_file_nonce(prefix, index, last), chunk, header)
        if last:
            return
        chunk, index = following, index + 1


@dataclass(frozen=True)
class FileHeader:
    key: FieldKey
    raw: bytes
    prefix: bytes

    @property
    def key_id(self) -> str:
        return self.key.key_id


def read_file_header(handle) -> FileHeader | None:
    """The header of an encrypted file (``handle`` at its start), or None for a file stored in clear (from
    before encryption at rest; the handle is then rewound)."""
    start = handle.read(len(FILE_MAGIC) + 1)
    if len(start) < len(FILE_MAGIC) + 1 or start[:len(FILE_MAGIC)] != FILE_MAGIC:
        handle.seek(0)
        return None
    key_id = handle.read(start[-1])
    prefix = handle.read(_FILE_PREFIX_BYTES)
    key = keyring()[1].get(key_id.decode("ascii", "replace"))
    if key is None:
        raise ImproperlyConfigured(f"field key {key_id!r} is no longer configured; cannot decrypt the file")
    return FileHeader(key, start + key_id + prefix, prefix)


class DecryptingReader(io.RawIOBase):
    """The plaintext of an encrypted file, read (and seekable) chunk by chunk. ``handle``: the file, binary and
    seekable, positioned after its header; ``size``: its size on disk."""

    def __init__(self, handle, header: FileHeader, size: int):
        super().__init__()
        self.handle, self.header = handle, header
        body = size - len(header.raw)
        self.chunks = max(1, -(-body // (FILE_CHUNK + TAG_BYTES)))
        self.size = body - self.chunks * TAG_BYTES
        if self.size < 0:
            raise ValueError("the encrypted file is cut short")
        self.position = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def _chunk(self, index: int) -> bytes:
        if self._cached is None or self._cached[0] != index:
            self.handle.seek(len(self.header.raw) + index * (FILE_CHUNK + TAG_BYTES))
            sealed = _read_full(self.handle.read, FILE_CHUNK + TAG_BYTES)
            last = index == self.chunks - 1
            plain = self.header.key.open(_file_nonce(self.header.prefix, index, last), sealed, self.header.raw)
            self._cached = (index, plain)
        return self._cached[1]

    def readinto(self, buffer) -> int:
        if self.position >= self.size:
            return 0
        index, offset = divmod(self.position, FILE_CHUNK)
        data = self._chunk(index)[offset:offset + len(buffer)]
        buffer[:len(data)] = data
        self.position += len(data)
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()
