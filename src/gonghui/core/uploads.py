"""The one upload check: what a file is comes from its content, never from its name or the browser's type.

``check_upload(data, allowed=…, max_bytes=…)`` accepts JPEG, PNG, PDF and XLSX by their magic bytes and
structure, refuses anything over the size cap, and re-encodes images with Pillow: the pixels are decoded and
written again, so EXIF/XMP (a phone's GPS position, its owner), PNG text chunks and anything hidden after the
image are gone, and a side longer than ``fit`` is scaled down. Used by core.Attachment (core.attachments) and by
venues' photos.
"""

import contextlib
import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .errors import ValidationFailed

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGES = frozenset({JPEG, PNG})
DOCUMENTS = frozenset({JPEG, PNG, PDF})
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf", XLSX: ".xlsx"}

MAX_SIDE = 12_000  # pixels; a longer side is a decompression bomb, not a photo of a document
FIT = 2_560        # stored images are scaled down to this side: enough to read an invoice, a tenth of the bytes
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_MAGIC = ((b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"%PDF-", PDF), (b"PK\x03\x04", XLSX))


class UploadInvalid(ValidationFailed):
    code = "upload_invalid"
    default_message = _("The file is not of an accepted type (or it is damaged).")


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes       # what to store: the re-encoded image, or the document as it came
    content_type: str    # found from the content
    extension: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None


def sniff(head: bytes) -> str | None:
    """The type the first bytes claim (JPEG, PNG, PDF, or a zip that may be XLSX); None for anything else."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def read_capped(upload, max_bytes: int, *, field: str = "file") -> bytes:
    """The bytes of an uploaded file (or bytes), refused unread when it says it is larger than the cap and
    refused when it turns out larger (``size`` can lie)."""
    if upload is None:
        raise UploadInvalid(_("Choose a file to upload."), field=field)
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        if (getattr(upload, "size", 0) or 0) > max_bytes:
            raise _too_large(max_bytes, field)
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(max_bytes, field)
    if not data:
        raise UploadInvalid(_("The file is empty."), field=field)
    return data


def _too_large(max_bytes: int, field: str) -> UploadInvalid:
    return UploadInvalid(_("The file is larger than %(mb)s MB.") % {"mb": round(max_bytes / 1024**2, 1)},
                         field=field, code="upload_too_large")


def check_upload(upload, *, allowed=DOCUMENTS, max_bytes: int = DEFAULT_MAX_BYTES, fit: int = FIT,
                 max_side: int = MAX_SIDE, field: str = "file") -> CheckedUpload:
    data = read_capped(upload, max_bytes, field=field)
    content_type = sniff(data[:16])
    if content_type is None or content_type not in allowed:
        raise UploadInvalid(field=field)
    if content_type in IMAGES:
        return _image(data, content_type, fit=fit, max_side=max_side, field=field)
    if content_type == PDF:
        _pdf(data, field)
    else:
        _xlsx(data, field)
    return CheckedUpload(data, content_type, EXTENSIONS[content_type], len(data), hashlib.sha256(data).hexdigest())


def _image(data: bytes, content_type: str, *, fit: int, max_side: int, field: str) -> CheckedUpload:
    from PIL import Image, ImageOps, UnidentifiedImageError

    expected = "JPEG" if content_type == JPEG else "PNG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[expected])  # reads the header only
            width, height = image.size
            if not (0 < width <= max_side and 0 < height <= max_side):
                raise UploadInvalid(_("The image's size in pixels is not plausible."), field=field)
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
        # Pillow forgives a missing end; a file cut off or with something appended is not what was sent.
        end = _PNG_END if content_type == PNG else b"\xff\xd9"
        if not data.rstrip(b"\x00" if content_type == JPEG else b"").endswith(end):
            raise UploadInvalid(field=field)
    except UploadInvalid:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):
        raise UploadInvalid(field=field) from None
    # Upright once the orientation tag is gone; with unreadable EXIF, the pixels as stored (the tags go anyway).
    with contextlib.suppress(OSError, SyntaxError, ValueError, KeyError, TypeError):
        image = ImageOps.exif_transpose(image)
    if max(image.size) > fit:
        image.thumbnail((fit, fit))
    image.info = {}  # Pillow writes a kept comment, ICC profile or text back on save: nothing is kept
    out = io.BytesIO()
    if content_type == JPEG:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=85, optimize=True)  # no exif=, no icc: nothing but pixels
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    content = out.getvalue()
    return CheckedUpload(content, content_type, EXTENSIONS[content_type], len(content),
                         hashlib.sha256(content).hexdigest(), *image.size)


def _pdf(data: bytes, field: str) -> None:
    # A PDF's trailer is at its end; a file that only starts like one (or was cut off) is refused.
    if b"%%EOF" not in data[-1024:]:
        raise UploadInvalid(field=field)


def _xlsx(data: bytes, field: str) -> None:
    """A zip is an XLSX only with the workbook's parts; the names are read, nothing is unpacked here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        raise UploadInvalid(field=field) from None
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise UploadInvalid(field=field)
