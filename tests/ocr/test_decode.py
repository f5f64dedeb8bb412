"""decode_image: formats, EXIF orientation, and every kind of bad input as a ScanError."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageOps

from ocr.decode import decode_image
from ocr.errors import ImageTooLargeError, ImageTooSmallError, UnreadableImageError

LIMIT = 50_000_000


def _encoded(
    fmt: str, mode: str = "RGB", size: tuple[int, int] = (64, 40), **save: object
) -> bytes:
    image = Image.new(mode, size, "red" if mode != "I;16" else 40000)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def _heic() -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    try:
        return _encoded("HEIF", quality=90)
    except Exception as exc:  # noqa: BLE001 - no HEVC encoder in this libheif build
        pytest.skip(f"HEIC encoding unavailable: {exc}")


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height (the pixel data is never reached)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    )


def _chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def _exif_jpeg(orientation: int) -> bytes:
    image = Image.new("RGB", (80, 40), "white")
    image.paste((0, 0, 0), (0, 0, 20, 10))  # a black mark in the top-left corner
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "fmt"),
    [
        pytest.param(lambda: _encoded("JPEG"), "jpeg", id="jpeg"),
        pytest.param(lambda: _encoded("PNG"), "png", id="png"),
        pytest.param(lambda: _encoded("PNG", "RGBA"), "png", id="png-rgba"),
        pytest.param(lambda: _encoded("PNG", "L"), "png", id="png-grey"),
        pytest.param(lambda: _encoded("PNG", "P"), "png", id="png-palette"),
        pytest.param(lambda: _encoded("PNG", "I;16"), "png", id="png-16bit"),
        pytest.param(lambda: _encoded("WEBP"), "webp", id="webp"),
        pytest.param(_heic, "heic", id="heic"),
    ],
)
def test_decodes_supported_formats_to_rgb(make, fmt: str) -> None:
    decoded = decode_image(make(), max_pixels=LIMIT)
    assert decoded.format == fmt
    assert decoded.rgb.shape == (40, 64, 3)
    assert decoded.rgb.dtype == np.uint8


def test_transparent_png_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    decoded = decode_image(buffer.getvalue(), max_pixels=LIMIT)
    assert decoded.rgb.min() == 255


@pytest.mark.parametrize(
    ("orientation", "shape", "mark_at"),
    [
        pytest.param(1, (40, 80), (0, 0), id="upright"),
        pytest.param(3, (40, 80), (39, 79), id="rotate-180"),
        pytest.param(6, (80, 40), (0, 39), id="rotate-90-cw"),
        pytest.param(8, (80, 40), (79, 0), id="rotate-270-cw"),
    ],
)
def test_exif_orientation_is_applied(
    orientation: int, shape: tuple[int, int], mark_at: tuple[int, int]
) -> None:
    decoded = decode_image(_exif_jpeg(orientation), max_pixels=LIMIT)
    assert decoded.rgb.shape[:2] == shape
    assert decoded.rgb[mark_at].mean() < 60  # the black mark moved with the rotation
    assert decoded.exif_rotated == (orientation != 1)


@pytest.mark.parametrize(
    ("data", "error", "says"),
    [
        pytest.param(b"", UnreadableImageError, "empty", id="zero-bytes"),
        pytest.param(b"name,email\nMaria,m@x.it\n", UnreadableImageError, "not a JPEG", id="text"),
        pytest.param(
            _encoded("JPEG", size=(400, 300))[:600],
            UnreadableImageError,
            "truncated",
            id="truncated-jpeg",
        ),
        pytest.param(
            _encoded("PNG", size=(400, 300))[:120], UnreadableImageError, "PNG", id="truncated-png"
        ),
        pytest.param(
            b"\xff\xd8\xff\xe0" + b"\x00" * 50, UnreadableImageError, "JPEG", id="corrupt-jpeg"
        ),
        pytest.param(
            b"RIFF\x00\x00\x00\x00WEBPVP8 junk", UnreadableImageError, "WEBP", id="corrupt-webp"
        ),
        pytest.param(_png_header(100_000, 100_000), ImageTooLargeError, "limit", id="pixel-bomb"),
        pytest.param(_encoded("JPEG", size=(1, 1)), ImageTooSmallError, "1x1", id="one-pixel"),
        pytest.param(_encoded("PNG", size=(900, 20)), ImageTooSmallError, "900x20", id="a-sliver"),
        pytest.param(_png_header(8000, 7000), ImageTooLargeError, "56,000,000", id="over-limit"),
    ],
)
def test_bad_input_raises_a_clear_scan_error(data: bytes, error: type, says: str) -> None:
    with pytest.raises(error) as caught:
        decode_image(data, max_pixels=LIMIT)
    assert says in str(caught.value)


def test_pixel_limit_is_checked_before_decoding() -> None:
    # A header-only PNG can only be refused by its size: decoding would fail differently.
    with pytest.raises(ImageTooLargeError):
        decode_image(_png_header(2000, 2000), max_pixels=1_000_000)


@pytest.mark.parametrize("orientation", [pytest.param(o, id=f"exif-{o}") for o in range(1, 9)])
def test_every_exif_orientation_matches_pillow(orientation: int) -> None:
    pixels = np.random.default_rng(orientation).integers(0, 255, (40, 60, 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", exif=exif.tobytes(), quality=100)
    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(buffer.getvalue()))))
    decoded = decode_image(buffer.getvalue(), max_pixels=LIMIT).rgb
    assert decoded.shape == expected.shape
    assert np.abs(decoded.astype(int) - expected.astype(int)).mean() < 1.0


def test_a_png_with_a_flipped_bit_is_refused_even_where_it_would_decode() -> None:
    # Pillow stops inflating once it has its pixels: a flip in the zlib stream's checksum or
    # in data it never needs decodes silently. The chunk CRC catches every flip.
    buffer = io.BytesIO()
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(buffer, format="PNG")
    png = bytearray(buffer.getvalue())
    iend = png.rfind(b"IEND")
    png[iend - 9] ^= 0x01  # the last byte of IDAT's data: the zlib stream's own checksum
    with pytest.raises(UnreadableImageError, match="checksum"):
        decode_image(bytes(png), max_pixels=10_000)
    assert decode_image(buffer.getvalue(), max_pixels=10_000).rgb.shape == (40, 60, 3)
