"""The card-reading pipeline: image bytes and options in, frozen dataclasses out.

A pure library: it imports nothing from `app` or `models`, nor FastAPI, nor settings.
"""

from ocr.errors import (
    ImageTooLargeError,
    ImageTooSmallError,
    OcrEngineError,
    OcrTimeoutError,
    ScanError,
    UnreadableImageError,
)
from ocr.types import CardFields, CardResult, OcrLine, Phone, ScanOptions, Word

__all__ = [
    "CardFields",
    "CardResult",
    "ImageTooLargeError",
    "ImageTooSmallError",
    "OcrEngineError",
    "OcrLine",
    "OcrTimeoutError",
    "Phone",
    "ScanError",
    "ScanOptions",
    "UnreadableImageError",
    "Word",
    "scan_card",
    "scan_cards",
]


def scan_card(data: bytes, options: ScanOptions | None = None) -> CardResult:
    """Read the main card in a photo (see ocr.pipeline)."""
    from ocr.pipeline import scan_card as _scan_card

    return _scan_card(data, options or ScanOptions())


def scan_cards(data: bytes, options: ScanOptions | None = None) -> list[CardResult]:
    """Read every card in a photo, largest first (see ocr.pipeline)."""
    from ocr.pipeline import scan_cards as _scan_cards

    return _scan_cards(data, options or ScanOptions())
