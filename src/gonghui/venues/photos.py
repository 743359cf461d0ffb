"""Photos of a venue, through the one upload check (core.uploads): a JPEG or PNG by its content, within the size
cap and pixel limits, re-encoded by Pillow so that metadata is gone (EXIF and XMP can carry the phone's GPS
position and owner; PNG text chunks anything at all) and the stored file is a rewritten one, never the upload."""

from django.conf import settings
from django.utils.translation import gettext as _

from gonghui.core import uploads
from gonghui.core.errors import ValidationFailed

MAX_SIDE = uploads.MAX_SIDE
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
CheckedImage = uploads.CheckedUpload


class PhotoInvalid(ValidationFailed):
    code = "venue_photo_invalid"

    def __init__(self, message=None):
        super().__init__(message or _("The file is not a JPEG or PNG photo (or it is damaged)."), field="photo")


def max_bytes() -> int:
    return int(getattr(settings, "GONGHUI_VENUE_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def check(data: bytes) -> CheckedImage:
    try:
        return uploads.check_upload(data, allowed=uploads.IMAGES, max_bytes=max_bytes(), field="photo")
    except uploads.UploadInvalid as exc:
        # Venues' own code and wording for the pages and the API; the reason (size, pixels) is kept.
        raise PhotoInvalid(None if exc.code == "upload_invalid" else exc.message) from None


def content_type_of(name: str) -> str:
    """The type a stored photo is served as (its extension was chosen by ``check``, never by the uploader)."""
    return "image/png" if name.lower().endswith(".png") else "image/jpeg"
