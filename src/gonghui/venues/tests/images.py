"""Small JPEG and PNG files built byte by byte (the app reads their structure, not their pixels)."""

import struct
import zlib


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def jpeg(width: int = 4, height: int = 3, *, exif: bytes = b"Exif\x00\x00GPS 25.04N 102.71E") -> bytes:
    sof = b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00"
    scan_header = b"\x01\x01\x00\x00\x3f\x00"
    return (b"\xff\xd8" + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + _segment(0xE1, exif) + _segment(0xFE, b"comment") + _segment(0xC0, sof)
            + _segment(0xDA, scan_header) + b"\x12\x34\x56" + b"\xff\xd9")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 2, height: int = 2, *, text: bytes = b"Author\x00someone") -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"tEXt", text) + _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b""))
