"""Decode stage: image bytes in, an upright RGB pixel array out (or a clear ScanError)."""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps

from ocr.errors import ImageTooLargeError, ImageTooSmallError, UnreadableImageError

MIN_SIDE_PX = 32  # fewer pixels a side than this hold no readable card (and break resizing)

_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
_heif_registered = False


@dataclass(frozen=True)
class DecodedImage:
    """The decoded photo: RGB pixels (H, W, 3) with EXIF orientation applied."""

    rgb: np.ndarray
    format: str
    exif_rotated: bool = False

    @property
    def size(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]


def sniff_format(data: bytes) -> str:
    """Name the container from its magic bytes; refuse anything else before decoding."""
    if not data:
        raise UnreadableImageError("the file is empty (zero bytes)")
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
    raise UnreadableImageError("the file is not a JPEG, PNG, WebP or HEIC image")


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def _open_checked(data: bytes, max_pixels: int) -> Image.Image:
    """Open lazily (header only) and refuse too many pixels before any pixel is decoded."""
    with warnings.catch_warnings():
        # Our own limit below is the one that counts; Pillow's warning would only be noise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as exc:
            raise ImageTooLargeError(
                f"the image has more pixels than the limit of {max_pixels:,}"
            ) from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise UnreadableImageError("the image header declares no pixels")
    if width * height > max_pixels:
        raise ImageTooLargeError(
            f"the image is {width}x{height} = {width * height:,} pixels; limit {max_pixels:,}"
        )
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    """Flatten transparency on white (cards are paper) and normalise the mode to RGB."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L").convert("RGB")
    return image.convert("RGB") if image.mode != "RGB" else image


def decode_image(data: bytes, *, max_pixels: int) -> DecodedImage:
    """Decode JPEG/PNG/WebP/HEIC bytes; EXIF orientation applied; errors are ScanErrors."""
    kind = sniff_format(data)
    if kind == "heic":
        _register_heif()
    if kind == "png":
        check_png_chunks(data)
    try:
        image = _open_checked(data, max_pixels)
        orientation = image.getexif().get(0x0112, 1)
        if kind == "jpeg" and _jpeg_is_complete(data):
            rgb = _apply_orientation(_decode_jpeg_fast(data), orientation)
        else:
            image.load()
            rgb = np.asarray(_to_rgb(ImageOps.exif_transpose(image) or image))
    except (ImageTooLargeError, UnreadableImageError):
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(
            f"the image has more pixels than the limit of {max_pixels:,}"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "unreadable input"
        raise UnreadableImageError(
            f"the {kind.upper()} image could not be decoded: {_reason(exc)}"
        ) from exc
    height, width = rgb.shape[:2]
    if min(height, width) < MIN_SIDE_PX:
        raise ImageTooSmallError(
            f"the image is {width}x{height} pixels: too small to show a card "
            f"(at least {MIN_SIDE_PX} pixels a side)"
        )
    exif_rotated = orientation not in (0, 1)
    return DecodedImage(rgb=np.ascontiguousarray(rgb), format=kind, exif_rotated=exif_rotated)


def check_png_chunks(data: bytes, what: str = "the PNG image") -> None:
    """Every chunk's CRC, up to IEND: Pillow stops inflating once it has its pixels, so a bit
    flipped in the compressed data can decode silently into wrong pixels."""
    at = 8
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        end = at + 8 + length
        if end + 4 > len(data):
            break  # truncated: Pillow names that
        kind = data[at + 4 : at + 8]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[at + 4 : end]) != crc:
            chunk = f"its {kind.decode()} chunk" if kind.isalpha() else "a chunk"
            raise UnreadableImageError(
                f"{what} could not be decoded: {chunk} fails its checksum (the file is corrupt)"
            )
        if kind == b"IEND":
            return
        at = end + 4


def _jpeg_is_complete(data: bytes) -> bool:
    """Ends with the EOI marker: a truncated file goes to Pillow, which names the problem."""
    return data.rstrip(b"\x00\r\n ")[-2:] == b"\xff\xd9"


def _decode_jpeg_fast(data: bytes) -> np.ndarray:
    """OpenCV's libjpeg-turbo build decodes a 12 MP photo in ~37 ms against Pillow's ~87 ms,
    straight into RGB (OpenCV >= 4.10)."""
    flags = cv2.IMREAD_COLOR_RGB | cv2.IMREAD_IGNORE_ORIENTATION  # EXIF is applied by us, once
    rgb = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if rgb is None:
        raise UnreadableImageError("the JPEG image could not be decoded: corrupt data")
    return rgb


def _apply_orientation(rgb: np.ndarray, orientation: int) -> np.ndarray:
    """EXIF orientation 1-8 as OpenCV moves (the same results as ImageOps.exif_transpose;
    cv2.rotate turns a 12 MP photo in ~19 ms, numpy's rot90 and the copy after it in ~90)."""
    moves: dict[int, Callable[[np.ndarray], np.ndarray]] = {
        2: lambda a: cv2.flip(a, 1),
        3: lambda a: cv2.rotate(a, cv2.ROTATE_180),
        4: lambda a: cv2.flip(a, 0),
        5: cv2.transpose,
        6: lambda a: cv2.rotate(a, cv2.ROTATE_90_CLOCKWISE),
        7: lambda a: cv2.transpose(cv2.rotate(a, cv2.ROTATE_180)),
        8: lambda a: cv2.rotate(a, cv2.ROTATE_90_COUNTERCLOCKWISE),
    }
    move = moves.get(orientation)
    return move(rgb) if move else rgb


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "the file is truncated"
    return text[:200]
