"""Card photos and malformed files for the upload tests (all generated, nothing copied)."""

from __future__ import annotations

import io
import struct
import zlib
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=8)
def card_photo(seed: int = 1) -> tuple[bytes, dict[str, Any]]:
    """A photo-like JPEG of a synthetic card and its label (ocr.synthetic, else a plain card)."""
    try:
        from ocr.synthetic import synthetic_photo
    except ImportError:
        return plain_card_jpeg(seed), {"name": "Maria Rossi", "emails": ["maria.rossi@acme.it"]}
    return synthetic_photo(seed)


def plain_card_jpeg(seed: int = 0, size: tuple[int, int] = (1050, 600)) -> bytes:
    """A flat, straight card: enough text for Tesseract, different bytes for every seed."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = _font(44)
    lines = [
        "Maria Rossi",
        "Sales Director",
        "Acme S.r.l.",
        f"maria.rossi{seed}@acme.it",
        "+39 347 123 4567",
    ]
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * 90), line, fill="black", font=font)
    return encode(image, "JPEG")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def encode(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def small_image(fmt: str = "JPEG", size: tuple[int, int] = (64, 40)) -> bytes:
    return encode(Image.new("RGB", size, (200, 180, 160)), fmt)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header declares huge dimensions over a few bytes of data (a bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
