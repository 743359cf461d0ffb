"""Photo files checked by their content, not their name: a JPEG or PNG whose structure parses to the end (every
JPEG segment up to the scan and the end marker; every PNG chunk with its CRC, IHDR first, IEND last), within size
and pixel limits. Metadata is dropped on the way (EXIF and XMP can carry the phone's GPS position and owner;
PNG text chunks anything at all), so what is stored is a rewritten file, not the upload. No image library is
needed: the pixels are not decoded, and the file is only ever served back as the image type found here."""

import struct
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from gonghui.core.errors import ValidationFailed

MAX_SIDE = 12_000          # pixels; a bigger side is a decompression bomb, not a station photo
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
JPEG_KEPT_APP = {0xE0, 0xE2, 0xEE}  # JFIF, ICC profile, Adobe (colour transform); APP1 (EXIF/XMP) and others go


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


class PhotoInvalid(ValidationFailed):
    code = "venue_photo_invalid"

    def __init__(self, message=None):
        super().__init__(message or _("The file is not a JPEG or PNG photo (or it is damaged)."), field="photo")


def max_bytes() -> int:
    return int(getattr(settings, "GONGHUI_VENUE_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def check(data: bytes) -> CheckedImage:
    if not data:
        raise PhotoInvalid(_("The file is empty."))
    if len(data) > max_bytes():
        raise PhotoInvalid(_("The photo is larger than %(mb)s MB.") % {"mb": round(max_bytes() / 1024**2, 1)})
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return _png(data)
    raise PhotoInvalid()


def _sides(width: int, height: int) -> None:
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise PhotoInvalid(_("The photo's size in pixels is not plausible."))


def _jpeg(data: bytes) -> CheckedImage:
    out, position, size = [b"\xff\xd8"], 2, None
    while True:
        if position + 4 > len(data) or data[position] != 0xFF:
            raise PhotoInvalid()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise PhotoInvalid()
        segment = data[position:end]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if length < 8:
                raise PhotoInvalid()
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            size = (width, height)
        if marker == 0xDA:  # start of scan: the compressed data runs to the end marker
            if size is None:
                raise PhotoInvalid()
            tail = data[position:].rstrip(b"\x00")
            if not tail.endswith(b"\xff\xd9"):
                raise PhotoInvalid()
            out.append(tail)
            break
        if marker == 0xD9:
            raise PhotoInvalid()
        if not (0xE0 <= marker <= 0xEF and marker not in JPEG_KEPT_APP) and marker != 0xFE:  # comments go too
            out.append(segment)
        position = end
    _sides(*size)
    return CheckedImage(b"".join(out), "image/jpeg", ".jpg", *size)


def _png(data: bytes) -> CheckedImage:
    out, position, size, ended = [PNG_SIGNATURE], len(PNG_SIGNATURE), None, False
    while position < len(data):
        if ended or position + 12 > len(data):
            raise PhotoInvalid()
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 12 + length
        if end > len(data):
            raise PhotoInvalid()
        body = data[position + 8:end - 4]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4:end])[0]:
            raise PhotoInvalid()
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise PhotoInvalid()
            size = struct.unpack(">II", body[:8])
        if kind == b"IEND":
            ended = True
        if kind not in PNG_DROPPED:
            out.append(data[position:end])
        position = end
    if not ended or size is None:
        raise PhotoInvalid()
    _sides(*size)
    return CheckedImage(b"".join(out), "image/png", ".png", *size)


def content_type_of(name: str) -> str:
    """The type a stored photo is served as (its extension was chosen by ``check``, never by the uploader)."""
    return "image/png" if name.lower().endswith(".png") else "image/jpeg"
