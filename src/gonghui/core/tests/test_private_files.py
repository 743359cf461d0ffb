"""Issue 19, section 6: private files are encrypted at rest with the field keys (AES-256-GCM or SM4-GCM, key id
in the header, chunked), read back decrypted, tamper-evident, re-encrypted by `gonghui rotate_field_keys`
(files stored in clear before are encrypted by it and readable until then), with flat memory."""

import base64
import io
import os
import tracemalloc
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from django.core.files.base import ContentFile
from django.core.management import call_command

from gonghui.core import crypto
from gonghui.core.files import EncryptedFileSystemStorage

ID_NUMBER = "530102199005171232"
CONTENT = (f"姓名,身份证号\n张伟,{ID_NUMBER}\n".encode() * 12_000)  # ~370 KB: several chunks
AES_KEY = "k2026a:aes:" + base64.b64encode(b"a" * 32).decode()
SM4_KEY = "k2026s:sm4:" + base64.b64encode(b"s" * 16).decode()


@pytest.fixture
def storage(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return EncryptedFileSystemStorage(location=str(tmp_path))


@pytest.mark.parametrize("keys", [AES_KEY, SM4_KEY])
def test_a_file_is_encrypted_at_rest_and_read_back(storage, settings, keys):
    settings.GONGHUI_FIELD_KEYS = keys
    name = storage.save("imports/uploads/roster.csv", ContentFile(CONTENT))
    raw = Path(storage.path(name)).read_bytes()
    assert raw.startswith(crypto.FILE_MAGIC + bytes([6]) + keys.split(":")[0].encode())
    assert ID_NUMBER.encode() not in raw and "张伟".encode() not in raw
    with storage.open(name) as handle:
        assert handle.read() == CONTENT
    assert storage.size(name) == len(CONTENT)
    with storage.open(name) as handle:  # seekable (zip readers, Content-Length)
        handle.seek(crypto.FILE_CHUNK - 3)
        assert handle.read(10) == CONTENT[crypto.FILE_CHUNK - 3:crypto.FILE_CHUNK + 7]
    empty = storage.save("empty.bin", ContentFile(b""))
    assert storage.open(empty).read() == b"" and storage.size(empty) == 0
    exact = storage.save("exact.bin", ContentFile(b"x" * crypto.FILE_CHUNK))
    assert storage.open(exact).read() == b"x" * crypto.FILE_CHUNK


def test_a_changed_or_cut_file_does_not_decrypt(storage):
    name = storage.save("doc.bin", ContentFile(CONTENT))
    path = storage.path(name)
    raw = bytearray(Path(path).read_bytes())
    raw[len(raw) // 2] ^= 1
    Path(path).write_bytes(bytes(raw))
    with pytest.raises(InvalidTag), storage.open(name) as handle:
        handle.read()
    name = storage.save("doc2.bin", ContentFile(CONTENT))
    path = storage.path(name)
    header = len(crypto.FILE_MAGIC) + 1 + len(crypto.current_key_id()) + 7
    whole = Path(path).read_bytes()
    Path(path).write_bytes(whole[:header + 2 * (crypto.FILE_CHUNK + crypto.TAG_BYTES)])  # the last chunks dropped
    with pytest.raises(InvalidTag), storage.open(name) as handle:
        handle.read()


def test_writing_around_the_encryption_is_refused(storage):
    with pytest.raises(ValueError):
        storage.open("x.bin", "wb")


@pytest.mark.usefixtures("empty_db")  # the rotation reads every encrypted column: none under another key
def test_files_in_clear_stay_readable_and_rotation_encrypts_them_under_the_new_key(storage, settings):
    settings.GONGHUI_FIELD_KEYS = AES_KEY
    old = storage.save("mutual_aid/claims/1/old.png", ContentFile(b"\x89PNG" + CONTENT))
    legacy = os.path.join(storage.location, "imports/uploads/legacy.csv")
    os.makedirs(os.path.dirname(legacy), exist_ok=True)
    Path(legacy).write_bytes(CONTENT)  # stored before encryption at rest
    assert storage.open("imports/uploads/legacy.csv").read() == CONTENT
    settings.GONGHUI_FIELD_KEYS = f"{SM4_KEY},{AES_KEY}"  # a new key in front
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "private files: 2 re-encrypted" in out.getvalue()
    for name, content in ((old, b"\x89PNG" + CONTENT), ("imports/uploads/legacy.csv", CONTENT)):
        assert storage.key_id_of(name) == "k2026s"
        assert storage.open(name).read() == content
    assert ID_NUMBER.encode() not in Path(legacy).read_bytes()
    again = io.StringIO()
    call_command("rotate_field_keys", stdout=again)
    assert "private files: 0 re-encrypted" in again.getvalue()


def test_memory_stays_flat_for_a_large_file(storage):
    big = os.path.join(storage.location, "big.src")
    with open(big, "wb") as handle:
        for _ in range(40):
            handle.write(os.urandom(1024 * 1024))  # 40 MB
    tracemalloc.start()
    try:
        with open(big, "rb") as source:
            name = storage.save("big.bin", source)
        _size, saving_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with storage.open(name) as handle:
            while handle.read(1024 * 1024):
                pass
        _size, reading_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert saving_peak < 4 * 1024 * 1024 and reading_peak < 4 * 1024 * 1024
