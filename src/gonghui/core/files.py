"""Private files: the storage that keeps them encrypted at rest, and the downloads built from them (a workbook
made in memory, a stored file streamed). Private files never get a public URL: pages and API views that check
scope (and audit the reading where the file is personal, as claim documents are) are the only way out.

``EncryptedFileSystemStorage`` (settings.STORAGES["default"]) encrypts every file it saves with the field keys
(core.crypto: AES-256-GCM or SM4-GCM, the key id in the file's header, chunk by chunk so memory stays flat) and
decrypts on open, so the code that saves and reads files is unchanged. Files stored in clear before encryption
at rest are still read; ``gonghui rotate_field_keys`` re-encrypts them, and every file under an older key, in
place."""

import io
import os
import tempfile
from collections.abc import Iterator

from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, HttpResponse

from . import crypto
from .errors import NotFound

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    """A workbook built in memory (an import template, a small export) as an attachment."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_download(name: str, filename: str, *, content_type: str = XLSX_CONTENT_TYPE) -> FileResponse:
    """A file of the private storage (an import's error report) streamed as an attachment; a file that is gone
    (deleted after its retention time) is not found."""
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise NotFound() from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


class _Encrypting(File):
    """What FileSystemStorage._save writes: the encrypted chunks of ``content`` (read once, in order)."""

    def __init__(self, content):
        super().__init__(None, getattr(content, "name", None))
        self.content = content

    def chunks(self, chunk_size=None) -> Iterator[bytes]:
        if hasattr(self.content, "seek") and (not hasattr(self.content, "seekable") or self.content.seekable()):
            self.content.seek(0)
        read = self.content.read if hasattr(self.content, "read") else self.content.file.read
        yield from crypto.encrypt_file_chunks(read)


class EncryptedFileSystemStorage(FileSystemStorage):
    """A private folder whose files are encrypted at rest (see the module's docstring)."""

    def _save(self, name, content):
        return super()._save(name, _Encrypting(content))

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wax+"):
            raise ValueError("private files are written with save(), which encrypts them")
        handle = open(self.path(name), "rb")  # noqa: SIM115 (closed with the File)
        try:
            header = crypto.read_file_header(handle)
        except BaseException:
            handle.close()
            raise
        if header is None:  # stored in clear before encryption at rest
            return File(handle, name)
        reader = io.BufferedReader(crypto.DecryptingReader(handle, header, os.fstat(handle.fileno()).st_size),
                                   buffer_size=crypto.FILE_CHUNK)
        return File(reader, name)

    def size(self, name):
        with self._open(name) as file:
            return file.size

    def key_id_of(self, name) -> str | None:
        """The key id a file is encrypted with; None for a file in clear."""
        with open(self.path(name), "rb") as handle:
            header = crypto.read_file_header(handle)
        return header.key_id if header else None

    def reencrypt(self, name) -> bool:
        """Encrypt a file again under the current key, in place (a new file renamed over the old one, so a
        reader never sees half a file). False when it already is."""
        if self.key_id_of(name) == crypto.current_key_id():
            return False
        path = self.path(name)
        with self._open(name) as source, tempfile.NamedTemporaryFile(dir=os.path.dirname(path), delete=False) \
                as target:
            try:
                for chunk in crypto.encrypt_file_chunks(source.read):
                    target.write(chunk)
                target.flush()
                os.fsync(target.fileno())
            except BaseException:
                os.unlink(target.name)
                raise
        if self.file_permissions_mode is not None:
            os.chmod(target.name, self.file_permissions_mode)
        os.replace(target.name, path)
        return True

    def names(self, folder: str = "") -> Iterator[str]:
        """Every stored file's name, folder by folder."""
        folders, files = self.listdir(folder)
        for file in files:
            yield os.path.join(folder, file) if folder else file
        for sub in folders:
            yield from self.names(os.path.join(folder, sub) if folder else sub)
