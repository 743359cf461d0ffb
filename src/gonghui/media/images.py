"""Cover images: checked by core.uploads (a JPEG or PNG by its content, size and pixel limits, re-encoded so no
metadata is kept), then stored at the widths pages ask for, so a phone downloads a 320- or 640-pixel picture, not
the original. The demo makes its pictures with Pillow and stores them the same way."""

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gonghui.core import uploads

from .errors import CoverInvalid

WIDTHS = (320, 640, 1080)
MAX_BYTES = 8 * 1024 * 1024


def resized(image, widths=WIDTHS) -> dict[int, bytes]:
    """JPEG bytes of ``image`` (a Pillow image) at each width, never enlarged."""
    from PIL import Image

    image = image.convert("RGB")
    out = {}
    for width in widths:
        copy = image
        if image.width > width:
            copy = image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, format="JPEG", quality=80, optimize=True, progressive=True)
        out[width] = buffer.getvalue()
    return out


def save_widths(article_id: int, image) -> dict[str, str]:
    stem = f"media/covers/{article_id}/{uuid.uuid4().hex[:12]}"
    return {str(width): default_storage.save(f"{stem}-{width}.jpg", ContentFile(data))
            for width, data in resized(image).items()}


def store_cover(article_id: int, upload) -> dict[str, str]:
    from PIL import Image

    try:
        checked = uploads.check_upload(upload, allowed=uploads.IMAGES, max_bytes=MAX_BYTES, field="cover")
    except uploads.UploadInvalid as exc:
        raise CoverInvalid(None if exc.code == "upload_invalid" else exc.message, field="cover") from None
    with Image.open(io.BytesIO(checked.content)) as image:
        image.load()
        return save_widths(article_id, image)


def best_width(cover: dict, wanted: int) -> str | None:
    """The stored name of the smallest width at least ``wanted`` (else the largest)."""
    if not cover:
        return None
    widths = sorted(int(w) for w in cover)
    chosen = next((w for w in widths if w >= wanted), widths[-1])
    return cover[str(chosen)]
