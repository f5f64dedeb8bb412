"""A corpus of hostile "images", generated (nothing binary is checked in).

Each entry is (id, file name, declared content type, bytes). The file name and content type
are deliberately misleading: the server must look only at the bytes.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Iterator

import cv2
import numpy as np
from PIL import Image

Sample = tuple[str, str, str, bytes]


def _pixels(width: int = 480, height: int = 300, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = np.full((height, width, 3), 240, np.uint8)
    image[40:100, 30 : width - 30] = rng.integers(0, 255, (60, width - 60, 3), dtype=np.uint8)
    cv2.putText(image, "Maria Rossi", (30, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (20, 20, 20), 2)
    return image


def _encode(extension: str, pixels: np.ndarray | None = None) -> bytes:
    ok, data = cv2.imencode(extension, _pixels() if pixels is None else pixels)
    assert ok
    return bytes(data)


def _pillow(fmt: str, size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG whose header declares width x height, with valid CRCs and a tiny IDAT."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = idat or zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def png_bomb(side: int = 12_000) -> bytes:
    """A real decompression bomb: side x side grey pixels that compress to a few hundred KB."""
    row = b"\x00" + b"\x00" * side  # filter byte + one grey byte per pixel
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real JPEG with its SOF0 frame size rewritten (the scan data is for a small image)."""
    data = bytearray(_encode(".jpg", _pixels(160, 120)))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def webp_declaring(width: int, height: int) -> bytes:
    """An extended WebP (VP8X) whose canvas is width x height (each at most 2^24)."""
    vp8x = (
        bytes([0, 0, 0, 0]) + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    chunk = b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def _flip(data: bytes, positions: list[int]) -> bytes:
    mutated = bytearray(data)
    for position in positions:
        mutated[position] ^= 0xFF
    return bytes(mutated)


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def _jpeg_with_comment(comment: bytes) -> bytes:
    data = _encode(".jpg")
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


def truncations() -> Iterator[Sample]:
    for extension, mime in ((".jpg", "image/jpeg"), (".png", "image/png"), (".webp", "image/webp")):
        data = _encode(extension)
        size = len(data)
        cuts = [1, 3, 8, 16, 40, 120, size // 4, size // 2, (3 * size) // 4, size - 64]
        for cut in cuts:
            yield f"truncated{extension}@{cut}of{size}", f"card{extension}", mime, data[:cut]


def bit_flips() -> Iterator[Sample]:
    png = _encode(".png")
    rng = random.Random(6)
    for n in range(6):  # inside the compressed pixel data: the zlib stream and CRCs disagree
        idat = png.find(b"IDAT") + 8
        positions = sorted(rng.sample(range(idat, len(png) - 20), 4))
        yield f"bitflip.png#{n}", "card.png", "image/png", _flip(png, positions)
    yield "bitflip.png-ihdr", "card.png", "image/png", _flip(png, [png.find(b"IHDR") + 5])
    jpeg = _encode(".jpg")
    dht = jpeg.find(b"\xff\xc4")
    yield (
        "bitflip.jpg-huffman-table",
        "card.jpg",
        "image/jpeg",
        _flip(jpeg, [dht + 4, dht + 5, dht + 6]),
    )
    sof = jpeg.find(b"\xff\xc0")
    yield "bitflip.jpg-frame-header", "card.jpg", "image/jpeg", _flip(jpeg, [sof + 9])
    sos = jpeg.find(b"\xff\xda")
    yield "bitflip.jpg-scan-header", "card.jpg", "image/jpeg", _flip(jpeg, [sos + 5, sos + 6])
    webp = _encode(".webp")
    yield "bitflip.webp-vp8-header", "card.webp", "image/webp", _flip(webp, [20, 21, 22, 23])


def wrong_headers() -> Iterator[Sample]:
    rng = random.Random(7)
    garbage = bytes(rng.getrandbits(8) for _ in range(4096))
    jpeg, png = _encode(".jpg"), _encode(".png")
    yield "png-signature+garbage", "card.png", "image/png", b"\x89PNG\r\n\x1a\n" + garbage
    yield "jpeg-soi+garbage", "card.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + garbage
    yield "webp-riff+garbage", "card.webp", "image/webp", b"RIFF\x00\x10\x00\x00WEBPVP8 " + garbage
    yield "heic-ftyp+garbage", "card.heic", "image/heic", b"\x00\x00\x00\x18ftypheic" + garbage
    yield "gif-header+garbage", "card.gif", "image/gif", b"GIF89a" + garbage
    yield "bmp-header+garbage", "card.bmp", "image/bmp", b"BM" + garbage
    yield "png-signature+jpeg-body", "card.png", "image/png", png[:8] + jpeg[2:]
    yield "jpeg-soi+png-body", "card.jpg", "image/jpeg", b"\xff\xd8\xff" + png[8:]
    yield "riff-webp+jpeg-body", "card.webp", "image/webp", b"RIFF\x00\x10\x00\x00WEBP" + jpeg
    yield "random-bytes", "card.jpg", "image/jpeg", garbage
    yield "valid-gif", "card.gif", "image/gif", _pillow("GIF")
    yield "valid-bmp", "card.bmp", "image/bmp", _pillow("BMP")
    yield "valid-tiff", "card.jpg", "image/jpeg", _pillow("TIFF")
    yield "pdf", "card.jpg", "image/jpeg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sizes_and_dimensions() -> Iterator[Sample]:
    yield "zero-size", "card.jpg", "image/jpeg", b""
    yield "one-byte", "card.jpg", "image/jpeg", b"\xff"
    yield "1x1.png", "card.png", "image/png", _pillow("PNG", (1, 1))
    yield "1x1.jpg", "card.jpg", "image/jpeg", _pillow("JPEG", (1, 1))
    yield "0x0-declared.png", "card.png", "image/png", png_declaring(0, 0)
    yield (
        "huge-declared.png-100000x100000",
        "card.png",
        "image/png",
        png_declaring(100_000, 100_000),
    )
    yield "huge-declared.png-1x60000000", "card.png", "image/png", png_declaring(1, 60_000_000)
    yield "huge-declared.jpg-65000x65000", "card.jpg", "image/jpeg", jpeg_declaring(65_000, 65_000)
    yield (
        "huge-declared.webp-16383x16383",
        "card.webp",
        "image/webp",
        webp_declaring(16_383, 16_383),
    )
    yield "bomb.png-12000x12000", "card.png", "image/png", png_bomb()
    yield "oversize-jpeg", "card.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * (2_100_000)


def polyglots_and_text() -> Iterator[Sample]:
    png, jpeg, archive = _encode(".png"), _encode(".jpg"), _zip_bytes()
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    yield "polyglot-png+zip", "card.png", "image/png", png + archive
    yield "polyglot-jpeg+html-after-eoi", "card.jpg", "image/jpeg", jpeg + html
    yield (
        "polyglot-jpeg-with-html-comment+zip",
        "card.jpg",
        "image/jpeg",
        _jpeg_with_comment(html) + archive,
    )
    yield "polyglot-zip+png", "card.png", "image/png", archive + png
    yield "polyglot-html+jpeg", "card.jpg", "image/jpeg", html + jpeg
    yield "text-named-jpg", "card.jpg", "image/jpeg", b"Maria Rossi\nSales Director\nAcme\n"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    yield "svg", "card.svg", "image/svg+xml", svg
    yield "svg-named-png", "card.png", "image/png", svg
    yield "html", "card.html", "text/html", html


def malformed_corpus() -> list[Sample]:
    return [
        *truncations(),
        *bit_flips(),
        *wrong_headers(),
        *sizes_and_dimensions(),
        *polyglots_and_text(),
    ]
