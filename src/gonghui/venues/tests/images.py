"""Small real JPEG and PNG files made with Pillow, carrying the metadata the upload check must drop (EXIF with a
GPS note and a comment; a PNG text chunk)."""

import io
import struct

from PIL import Image

GPS_NOTE = "GPS 25.04N 102.71E"


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = GPS_NOTE  # ImageDescription
    exif[0x010F] = "phone maker"  # Make
    return exif.tobytes()


def jpeg(width: int = 4, height: int = 3, *, exif: bytes | None = None) -> bytes:
    if width <= 0 or height <= 0:  # Pillow will not make one: patch the frame header of a real file
        data = bytearray(jpeg(4, 3))
        sof = data.index(b"\xff\xc0")
        data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
        return bytes(data)
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "JPEG", exif=exif or _exif(), comment=b"comment")
    return out.getvalue()


def png(width: int = 2, height: int = 2, *, text: bytes = b"Author\x00someone") -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    key, _, value = text.partition(b"\x00")
    info.add_text(key.decode(), value.decode())
    out = io.BytesIO()
    Image.new("RGB", (width, height), (255, 0, 0)).save(out, "PNG", pnginfo=info)
    return out.getvalue()
