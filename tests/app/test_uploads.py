"""app.uploads: size limit, magic bytes, header pixel check and full decode, before storing."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from app.config import Settings
from app.errors import AppError, UnsupportedMedia, status_for_scan_error
from app.uploads import CHUNK_BYTES, check_image, read_limited, read_upload, sniff_content_type
from ocr.errors import ScanError
from tests.app.photos import encode, png_claiming, small_image


def status_of(exc: Exception) -> int:
    if isinstance(exc, AppError):
        return exc.status_code
    assert isinstance(exc, ScanError)
    return status_for_scan_error(exc)


def heic_image() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(Image.new("RGB", (64, 40), "white"), "HEIF")


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        pytest.param(lambda: small_image("JPEG"), "image/jpeg", id="jpeg"),
        pytest.param(lambda: small_image("PNG"), "image/png", id="png"),
        pytest.param(lambda: small_image("WEBP"), "image/webp", id="webp"),
        pytest.param(heic_image, "image/heic", id="heic"),
    ],
)
def test_accepts_each_supported_format_by_its_bytes(
    settings: Settings, make, content_type: str
) -> None:  # type: ignore[no-untyped-def]
    data = make()
    image = check_image(data, settings)
    assert image.content_type == content_type
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    assert (image.width, image.height) == (64, 40)


def _jpeg() -> bytes:
    return small_image("JPEG", (400, 300))


BAD_FILES = [
    pytest.param(b"", 422, "empty", id="zero-bytes"),
    pytest.param(b"hello, I am a text file\n" * 10, 415, "not a JPEG", id="text"),
    pytest.param(b"%PDF-1.7\n" + b"x" * 200, 415, "not a JPEG", id="pdf"),
    pytest.param(small_image("GIF"), 415, "not a JPEG", id="gif-unsupported"),
    pytest.param(small_image("BMP"), 415, "not a JPEG", id="bmp-unsupported"),
    pytest.param(_jpeg()[: len(_jpeg()) // 2], 415, "truncated", id="truncated-jpeg"),
    pytest.param(_jpeg()[:20], 415, "could not be decoded", id="jpeg-header-only"),
    pytest.param(
        small_image("PNG", (300, 200))[:-40], 415, "could not be decoded", id="truncated-png"
    ),
    pytest.param(
        b"\xff\xd8\xff" + b"\x00" * 500, 415, "could not be decoded", id="jpeg-magic-then-junk"
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, 415, "could not be decoded", id="png-magic-then-junk"
    ),
    pytest.param(
        png_claiming(100_000, 100_000), 413, "pixels", id="png-header-claims-10-gigapixels"
    ),
    pytest.param(png_claiming(9_000, 9_000), 413, "limit is", id="png-over-pixel-limit"),
    pytest.param(png_claiming(0, 10), 415, "", id="png-zero-width"),
    pytest.param(small_image("PNG", (1, 1)), 422, "too small", id="1x1-png"),
    pytest.param(small_image("JPEG", (400, 20)), 422, "too small", id="a-sliver"),
    # A PNG body behind JPEG magic bytes: decoded only as what the magic says, so refused.
    pytest.param(
        b"\xff\xd8\xff" + small_image("PNG")[3:], 415, "could not be decoded", id="two-formats"
    ),
    pytest.param(
        small_image("PNG") + b"PK\x03\x04" + b"z" * 100, 415, "two formats", id="png-then-zip"
    ),
    pytest.param(
        _jpeg() + b"<html><script>alert(1)</script>", 415, "two formats", id="jpeg-then-html"
    ),
    pytest.param(small_image("WEBP") + b"<svg/>", 415, "two formats", id="webp-then-svg"),
]


@pytest.mark.parametrize(("data", "status", "detail"), BAD_FILES)
def test_refuses_bad_files_with_a_clear_4xx(
    settings: Settings, data: bytes, status: int, detail: str
) -> None:
    limited = settings.model_copy(update={"max_pixels": 50_000_000})
    with pytest.raises((AppError, ScanError)) as caught:
        check_image(data, limited)
    assert status_of(caught.value) == status
    assert detail in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(small_image("PNG") + b"\x00" * 16, id="png-zero-padding"),
        pytest.param(_jpeg() + _jpeg(), id="jpeg-with-a-second-jpeg-like-mpf"),
        pytest.param(
            encode(Image.new("RGB", (300, 200), "white"), "JPEG", progressive=True),
            id="progressive",
        ),
    ],
)
def test_harmless_endings_are_accepted(settings: Settings, data: bytes) -> None:
    assert check_image(data, settings).sha256 == hashlib.sha256(data).hexdigest()


def test_pixel_limit_comes_from_the_settings(settings: Settings) -> None:
    data = small_image("JPEG", (400, 300))
    check_image(data, settings.model_copy(update={"max_pixels": 400 * 300}))
    with pytest.raises(ScanError) as caught:
        check_image(data, settings.model_copy(update={"max_pixels": 400 * 300 - 1}))
    assert status_of(caught.value) == 413


class CountingStream:
    def __init__(self, size: int) -> None:
        self.stream = io.BytesIO(b"\xff" * size)
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_reading_stops_at_the_size_limit_without_reading_the_rest() -> None:
    stream = CountingStream(10 * CHUNK_BYTES)
    with pytest.raises(AppError) as caught:
        read_limited(stream, CHUNK_BYTES + 10)
    assert caught.value.status_code == 413
    assert stream.bytes_read <= 2 * CHUNK_BYTES


def test_read_upload_checks_size_then_content(settings: Settings) -> None:
    class Upload:
        def __init__(self, data: bytes) -> None:
            self.file = io.BytesIO(data)
            self.filename = "../../etc/passwd.jpg"  # never used

    data = small_image("PNG")
    assert read_upload(Upload(data), settings).content_type == "image/png"
    with pytest.raises(AppError) as caught:
        read_upload(Upload(data), settings.model_copy(update={"max_upload_bytes": len(data) - 1}))
    assert caught.value.status_code == 413


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(b"\xff\xd8\xff\xe0", "image/jpeg", id="jpeg"),
        pytest.param(b"\x89PNG\r\n\x1a\n", "image/png", id="png"),
        pytest.param(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp", id="webp"),
        pytest.param(b"\x00\x00\x00\x18ftypheic", "image/heic", id="heic"),
        pytest.param(b"\x00\x00\x00\x18ftypisom", None, id="mp4"),
        pytest.param(b"GIF89a", None, id="gif"),
        pytest.param(b"", None, id="empty"),
    ],
)
def test_sniff_content_type(head: bytes, expected: str | None) -> None:
    assert sniff_content_type(head) == expected


# ---------------------------------------------------------------- what phones append
def _jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "JPEG")
    return buffer.getvalue()


MP4_CLIP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" * 4


@pytest.mark.parametrize(
    ("appended", "kept"),
    [
        pytest.param(MP4_CLIP, "still", id="motion-photo-clip-dropped"),
        pytest.param(_jpeg((32, 24)) + MP4_CLIP, "still+mpf", id="mpf-jpeg-then-clip"),
        pytest.param(b"\x00" * 64, "all", id="zero-padding-kept"),
        pytest.param(b"MotionPhoto_Data" + MP4_CLIP, "still", id="samsung-motion-photo"),
        pytest.param(b"\x00\x00Image_UTC_Data1700000000SEFH\x00SEFT", "still", id="samsung-sef"),
    ],
)
def test_what_phones_append_is_accepted_and_only_the_stills_are_kept(
    settings: Settings, appended: bytes, kept: str
) -> None:
    still = _jpeg()
    checked = check_image(still + appended, settings)
    expected = {
        "still": still,
        "still+mpf": still + appended[: -len(MP4_CLIP)],
        "all": still + appended,
    }
    assert checked.data == expected[kept]
    assert checked.sha256 == hashlib.sha256(expected[kept]).hexdigest()


@pytest.mark.parametrize(
    "appended",
    [
        pytest.param(b"PK\x03\x04" + b"\x00" * 40, id="zip-after-jpeg"),
        pytest.param(_jpeg((32, 24)) + b"PK\x03\x04" + b"\x00" * 40, id="zip-after-a-second-jpeg"),
        pytest.param(b"\xff\xd8\xff\xe0garbage", id="broken-second-jpeg"),
        pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", id="heic-after-jpeg"),
    ],
)
def test_other_data_after_a_jpeg_is_refused(settings: Settings, appended: bytes) -> None:
    with pytest.raises(UnsupportedMedia, match="two formats"):
        check_image(_jpeg() + appended, settings)
