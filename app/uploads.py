"""Uploaded images: read within limits, identify by magic bytes, check pixels and decode.

Everything here happens before a single byte is stored, so a refused upload leaves nothing
behind. The client's file name and Content-Type header are never trusted nor used.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from app.config import Settings
from app.errors import Invalid, PayloadTooLarge, UnsupportedMedia
from app.image_end import split_trailer
from ocr.decode import MIN_SIDE_PX, check_png_chunks, sniff_format
from ocr.errors import ImageTooLargeError, UnreadableImageError

CHUNK_BYTES = 64 * 1024
# Smaller than MIN_SIDE_PX a side, no card can be read: refused as input, not scanned into an
# empty contact (the scanner refuses it too).
# Pillow's format name for each content type: Image.open is restricted to the sniffed one,
# so a file cannot pass as one format and be decoded as another.
PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/heic": "HEIF",
}


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class UploadLike(Protocol):
    @property
    def file(self) -> Readable: ...


@dataclass(frozen=True)
class UploadedImage:
    """A checked image: its bytes, the type its magic bytes say, and its sha256."""

    data: bytes
    content_type: str
    sha256: str
    width: int = 0
    height: int = 0


def sniff_content_type(data: bytes) -> str | None:
    """The image type the first bytes announce, or None: names and headers are not asked."""
    try:
        return f"image/{sniff_format(data)}"
    except UnreadableImageError:
        return None


def read_limited(stream: Readable, max_bytes: int) -> bytes:
    """Read in chunks and stop as soon as the limit is passed (413), never the whole file first."""
    parts: list[bytes] = []
    total = 0
    while chunk := stream.read(CHUNK_BYTES):
        total += len(chunk)
        if total > max_bytes:
            raise PayloadTooLarge(f"the file is larger than the {_megabytes(max_bytes)} limit")
        parts.append(chunk)
    return b"".join(parts)


def read_upload(upload: UploadLike, settings: Settings, *, field: str = "front") -> UploadedImage:
    """Read and check one uploaded image; raises 4xx errors (AppError or ScanError)."""
    data = read_limited(upload.file, settings.max_upload_bytes)
    return check_image(data, settings, field=field)


def check_image(data: bytes, settings: Settings, *, field: str = "front") -> UploadedImage:
    """Type by magic bytes, nothing foreign appended, pixels from the header, then a full decode."""
    if not data:
        raise Invalid(f"the '{field}' file is empty (zero bytes)")
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(
            f"the file is larger than the {_megabytes(settings.max_upload_bytes)} limit"
        )
    content_type = sniff_content_type(data)
    if content_type is None:
        raise UnsupportedMedia(f"the '{field}' file is not a JPEG, PNG, WebP or HEIC image")
    end, trailer = split_trailer(data, content_type)
    if trailer == "unknown":
        raise UnsupportedMedia(
            f"the '{field}' file carries {len(data) - end:,} bytes of other data after the image "
            "(two formats in one file); upload a plain photo"
        )
    if trailer == "motion":
        # A motion photo: keep the still, drop the clip, so what is stored is one format only.
        data = data[:end]
    width, height = _decode_checked(data, content_type, settings.max_pixels, field)
    digest = hashlib.sha256(data).hexdigest()
    return UploadedImage(
        data=data, content_type=content_type, sha256=digest, width=width, height=height
    )


def _decode_checked(data: bytes, content_type: str, max_pixels: int, field: str) -> tuple[int, int]:
    if content_type == "image/heic":
        _register_heif()
    if content_type == "image/png":
        check_png_chunks(data, f"the '{field}' image")
    try:
        image = _open_header(data, content_type)
        width, height = image.size
        if width <= 0 or height <= 0:
            raise UnreadableImageError(f"the '{field}' image header declares no pixels")
        if min(width, height) < MIN_SIDE_PX:
            raise Invalid(
                f"the '{field}' image is {width}x{height} pixels: too small to show a card "
                f"(at least {MIN_SIDE_PX} pixels a side)"
            )
        if width * height > max_pixels:
            raise ImageTooLargeError(
                f"the '{field}' image is {width}x{height} = {width * height:,} pixels; "
                f"the limit is {max_pixels:,}"
            )
        _decode_fully(image)
    except (ImageTooLargeError, UnreadableImageError, Invalid):
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"the '{field}' image has too many pixels") from exc
    except Exception as exc:  # noqa: BLE001 - any decoder failure means unreadable input
        raise UnreadableImageError(
            f"the '{field}' image could not be decoded: {_reason(exc)}"
        ) from exc
    return width, height


def _open_header(data: bytes, content_type: str) -> Image.Image:
    """Open lazily: only the header is read, so the pixel check comes before any decoding."""
    with warnings.catch_warnings():
        # Our own pixel limit is the one that counts; Pillow's warning would only be noise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[content_type]])


def _decode_fully(image: Image.Image) -> None:
    """Decode every pixel once so truncated or corrupt files are refused now, not in a job."""
    if image.format == "JPEG":
        # A reduced-scale decode still reads the whole entropy-coded stream, at 1/64 the memory.
        image.draft("L", (max(1, image.size[0] // 8), max(1, image.size[1] // 8)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image.load()


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "the file is truncated"
    return text[:200]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size:,} bytes"
