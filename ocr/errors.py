"""Errors the pipeline raises: a small tree, free of HTTP; app/errors.py maps them."""


class ScanError(Exception):
    """Base class: the image could not be scanned."""

    message = "the image could not be scanned"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class UnreadableImageError(ScanError):
    """Not an image we can decode: empty, truncated, corrupt or an unsupported format."""

    message = "the file is not a readable image (JPEG, PNG, WebP or HEIC)"


class ImageTooSmallError(ScanError):
    """Too few pixels a side to hold a readable card (a thumbnail, a 1x1 tracking pixel)."""

    message = "the image is too small to show a card"


class ImageTooLargeError(ScanError):
    """More pixels than the limit allows (also catches decompression bombs)."""

    message = "the image has too many pixels"


class OcrEngineError(ScanError):
    """Tesseract failed or is missing: a server-side problem, not the user's."""

    message = "the OCR engine failed"


class OcrTimeoutError(OcrEngineError):
    """Tesseract took longer than the per-image limit."""

    message = "the OCR engine took too long on this image"
